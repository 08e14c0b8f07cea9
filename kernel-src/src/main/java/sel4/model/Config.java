package sel4.model;

/**
 * The configuration constants of the model: seL4's generated config (gen_config.h), the constants
 * of include/sel4/constants.h and the platform values that the Haskell spec leaves undefined
 * (KERNEL-REFERENCE §11). Every choice is documented next to the value.
 *
 * <p>Immutable; build variants with {@link #builder()}.
 */
public final class Config {
    /** seL4_MsgMaxLength. */
    public static final int msgMaxLength = 120;
    /** seL4_MsgMaxExtraCaps. */
    public static final int msgMaxExtraCaps = 3;
    /** Bits of the msgInfo length field (7) and extraCaps field (2). */
    public static final int msgLengthBits = 7;
    public static final int msgExtraCapBits = 2;
    /** CONFIG_NUM_PRIORITIES. */
    public static final int numPriorities = 256;
    public static final int seL4_MaxPrio = numPriorities - 1;
    /** CONFIG_MAX_NUM_WORK_UNITS_PER_PREEMPTION. */
    public static final int workUnitsLimit = 100;
    /** CONFIG_RETYPE_FAN_OUT_LIMIT. */
    public static final int retypeFanOutLimit = 256;
    /** CONFIG_RESET_CHUNK_BITS. */
    public static final int resetChunkBits = 8;
    /** MIN_REFILLS. */
    public static final int minRefills = 2;
    /** seL4_MinSchedContextBits. */
    public static final int seL4_MinSchedContextBits = 7;
    /** sizeof(refill_t): two 64-bit words. */
    public static final int refillSizeBytes = 16;
    /** Core of a scheduling context: 10 words of header plus 2 ticks (seL4_CoreSchedContextBytes). */
    public static final int seL4_CoreSchedContextBytes = 10 * 8 + 2 * 8;
    /** seL4_SlotBits on 64-bit. */
    public static final int seL4_SlotBits = 5;
    /** AArch64 / x86_64 object sizes (bits). */
    public static final int seL4_TCBBits = 11;
    public static final int seL4_EndpointBits = 4;
    public static final int seL4_NotificationBits = 6;
    public static final int seL4_ReplyBits = 5;
    public static final int seL4_PageBits = 12;
    public static final int seL4_LargePageBits = 21;
    public static final int seL4_HugePageBits = 30;
    public static final int seL4_PageTableBits = 12;
    public static final int seL4_VSpaceBits = 13;
    public static final int seL4_ARM_VCPUBits = 12;
    public static final int seL4_X86_VCPUBits = 14;
    public static final int seL4_ASIDPoolBits = 12;
    public static final int seL4_MinUntypedBits = 4;
    public static final int seL4_MaxUntypedBits = 47;
    /** Number of SMC argument / result registers (numSMCRegs). */
    public static final int numSMCRegs = 8;
    /** Number of software-generated interrupts. */
    public static final int numSGIs = 16;
    /** Time arguments take one message register on 64-bit (TIME_ARG_SIZE). */
    public static final int TIME_ARG_SIZE = 1;

    private final Arch arch;
    private final int numDomains;
    private final long kernelWcetUs;
    private final long timerPrecision;
    private final long maxPeriodUs;
    private final long bootTimeSliceUs;
    private final int numIrqLines;
    private final int timerIrq;
    private final int vgicMaintenanceIrq;
    private final int vtimerIrq;
    private final int numListRegs;
    private final boolean checks;
    private final boolean hardwareDebugApi;

    private Config(Builder b) {
        this.arch = b.arch;
        this.numDomains = b.numDomains;
        this.kernelWcetUs = b.kernelWcetUs;
        this.timerPrecision = b.timerPrecision;
        this.maxPeriodUs = b.maxPeriodUs;
        this.bootTimeSliceUs = b.bootTimeSliceUs;
        this.numIrqLines = b.numIrqLines;
        this.timerIrq = b.timerIrq;
        this.vgicMaintenanceIrq = b.vgicMaintenanceIrq;
        this.vtimerIrq = b.vtimerIrq;
        this.numListRegs = b.numListRegs;
        this.checks = b.checks;
        this.hardwareDebugApi = b.hardwareDebugApi;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.arch = arch;
        b.numDomains = numDomains;
        b.kernelWcetUs = kernelWcetUs;
        b.timerPrecision = timerPrecision;
        b.maxPeriodUs = maxPeriodUs;
        b.bootTimeSliceUs = bootTimeSliceUs;
        b.numIrqLines = numIrqLines;
        b.timerIrq = timerIrq;
        b.vgicMaintenanceIrq = vgicMaintenanceIrq;
        b.vtimerIrq = vtimerIrq;
        b.numListRegs = numListRegs;
        b.checks = checks;
        b.hardwareDebugApi = hardwareDebugApi;
        return b;
    }

