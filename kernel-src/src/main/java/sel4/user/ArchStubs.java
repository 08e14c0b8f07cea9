package sel4.user;

import sel4.api.InvocationLabel;

/**
 * Architecture invocation stubs the harness itself needs (AArch64 page mapping and GetAddress).
 * Every other arch label is reachable through {@link ProgramBuilder#invoke}.
 */
public final class ArchStubs {
    /** seL4_ARM_Default_VMAttributes (cacheable, parity enabled). */
    public static final long seL4_ARM_Default_VMAttributes = 3;
    /** seL4_ReadWrite as a seL4_CapRights_t word (read | write). */
    public static final long seL4_ReadWrite = 3;

    private final ProgramBuilder b;

    ArchStubs(ProgramBuilder b) {
        this.b = b;
    }

    /** seL4_ARM_Page_Map: cap vspace; words vaddr, rights, attributes. */
    public SyscallResult armPageMap(long frame, long vspace, long vaddr, long rights, long attr) {
        return b.invoke(frame, InvocationLabel.ARMPageMap.label(), Expect.EMPTY_REPLY, new long[] {vspace},
                "seL4_ARM_Page_Map(" + frame + ", 0x" + Long.toHexString(vaddr) + ")", vaddr, rights, attr);
    }

    public SyscallResult armPageUnmap(long frame) {
        return b.invoke(frame, InvocationLabel.ARMPageUnmap.label(), Expect.EMPTY_REPLY, new long[0],
                "seL4_ARM_Page_Unmap(" + frame + ")");
    }

    /** Returns the frame's physical address: label 0, length 1. */
    public SyscallResult armPageGetAddress(long frame) {
        return b.invoke(frame, InvocationLabel.ARMPageGetAddress.label(), Expect.reply(1), new long[0],
                "seL4_ARM_Page_GetAddress(" + frame + ")");
    }

    /** Returns the frame's physical address: label 0, length 1. */
    public SyscallResult x86PageGetAddress(long frame) {
        return b.invoke(frame, InvocationLabel.X86PageGetAddress.label(), Expect.reply(1), new long[0],
                "seL4_X86_Page_GetAddress(" + frame + ")");
    }
}
