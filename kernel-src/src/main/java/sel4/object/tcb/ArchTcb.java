package sel4.object.tcb;

import sel4.machine.Registers;

/**
 * Models seL4's {@code arch_tcb_t} (include/arch/arm/arch/64/mode/object/structures.h and the x86
 * equivalent): the saved user context, the bound VCPU and the hardware-debug state.
 */
public final class ArchTcb {
    /** The saved user registers (user_context_t). */
    public final UserContext tcbContext = new UserContext();
    /** Bound virtual CPU (tcbVCPU), or null. */
    public BoundVcpu tcbVCPU;
    /** Hardware debug API state (breakpoint registers and single-step), see {@link DebugState}. */
    public final DebugState debug = new DebugState();

    /** Models user_context_t: the register file indexed by {@link Registers} numbers. */
    public static final class UserContext {
        public final long[] registers = new long[Registers.n_contextRegisters];
    }

    /**
     * Hardware-debug API registers of a thread (user_breakpoint_state_t on ARM): a small bank of
     * breakpoints / watchpoints and the single-step configuration.
     */
    public static final class DebugState {
        public static final int numBreakpoints = 6;
        public final long[] vaddr = new long[numBreakpoints];
        public final int[] type = new int[numBreakpoints];
        public final int[] size = new int[numBreakpoints];
        public final int[] rw = new int[numBreakpoints];
        public final boolean[] enabled = new boolean[numBreakpoints];
        public boolean singleStepEnabled;
        public int singleStepBreakpoint = -1;
        public long singleStepInstructions;
    }
}
