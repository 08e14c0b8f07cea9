package sel4.arch.aarch64;

/**
 * The 24 VCPU system registers, numbered as libsel4's {@code seL4_VCPUReg} for aarch64
 * (libsel4/sel4_arch_include/aarch64/sel4/sel4_arch/constants.h): EL1 system control, exception
 * handling, thread-ID, VMPIDR, saved EL1 state and the generic-timer registers.
 */
public final class VcpuReg {
    private VcpuReg() {
    }

    public static final int seL4_VCPUReg_SCTLR = 0;
    public static final int seL4_VCPUReg_CPACR = 1;
    public static final int seL4_VCPUReg_TTBR0 = 2;
    public static final int seL4_VCPUReg_TTBR1 = 3;
    public static final int seL4_VCPUReg_TCR = 4;
    public static final int seL4_VCPUReg_MAIR = 5;
    public static final int seL4_VCPUReg_AMAIR = 6;
    public static final int seL4_VCPUReg_CIDR = 7;
    public static final int seL4_VCPUReg_ACTLR = 8;
    public static final int seL4_VCPUReg_AFSR0 = 9;
    public static final int seL4_VCPUReg_AFSR1 = 10;
    public static final int seL4_VCPUReg_ESR = 11;
    public static final int seL4_VCPUReg_FAR = 12;
    public static final int seL4_VCPUReg_PAR = 13;
    public static final int seL4_VCPUReg_VBAR = 14;
    public static final int seL4_VCPUReg_TPIDR_EL1 = 15;
    public static final int seL4_VCPUReg_VMPIDR_EL2 = 16;
    public static final int seL4_VCPUReg_SP_EL1 = 17;
    public static final int seL4_VCPUReg_ELR_EL1 = 18;
    public static final int seL4_VCPUReg_SPSR_EL1 = 19;
    public static final int seL4_VCPUReg_CNTV_CTL = 20;
    public static final int seL4_VCPUReg_CNTV_CVAL = 21;
    public static final int seL4_VCPUReg_CNTVOFF = 22;
    public static final int seL4_VCPUReg_CNTKCTL_EL1 = 23;
    public static final int seL4_VCPUReg_Num = 24;

    /** The range saved and restored as a block on every VCPU switch (TTBR0 .. SPSR_EL1). */
    public static final int seL4_VCPURegSaveRange_start = seL4_VCPUReg_TTBR0;
    public static final int seL4_VCPURegSaveRange_end = seL4_VCPUReg_SPSR_EL1;

    /** SCTLR_EL1 value a fresh VCPU starts with (guest MMU and caches off; SCTLR_EL1_VM). */
    public static final long SCTLR_EL1_VM = 0x00c50838L;
    /** SCTLR_EL1 used while a native (non-VCPU) thread runs (SCTLR_DEFAULT). */
    public static final long SCTLR_DEFAULT = 0x00c5183cL;

    /**
     * Registers whose live copy is kept in the VCPU object, not in hardware, while the loaded
     * VCPU is disabled (vcpu_reg_saved_when_disabled).
     */
    public static boolean vcpu_reg_saved_when_disabled(int field) {
        switch (field) {
            case seL4_VCPUReg_SCTLR:
            case seL4_VCPUReg_CNTV_CTL:
            case seL4_VCPUReg_CNTV_CVAL:
            case seL4_VCPUReg_CNTVOFF:
            case seL4_VCPUReg_CNTKCTL_EL1:
            case seL4_VCPUReg_CPACR:
                return true;
            default:
                return false;
        }
    }

    private static final String[] NAMES = {
        "SCTLR", "CPACR", "TTBR0", "TTBR1", "TCR", "MAIR", "AMAIR", "CIDR", "ACTLR", "AFSR0", "AFSR1",
        "ESR", "FAR", "PAR", "VBAR", "TPIDR_EL1", "VMPIDR_EL2", "SP_EL1", "ELR_EL1", "SPSR_EL1",
        "CNTV_CTL", "CNTV_CVAL", "CNTVOFF", "CNTKCTL_EL1"};

    public static String name(int field) {
        return field >= 0 && field < NAMES.length ? NAMES[field] : "VCPUReg" + field;
    }
}
