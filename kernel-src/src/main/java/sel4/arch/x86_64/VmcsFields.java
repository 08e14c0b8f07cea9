package sel4.arch.x86_64;

import java.util.Set;

/**
 * VMCS field encodings and guest MSR numbers used by the VCPU invocations
 * (include/arch/x86/arch/object/vcpu.h, include/arch/x86/arch/machine/cpu_registers.h; the values
 * are Intel's architectural encodings), with the sets of fields the ReadVMCS and WriteVMCS
 * decoders accept.
 */
public final class VmcsFields {
    private VmcsFields() {
    }

    public static final long VMX_GUEST_ES_SELECTOR = 0x800;
    public static final long VMX_GUEST_CS_SELECTOR = 0x802;
    public static final long VMX_GUEST_SS_SELECTOR = 0x804;
    public static final long VMX_GUEST_DS_SELECTOR = 0x806;
    public static final long VMX_GUEST_FS_SELECTOR = 0x808;
    public static final long VMX_GUEST_GS_SELECTOR = 0x80A;
    public static final long VMX_GUEST_LDTR_SELECTOR = 0x80C;
    public static final long VMX_GUEST_TR_SELECTOR = 0x80E;
    public static final long VMX_CONTROL_IOA_ADDRESS = 0x2000;
    public static final long VMX_CONTROL_IOB_ADDRESS = 0x2002;
    public static final long VMX_DATA_GUEST_PHYSICAL = 0x2400;
    public static final long VMX_GUEST_VMCS_LINK_POINTER = 0x2800;
    public static final long VMX_GUEST_VMCS_LINK_POINTER_HIGH = 0x2801;
    public static final long VMX_GUEST_DEBUGCTRL = 0x2802;
    public static final long VMX_GUEST_PAT = 0x2804;
    public static final long VMX_GUEST_EFER = 0x2806;
    public static final long VMX_GUEST_PERF_GLOBAL_CTRL = 0x2808;
    public static final long VMX_GUEST_PDPTE0 = 0x280A;
    public static final long VMX_GUEST_PDPTE1 = 0x280C;
    public static final long VMX_GUEST_PDPTE2 = 0x280E;
    public static final long VMX_GUEST_PDPTE3 = 0x2810;
    public static final long VMX_CONTROL_PIN_EXECUTION_CONTROLS = 0x4000;
    public static final long VMX_CONTROL_PRIMARY_PROCESSOR_CONTROLS = 0x4002;
    public static final long VMX_CONTROL_EXCEPTION_BITMAP = 0x4004;
    public static final long VMX_CONTROL_EXIT_CONTROLS = 0x400C;
    public static final long VMX_CONTROL_ENTRY_CONTROLS = 0x4012;
    public static final long VMX_CONTROL_ENTRY_INTERRUPTION_INFO = 0x4016;
    public static final long VMX_CONTROL_ENTRY_EXCEPTION_ERROR_CODE = 0x4018;
    public static final long VMX_CONTROL_SECONDARY_PROCESSOR_CONTROLS = 0x401E;
    public static final long VMX_DATA_INSTRUCTION_ERROR = 0x4400;
    public static final long VMX_DATA_EXIT_REASON = 0x4402;
    public static final long VMX_DATA_EXIT_INTERRUPT_INFO = 0x4404;
    public static final long VMX_DATA_EXIT_INTERRUPT_ERROR = 0x4406;
    public static final long VMX_DATA_IDT_VECTOR_INFO = 0x4408;
    public static final long VMX_DATA_IDT_VECTOR_ERROR = 0x440A;
    public static final long VMX_DATA_EXIT_INSTRUCTION_LENGTH = 0x440C;
    public static final long VMX_DATA_EXIT_INSTRUCTION_INFO = 0x440E;
    public static final long VMX_GUEST_ES_LIMIT = 0x4800;
    public static final long VMX_GUEST_CS_LIMIT = 0x4802;
    public static final long VMX_GUEST_SS_LIMIT = 0x4804;
    public static final long VMX_GUEST_DS_LIMIT = 0x4806;
    public static final long VMX_GUEST_FS_LIMIT = 0x4808;
    public static final long VMX_GUEST_GS_LIMIT = 0x480A;
    public static final long VMX_GUEST_LDTR_LIMIT = 0x480C;
    public static final long VMX_GUEST_TR_LIMIT = 0x480E;
    public static final long VMX_GUEST_GDTR_LIMIT = 0x4810;
    public static final long VMX_GUEST_IDTR_LIMIT = 0x4812;
    public static final long VMX_GUEST_ES_ACCESS_RIGHTS = 0x4814;
    public static final long VMX_GUEST_CS_ACCESS_RIGHTS = 0x4816;
    public static final long VMX_GUEST_SS_ACCESS_RIGHTS = 0x4818;
    public static final long VMX_GUEST_DS_ACCESS_RIGHTS = 0x481A;
    public static final long VMX_GUEST_FS_ACCESS_RIGHTS = 0x481C;
    public static final long VMX_GUEST_GS_ACCESS_RIGHTS = 0x481E;
    public static final long VMX_GUEST_LDTR_ACCESS_RIGHTS = 0x4820;
    public static final long VMX_GUEST_TR_ACCESS_RIGHTS = 0x4822;
    public static final long VMX_GUEST_INTERRUPTABILITY = 0x4824;
    public static final long VMX_GUEST_ACTIVITY = 0x4826;
    public static final long VMX_GUEST_SMBASE = 0x4828;
    public static final long VMX_GUEST_SYSENTER_CS = 0x482A;
    public static final long VMX_GUEST_PREEMPTION_TIMER_VALUE = 0x482E;
    public static final long VMX_CONTROL_CR0_MASK = 0x6000;
    public static final long VMX_CONTROL_CR4_MASK = 0x6002;
    public static final long VMX_CONTROL_CR0_READ_SHADOW = 0x6004;
    public static final long VMX_CONTROL_CR4_READ_SHADOW = 0x6006;
    public static final long VMX_DATA_EXIT_QUALIFICATION = 0x6400;
    public static final long VMX_DATA_IO_RCX = 0x6402;
    public static final long VMX_DATA_IO_RSI = 0x6404;
    public static final long VMX_DATA_IO_RDI = 0x6406;
    public static final long VMX_DATA_IO_RIP = 0x6408;
    public static final long VMX_DATA_GUEST_LINEAR_ADDRESS = 0x640A;
    public static final long VMX_GUEST_CR0 = 0x6800;
    public static final long VMX_GUEST_CR3 = 0x6802;
    public static final long VMX_GUEST_CR4 = 0x6804;
    public static final long VMX_GUEST_ES_BASE = 0x6806;
    public static final long VMX_GUEST_CS_BASE = 0x6808;
    public static final long VMX_GUEST_SS_BASE = 0x680A;
    public static final long VMX_GUEST_DS_BASE = 0x680C;
    public static final long VMX_GUEST_FS_BASE = 0x680E;
    public static final long VMX_GUEST_GS_BASE = 0x6810;
    public static final long VMX_GUEST_LDTR_BASE = 0x6812;
    public static final long VMX_GUEST_TR_BASE = 0x6814;
    public static final long VMX_GUEST_GDTR_BASE = 0x6816;
    public static final long VMX_GUEST_IDTR_BASE = 0x6818;
    public static final long VMX_GUEST_DR7 = 0x681A;
    public static final long VMX_GUEST_RSP = 0x681C;
    public static final long VMX_GUEST_RIP = 0x681E;
    public static final long VMX_GUEST_RFLAGS = 0x6820;
    public static final long VMX_GUEST_PENDING_DEBUG_EXCEPTIONS = 0x6822;
    public static final long VMX_GUEST_SYSENTER_ESP = 0x6824;
    public static final long VMX_GUEST_SYSENTER_EIP = 0x6826;

