package sel4.arch.x86_64;

import static sel4.api.ExceptionT.EXCEPTION_NONE;
import static sel4.api.MessageInfo.seL4_MessageInfo_new;
import static sel4.api.MessageInfo.wordFromMessageInfo;
import static sel4.machine.Registers.msgInfoRegister;
import static sel4.machine.Registers.msgRegisters;

import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.SyscallError;
import sel4.arch.common.ASIDControlCap;
import sel4.arch.common.ASIDPoolCap;
import sel4.arch.common.PageTable;
import sel4.object.cap.Cap;
import sel4.object.cap.FrameCap;
import sel4.object.cnode.Cte;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.ThreadState;

/**
 * Models the MMU invocations of seL4's src/arch/x86/kernel/vspace.c (decodeX86MMUInvocation,
 * decodeX86FrameInvocation, performPageGetAddress) for the model's x86_64 subset, whose only MMU
 * label is X86PageGetAddress: every other label on a frame, paging-structure or ASID cap is an
 * illegal operation, as seL4 answers any label a decoder does not know.
 *
 * <p>Legacy form (LEGACY-REPLY-BUGS §A6, snapshot A0): the MMU path has no {@code call} flag and
 * {@link #performPageGetAddress} writes MR0 and msgInfo straight into the registers, leaving the
 * decoder's Restart in place (codes C G B).
 */
public final class X86MMUInvocations extends X86Module {
    X86MMUInvocations(X86_64 arch) {
        super(arch);
    }

    public ExceptionT decodeX86MMUInvocation(long invLabel, int length, long cptr, Cte cte, Cap cap, IpcBuffer buffer) {
        if (cap instanceof FrameCap fc) {
            return decodeX86FrameInvocation(invLabel, length, cte, fc, buffer);
        }
        if (cap instanceof X86PageTableCap pt) {
            PageTable.PtType t = pt.pt().ptType();
            if (t == PageTable.PtType.X86_PageTable) {
                return decodeX86PageTableInvocation(invLabel);
            }
            if (t == PageTable.PtType.X86_PageDirectory) {
                return decodeX86PageDirectoryInvocation(invLabel);
            }
            return decodeX86ModeMMUInvocation(invLabel);
        }
        if (cap instanceof ASIDControlCap || cap instanceof ASIDPoolCap) {
            // X86ASIDControlMakePool / X86ASIDPoolAssign are outside the subset.
            return syscallError(SyscallError.illegalOperation());
        }
        fail("Invalid arch cap type");
        return ExceptionT.EXCEPTION_SYSCALL_ERROR;
    }

    /** Page-table labels (X86PageTableMap / Unmap) are outside the subset. */
    private ExceptionT decodeX86PageTableInvocation(long invLabel) {
        return syscallError(SyscallError.illegalOperation());
    }

    /** Page-directory labels are outside the subset. */
    private ExceptionT decodeX86PageDirectoryInvocation(long invLabel) {
        return syscallError(SyscallError.illegalOperation());
    }

    /** PDPT and PML4 labels (decodeX86ModeMMUInvocation) are outside the subset. */
    private ExceptionT decodeX86ModeMMUInvocation(long invLabel) {
        return syscallError(SyscallError.illegalOperation());
    }

    public ExceptionT decodeX86FrameInvocation(long invLabel, int length, Cte cte, FrameCap cap, IpcBuffer buffer) {
        if (InvocationLabel.genInvocationType(invLabel) == InvocationLabel.X86PageGetAddress) {
            k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
            return performPageGetAddress(cap.frame().ptr());
        }
        return syscallError(SyscallError.illegalOperation());
    }

    /**
     * performPageGetAddress, legacy A0 form (codes C G B): MR0 := the frame's physical address and
     * msgInfo := label 0, length 1, written directly; no call flag, no buffer, no badge, and the
     * decoder's Restart stays.
     */
    public ExceptionT performPageGetAddress(long basePtr) {
        setRegister(ks.ksCurThread, msgRegisters[0], X86Layout.pptr_to_paddr(basePtr));
        setRegister(ks.ksCurThread, msgInfoRegister, wordFromMessageInfo(seL4_MessageInfo_new(0, 0, 0, 1)));
        return EXCEPTION_NONE;
    }
}
