package sel4.arch.aarch64;

import sel4.kernel.KernelModule;
import sel4.machine.Words;

/**
 * Base of the AArch64 function modules: each models one seL4 arch source file and reaches its
 * siblings through {@link #arch} (as C functions in src/arch/arm reach each other), the arch state
 * through {@link #state} and the arch hardware through {@link #hw}.
 */
abstract class ArmModule extends KernelModule {
    protected final AArch64 arch;
    protected final ArmState state;
    protected final ArmHardware hw;

    ArmModule(AArch64 arch) {
        super(arch.kernel());
        this.arch = arch;
        this.state = arch.state();
        this.hw = arch.hardware();
    }

    /**
     * A CNode depth argument as lookupTargetSlot receives it: C passes the full word, so a value
     * that does not fit an int must still fail the depth range check instead of wrapping into it.
     */
    protected static int depthArg(long depth) {
        return Words.ugt(depth, Integer.MAX_VALUE) ? Integer.MAX_VALUE : (int) depth;
    }
}