    /** Guest syscall MSRs a 64-bit guest's VCPU keeps (cpu_registers.h). */
    public static final long IA32_STAR_MSR = 0xC0000081L;
    public static final long IA32_LSTAR_MSR = 0xC0000082L;
    public static final long IA32_CSTAR_MSR = 0xC0000083L;
    public static final long IA32_FMASK_MSR = 0xC0000084L;
    public static final long IA32_VMX_MISC_MSR = 0x485L;

    /** Fields both decoders accept unchanged (guest state, CR masks and shadows, event injection). */
    private static final Set<Long> COMMON = Set.of(
            VMX_GUEST_RIP, VMX_GUEST_RSP, VMX_GUEST_ES_SELECTOR, VMX_GUEST_CS_SELECTOR, VMX_GUEST_SS_SELECTOR,
            VMX_GUEST_DS_SELECTOR, VMX_GUEST_FS_SELECTOR, VMX_GUEST_GS_SELECTOR, VMX_GUEST_LDTR_SELECTOR,
            VMX_GUEST_TR_SELECTOR, VMX_GUEST_DEBUGCTRL, VMX_GUEST_PAT, VMX_GUEST_EFER, VMX_GUEST_PERF_GLOBAL_CTRL,
            VMX_GUEST_PDPTE0, VMX_GUEST_PDPTE1, VMX_GUEST_PDPTE2, VMX_GUEST_PDPTE3, VMX_GUEST_ES_LIMIT,
            VMX_GUEST_CS_LIMIT, VMX_GUEST_SS_LIMIT, VMX_GUEST_DS_LIMIT, VMX_GUEST_FS_LIMIT, VMX_GUEST_GS_LIMIT,
            VMX_GUEST_LDTR_LIMIT, VMX_GUEST_TR_LIMIT, VMX_GUEST_GDTR_LIMIT, VMX_GUEST_IDTR_LIMIT,
            VMX_GUEST_ES_ACCESS_RIGHTS, VMX_GUEST_CS_ACCESS_RIGHTS, VMX_GUEST_SS_ACCESS_RIGHTS,
            VMX_GUEST_DS_ACCESS_RIGHTS, VMX_GUEST_FS_ACCESS_RIGHTS, VMX_GUEST_GS_ACCESS_RIGHTS,
            VMX_GUEST_LDTR_ACCESS_RIGHTS, VMX_GUEST_TR_ACCESS_RIGHTS, VMX_GUEST_INTERRUPTABILITY,
            VMX_GUEST_ACTIVITY, VMX_GUEST_SMBASE, VMX_GUEST_SYSENTER_CS, VMX_GUEST_PREEMPTION_TIMER_VALUE,
            VMX_GUEST_ES_BASE, VMX_GUEST_CS_BASE, VMX_GUEST_SS_BASE, VMX_GUEST_DS_BASE, VMX_GUEST_FS_BASE,
            VMX_GUEST_GS_BASE, VMX_GUEST_LDTR_BASE, VMX_GUEST_TR_BASE, VMX_GUEST_GDTR_BASE, VMX_GUEST_IDTR_BASE,
            VMX_GUEST_DR7, VMX_GUEST_RFLAGS, VMX_GUEST_PENDING_DEBUG_EXCEPTIONS, VMX_GUEST_SYSENTER_ESP,
            VMX_GUEST_SYSENTER_EIP, VMX_CONTROL_CR0_MASK, VMX_CONTROL_CR4_MASK, VMX_CONTROL_CR0_READ_SHADOW,
            VMX_CONTROL_CR4_READ_SHADOW, VMX_GUEST_CR3, VMX_CONTROL_EXCEPTION_BITMAP,
            VMX_CONTROL_ENTRY_INTERRUPTION_INFO);

