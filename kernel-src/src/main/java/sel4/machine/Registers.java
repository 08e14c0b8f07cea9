package sel4.machine;

/**
 * Models the register-set layout of seL4's include/arch/arm/arch/64/mode/machine/registerset.h and
 * include/arch/x86/arch/64/mode/machine/registerset.h.
 *
 * <p>Modelling choice: both architectures share one index space for the registers that carry a
 * syscall-ABI role, so that {@link #msgInfoRegister}, {@link #badgeRegister} and
 * {@link #msgRegisters} are compile-time constants exactly as in the C kernel. The x86_64 register
 * numbering is chosen so that RDI, RSI, R10, R8, R9, R15, R12 and R13 land on the AArch64 indices of
 * X0, X1, X2..X5, X6 and X8; the remaining registers keep their architecture names.
 */
public final class Registers {
    private Registers() {
    }

    /** Invoked capability pointer (X0 / RDI). Shares the register with the badge. */
    public static final int capRegister = 0;
    /** Badge delivered with a message (X0 / RDI). */
    public static final int badgeRegister = 0;
    /** Message info word (X1 / RSI). */
    public static final int msgInfoRegister = 1;
    /** The n_msgRegisters message registers (X2..X5 / R10, R8, R9, R15). */
    public static final int[] msgRegisters = {2, 3, 4, 5};
    /** MCS reply-object capability for Recv / ReplyRecv (X6 / R12). */
    public static final int replyRegister = 6;
    /** MCS NBSendRecv destination capability (X8 / R13). */
    public static final int nbsendRecvDest = 8;
    /** Program counter after the trapping instruction (ELR_EL1 / saved RIP). */
    public static final int NextIP = 32;
    /** Stack pointer (SP_EL0 / RSP). */
    public static final int SP = 31;
    /** Saved processor state (SPSR_EL1 / RFLAGS). */
    public static final int SPSR = 33;
    /** Restart program counter: the trapping instruction itself. */
    public static final int FaultIP = 34;
    /** Thread-local-storage base (TPIDR_EL0 / FS base). */
    public static final int TLS_BASE = 35;
    /** Second TLS register (TPIDRRO_EL0 / GS base). */
    public static final int TLS_BASE_2 = 36;
    /** Number of registers in a user context. */
    public static final int n_contextRegisters = 37;

    /** seL4's n_msgRegisters on AArch64 and x86_64. */
    public static final int n_msgRegisters = 4;

    /** AArch64 register names indexed by register number. */
    public static final String[] AARCH64_NAMES = new String[n_contextRegisters];
    /** x86_64 register names indexed by register number. */
    public static final String[] X86_64_NAMES = new String[n_contextRegisters];

    /**
     * The order of seL4_UserContext on AArch64: frame registers first (PC, SP, SPSR, X0..X8,
     * X16..X18, X29, X30) then the general-purpose registers (X9..X15, X19..X28, TPIDR_EL0,
     * TPIDRRO_EL0). ReadRegisters / WriteRegisters / CopyRegisters transfer this order.
     */
    public static final int[] AARCH64_FRAME_REGISTERS = {
        NextIP, SP, SPSR, 0, 1, 2, 3, 4, 5, 6, 7, 8, 16, 17, 18, 29, 30};
    public static final int[] AARCH64_GP_REGISTERS = {
        9, 10, 11, 12, 13, 14, 15, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, TLS_BASE, TLS_BASE_2};

    // x86_64 general registers placed on the indices left free by the ABI roles above.
    public static final int RAX = 7;
    public static final int RBX = 9;
    public static final int RCX = 10;
    public static final int RDX = 11;
    public static final int RBP = 12;
    public static final int R11 = 13;
    public static final int R14 = 14;

    /** The order of seL4_UserContext on x86_64 (frame: RIP, RSP, RFLAGS, RAX..R15; gp: FS, GS). */
    public static final int[] X86_64_FRAME_REGISTERS = {
        NextIP, SP, SPSR, RAX, RBX, RCX, RDX, 1, 0, RBP, 3, 4, 2, R11, 6, 8, R14, 5};
    public static final int[] X86_64_GP_REGISTERS = {TLS_BASE, TLS_BASE_2};

    static {
        for (int i = 0; i <= 30; i++) {
            AARCH64_NAMES[i] = "X" + i;
        }
        AARCH64_NAMES[SP] = "SP_EL0";
        AARCH64_NAMES[NextIP] = "ELR_EL1";
        AARCH64_NAMES[SPSR] = "SPSR_EL1";
        AARCH64_NAMES[FaultIP] = "FaultIP";
        AARCH64_NAMES[TLS_BASE] = "TPIDR_EL0";
        AARCH64_NAMES[TLS_BASE_2] = "TPIDRRO_EL0";

        String[] x = X86_64_NAMES;
        x[0] = "RDI";
        x[1] = "RSI";
        x[2] = "R10";
        x[3] = "R8";
        x[4] = "R9";
        x[5] = "R15";
        x[6] = "R12";
        x[RAX] = "RAX";
        x[8] = "R13";
        x[RBX] = "RBX";
        x[RCX] = "RCX";
        x[RDX] = "RDX";
        x[RBP] = "RBP";
        x[R11] = "R11";
        x[R14] = "R14";
        for (int i = 15; i < 31; i++) {
            x[i] = "unused" + i;
        }
        x[SP] = "RSP";
        x[NextIP] = "NextIP";
        x[SPSR] = "FLAGS";
        x[FaultIP] = "FaultIP";
        x[TLS_BASE] = "FS_BASE";
        x[TLS_BASE_2] = "GS_BASE";
    }
}