    public static Config aarch64() {
        return builder().build();
    }

    public static Config x86_64() {
        return builder().arch(Arch.X86_64).build();
    }

    public Arch arch() {
        return arch;
    }

    /** CONFIG_NUM_DOMAINS; 1 by default, 2 in the multi-domain test configuration. */
    public int numDomains() {
        return numDomains;
    }

    /** Kernel worst-case execution time in µs (platform value; 10 µs as on qemu-arm-virt). */
    public long kernelWcetUs() {
        return kernelWcetUs;
    }

    /** MIN_BUDGET_US = 2 × kernel WCET; with 1 tick = 1 µs also MIN_BUDGET in ticks. */
    public long minBudgetUs() {
        return 2 * kernelWcetUs;
    }

    public long minBudget() {
        return usToTicks(minBudgetUs());
    }

    /** Timer precision in ticks (0: the model's timer is exact). */
    public long timerPrecision() {
        return timerPrecision;
    }

    /** MAX_PERIOD_US: one hour. */
    public long maxPeriodUs() {
        return maxPeriodUs;
    }

    /** MAX_RELEASE_TIME: far enough from overflow that release arithmetic cannot wrap. */
    public long maxReleaseTime() {
        return Long.MAX_VALUE - 5 * usToTicks(maxPeriodUs);
    }

    /** CONFIG_BOOT_THREAD_TIME_SLICE in µs (5 ms). */
    public long bootTimeSliceUs() {
        return bootTimeSliceUs;
    }

    /** 1 tick = 1 µs. */
    public long usToTicks(long us) {
        return us;
    }

    public long ticksToUs(long ticks) {
        return ticks;
    }

    public int numIrqLines() {
        return numIrqLines;
    }

    /** maxIRQ: the highest IRQ number the kernel accepts. */
    public int maxIRQ() {
        return numIrqLines - 1;
    }

    /** Kernel deadline-timer IRQ (EL2 physical timer PPI 26 with hypervisor support). */
    public int timerIrq() {
        return timerIrq;
    }

    /** VGIC maintenance PPI (25). */
    public int vgicMaintenanceIrq() {
        return vgicMaintenanceIrq;
    }

    /** Virtual-timer PPI (27). */
    public int vtimerIrq() {
        return vtimerIrq;
    }

    /** Number of GIC list registers of the virtual CPU interface (4 in the model). */
    public int numListRegs() {
        return numListRegs;
    }

    /**
     * Debug invariant checking (KERNEL-REFERENCE §10): the named assertions inside kernel
     * functions and the full checker after every kernel event. On by default, as in every test;
     * off stands for a release build, where only {@code fail()} halts.
     */
    public boolean checks() {
        return checks;
    }

    /** CONFIG_HARDWARE_DEBUG_API (breakpoint / single-step TCB labels). */
    public boolean hardwareDebugApi() {
        return hardwareDebugApi;
    }

    /** Mutable builder for {@link Config}. */
    public static final class Builder {
        private Arch arch = Arch.AARCH64;
        private int numDomains = 1;
        private long kernelWcetUs = 10;
        private long timerPrecision = 0;
        private long maxPeriodUs = 3_600_000_000L;
        private long bootTimeSliceUs = 5_000;
        private int numIrqLines = 256;
        private int timerIrq = 26;
        private int vgicMaintenanceIrq = 25;
        private int vtimerIrq = 27;
        private int numListRegs = 4;
        private boolean checks = true;
        private boolean hardwareDebugApi = true;

        public Builder arch(Arch a) {
            this.arch = a;
            return this;
        }

        public Builder numDomains(int n) {
            if (n < 1 || n > 256) {
                throw new IllegalArgumentException("numDomains must be 1..256: " + n);
            }
            this.numDomains = n;
            return this;
        }

        public Builder kernelWcetUs(long us) {
            this.kernelWcetUs = us;
            return this;
        }

        public Builder bootTimeSliceUs(long us) {
            this.bootTimeSliceUs = us;
            return this;
        }

        public Builder checks(boolean on) {
            this.checks = on;
            return this;
        }

        public Builder hardwareDebugApi(boolean on) {
            this.hardwareDebugApi = on;
            return this;
        }

        public Builder numListRegs(int n) {
            this.numListRegs = n;
            return this;
        }

        public Config build() {
            return new Config(this);
        }
    }
}
