package kreply.explore.driver;

import java.util.List;
import kreply.explore.config.ThreadSpec;
import sel4.arch.aarch64.Vcpu;
import sel4.object.tcb.Tcb;

/**
 * A configured thread of a live system: its TCB, its VCPU, the caps it may use, and what the
 * simulated CPU last executed in it. The last instruction matters because the kernel can rewind a
 * thread to it (a syscall whose budget check failed, a fault that is answered with a restart):
 * when the thread runs again it re-executes that instruction before anything else.
 */
final class ThreadHandle {
    final int index;
    final ThreadSpec spec;
    final Tcb tcb;
    final Vcpu vcpu;
    final List<NamedCap> caps;

    /** Address of the last instruction executed by this thread, or -1. */
    long lastPc = -1;
    /** What that instruction was, for re-execution. */
    Action lastAction;
    long lastArg;

    ThreadHandle(int index, ThreadSpec spec, Tcb tcb, Vcpu vcpu, List<NamedCap> caps) {
        this.index = index;
        this.spec = spec;
        this.tcb = tcb;
        this.vcpu = vcpu;
        this.caps = List.copyOf(caps);
    }

    String name() {
        return spec.name();
    }
}
