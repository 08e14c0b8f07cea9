package kreply.explore.driver;

import java.util.List;
import java.util.Map;
import kreply.explore.config.SystemConfig;
import sel4.arch.aarch64.AArch64;
import sel4.arch.aarch64.ArmHardware;
import sel4.arch.aarch64.ArmState;
import sel4.kernel.Kernel;
import sel4.object.KernelObject;
import sel4.object.tcb.Tcb;

/**
 * A configured system built on a fresh kernel and ready to be driven: the kernel, its AArch64
 * hardware, the configured threads and device IRQs. The root task has suspended itself; the
 * configured threads are running or blocked where their configuration says they start.
 */
public final class LiveSystem {
    final SystemConfig config;
    final Kernel k;
    final AArch64 arch;
    final ArmHardware hw;
    final ArmState armState;
    final List<ThreadHandle> threads;
    final List<IrqLine> irqs;
    final Tcb root;
    /** Configuration names of kernel objects (endpoints, notifications, replies, VCPUs, SCs). */
    final Map<KernelObject, String> names;

    LiveSystem(SystemConfig config, Kernel k, List<ThreadHandle> threads, List<IrqLine> irqs, Tcb root,
               Map<KernelObject, String> names) {
        this.config = config;
        this.k = k;
        this.arch = (AArch64) k.arch;
        this.hw = arch.hardware();
        this.armState = arch.state();
        this.threads = List.copyOf(threads);
        this.irqs = List.copyOf(irqs);
        this.root = root;
        this.names = names;
    }

    /** The configuration's name for a kernel object (threads by their debug name). */
    String nameOf(KernelObject o) {
        if (o == null) {
            return "-";
        }
        if (o instanceof Tcb t) {
            return t == root ? "root" : t == k.ks.ksIdleThread ? "idle" : t.tcbName;
        }
        String n = names.get(o);
        return n != null ? n : o.typeName() + "@0x" + Long.toHexString(o.ptr());
    }

    public SystemConfig config() {
        return config;
    }

    /** The configured thread running {@code tcb}, or null (idle thread, root task). */
    ThreadHandle handleOf(Tcb tcb) {
        for (ThreadHandle h : threads) {
            if (h.tcb == tcb) {
                return h;
            }
        }
        return null;
    }

    ThreadHandle handleNamed(String name) {
        for (ThreadHandle h : threads) {
            if (h.name().equals(name)) {
                return h;
            }
        }
        return null;
    }

    /** Simulated time in µs. */
    public long now() {
        return k.machine.timer().getCurrentTime();
    }

    /** The name of the current thread: a configured thread, {@code idle} or {@code root}. */
    public String currentName() {
        Tcb ct = k.ks.ksCurThread;
        if (ct == k.ks.ksIdleThread) {
            return "idle";
        }
        if (ct == root) {
            return "root";
        }
        ThreadHandle h = handleOf(ct);
        return h != null ? h.name() : String.valueOf(ct);
    }

    /** Whether the idle thread runs: every configured thread is blocked, stopped or waiting for its budget. */
    public boolean idle() {
        return k.ks.ksCurThread == k.ks.ksIdleThread;
    }

    /** Whether any thread waits in the release queue for its next refill (time alone will wake it). */
    public boolean threadsAwaitingRelease() {
        return k.ks.ksReleaseQueue.head != null;
    }

    /**
     * Runs the kernel's whole invariant checker on the current state now (it also runs after
     * every event); throws the kernel's {@code InvariantViolation} if a check fails.
     */
    public void checkInvariants() {
        k.invariants.checkAfterEvent(null);
    }

    /** Kernel entries so far (including those of building the system). */
    public long kernelEntries() {
        return k.ks.ksKernelEntries;
    }
}