    /** Fields WriteVMCS passes through unchanged. */
    private static final Set<Long> WRITABLE_PLAIN;

    /** Fields ReadVMCS accepts. */
    private static final Set<Long> READABLE;

    static {
        java.util.HashSet<Long> w = new java.util.HashSet<>(COMMON);
        w.add(VMX_CONTROL_ENTRY_EXCEPTION_ERROR_CODE);
        WRITABLE_PLAIN = Set.copyOf(w);
        java.util.HashSet<Long> r = new java.util.HashSet<>(COMMON);
        r.addAll(Set.of(VMX_DATA_INSTRUCTION_ERROR, VMX_DATA_EXIT_INTERRUPT_INFO, VMX_DATA_EXIT_INTERRUPT_ERROR,
                VMX_DATA_IDT_VECTOR_INFO, VMX_DATA_IDT_VECTOR_ERROR, VMX_DATA_EXIT_INSTRUCTION_LENGTH,
                VMX_DATA_EXIT_INSTRUCTION_INFO, VMX_DATA_GUEST_PHYSICAL, VMX_DATA_IO_RCX, VMX_DATA_IO_RSI,
                VMX_DATA_IO_RDI, VMX_DATA_IO_RIP, VMX_DATA_GUEST_LINEAR_ADDRESS,
                VMX_CONTROL_PIN_EXECUTION_CONTROLS, VMX_CONTROL_PRIMARY_PROCESSOR_CONTROLS,
                VMX_CONTROL_SECONDARY_PROCESSOR_CONTROLS, VMX_CONTROL_ENTRY_CONTROLS, VMX_CONTROL_EXIT_CONTROLS,
                VMX_GUEST_CR0, VMX_GUEST_CR4));
        READABLE = Set.copyOf(r);
    }

    public static boolean isReadable(long field) {
        return READABLE.contains(field);
    }

    /** Writable without adjustment. Control fields, CR0 and CR4 are writable with fixed bits applied. */
    public static boolean isWritablePlain(long field) {
        return WRITABLE_PLAIN.contains(field);
    }
}
