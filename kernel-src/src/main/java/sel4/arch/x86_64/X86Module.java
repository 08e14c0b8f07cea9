package sel4.arch.x86_64;

import sel4.kernel.KernelModule;
import sel4.machine.Words;

/**
 * Base of the x86_64 function modules: each models one seL4 source file under src/arch/x86 and
 * reaches its siblings through {@link #arch}, the arch state through {@link #state} and the
 * hardware through {@link #hw}.
 */
abstract class X86Module extends KernelModule {
    protected final X86_64 arch;
    protected final X86State state;
    protected final X86Hardware hw;

    X86Module(X86_64 arch) {
        super(arch.kernel());
        this.arch = arch;
        this.state = arch.state();
        this.hw = arch.hardware();
    }

    /** A CNode depth argument that cannot wrap into range when narrowed (see lookupTargetSlot). */
    protected static int depthArg(long depth) {
        return Words.ugt(depth, Integer.MAX_VALUE) ? Integer.MAX_VALUE : (int) depth;
    }
}
