package sel4.kernel;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import sel4.arch.Arch;
import sel4.machine.Registers;
import sel4.model.Config;
import sel4.model.KernelState;
import sel4.object.cap.Cap;
import sel4.object.cnode.Cte;
import sel4.object.frame.Frame;
import sel4.object.frame.IpcBuffer;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.TcbQueue;
import sel4.object.tcb.ThreadState;

/**
 * Test support for the scheduler, budget, queue and scheduling-context tests: builds a kernel with
 * an idle thread and idle SC, creates TCBs and SCs directly in the heap, and reads queue contents.
 *
 * <p>The kernel's architecture hooks are replaced by {@link RecordingArch}, which records the
 * scheduler's calls (switch, idle activation, domain preparation) and serves IPC buffers from a
 * per-thread table. This keeps these tests about the scheduler itself: they observe that the hooks
 * are called, not what a VCPU or FPU switch does (the arch tests cover that).
 */
public final class SchedTestSupport {
    public static final int SC_BITS = 8; // (256 - 96) / 16 = 10 refills

    public final Kernel k;
    public final KernelState ks;
    public final RecordingArch arch;
    public final Tcb idle;
    public final SchedContext idleSc;
    private long nextPtr = 0x10_0000L;

    public SchedTestSupport() {
        this(Config.aarch64());
    }

    public SchedTestSupport(Config config) {
        this.arch = new RecordingArch();
        this.k = new Kernel(config, arch::install);
        this.ks = k.ks;

        idleSc = sc("idleSC");
        k.refills.refill_new(idleSc, Config.minRefills, config.usToTicks(config.bootTimeSliceUs()), 0);
        idle = tcb("idle", 0);
        idle.tcbState = ThreadState.IdleThreadState;
        idle.tcbSchedContext = idleSc;
        idleSc.scTcb = idle;
        ks.ksIdleThread = idle;
        ks.ksIdleSC = idleSc;
        ks.ksCurThread = idle;
        ks.ksCurSC = idleSc;
        ks.ksDomainTime = 1_000_000;
    }

    /** A new inactive TCB in the current domain, registered in the heap. */
    public Tcb tcb(String name, int prio) {
        Tcb t = new Tcb(alloc(Config.seL4_TCBBits), ks.ksCurDomain);
        t.tcbName = name;
        t.tcbPriority = prio;
        t.tcbMCP = Config.seL4_MaxPrio;
        ks.ksPSpace.insert(t);
        return t;
    }

    /** A new, unconfigured SC of {@link #SC_BITS} bits. */
    public SchedContext sc(String name) {
        SchedContext sc = new SchedContext(alloc(SC_BITS), SC_BITS);
        ks.ksPSpace.insert(sc);
        return sc;
    }

    private long alloc(int bits) {
        long p = (nextPtr + (1L << bits) - 1) & -(1L << bits);
        nextPtr = p + (1L << bits);
        return p;
    }

    /** A Running thread bound to a fresh round-robin SC with {@code budget} ticks. */
    public Tcb rrThread(String name, int prio, long budget) {
        Tcb t = tcb(name, prio);
        SchedContext sc = sc(name + ".sc");
        k.refills.refill_new(sc, Config.minRefills, budget, 0);
        bind(t, sc);
        t.tcbState = ThreadState.Running;
        return t;
    }

    /** A Running thread bound to a fresh sporadic SC. */
    public Tcb sporadicThread(String name, int prio, long budget, long period, int maxRefills) {
        Tcb t = tcb(name, prio);
        SchedContext sc = sc(name + ".sc");
        k.refills.refill_new(sc, maxRefills, budget, period);
        sc.scSporadic = true;
        bind(t, sc);
        t.tcbState = ThreadState.Running;
        return t;
    }

    public static void bind(Tcb t, SchedContext sc) {
        t.tcbSchedContext = sc;
        sc.scTcb = t;
    }

    /** Makes {@code t} the running thread with its SC current, as after a kernel exit. */
    public void makeCurrent(Tcb t) {
        ks.ksCurThread = t;
        ks.ksCurSC = t.tcbSchedContext;
        ks.ksSchedulerAction = sel4.model.SchedulerAction.ResumeCurrentThread;
    }

    /** Advances the machine clock and takes the kernel-entry timestamp. */
    public void elapse(long ticks) {
        k.machine.timer().advance(ticks);
        k.budget.updateTimestamp();
    }

    public TcbQueue readyQueue(int dom, int prio) {
        return ks.ksReadyQueues[KernelState.ready_queues_index(dom, prio)];
    }

    public static List<Tcb> contents(TcbQueue q) {
        List<Tcb> out = new ArrayList<>();
        for (Tcb t = q.head; t != null && out.size() < 1000; t = t.tcbSchedNext) {
            out.add(t);
        }
        return out;
    }

    public List<Tcb> ready(int prio) {
        return contents(readyQueue(0, prio));
    }

    public List<Tcb> releaseQueue() {
        return contents(ks.ksReleaseQueue);
    }

    /** An IPC buffer on its own frame; message register i lives at word i + 1. */
    public IpcBuffer newBuffer() {
        Frame f = new Frame(alloc(Config.seL4_PageBits), Config.seL4_PageBits, false);
        return new IpcBuffer(f, 0);
    }

    public static long mr(Tcb t, int i) {
        return KernelModule.getRegister(t, Registers.msgRegisters[i]);
    }

    /** Puts a cap in a fresh slot and makes it the invocation's first extra cap. */
    public void extraCap(Cap cap) {
        Cte slot = new Cte(null, 0);
        slot.cap = cap;
        ks.current_extra_caps[0] = slot;
        ks.current_extra_caps[1] = null;
    }

    public void noExtraCaps() {
        ks.current_extra_caps[0] = null;
    }

    /**
     * Records the architecture hooks the scheduler calls (thread switches, idle activation,
     * domain preparation, IPC-buffer lookups answered from {@link #buffers}); every other hook
     * goes to the real architecture. A dynamic proxy keeps this in step with the Arch interface.
     */
    public static final class RecordingArch implements InvocationHandler {
        public final List<String> calls = new ArrayList<>();
        public final Map<Tcb, IpcBuffer> buffers = new IdentityHashMap<>();
        public final List<Tcb> bufferLookups = new ArrayList<>();
        public Consumer<Tcb> onSwitch = t -> { };
        private Arch real;

        Arch install(Kernel k) {
            this.real = Kernel.defaultArch(k);
            return (Arch) Proxy.newProxyInstance(Arch.class.getClassLoader(), new Class<?>[] {Arch.class}, this);
        }

        @Override
        public Object invoke(Object proxy, Method m, Object[] a) throws Throwable {
            switch (m.getName()) {
                case "lookupIPCBuffer" -> {
                    Tcb thread = (Tcb) a[1];
                    bufferLookups.add(thread);
                    calls.add("lookupIPCBuffer(" + a[0] + "," + thread + ")");
                    return buffers.get(thread);
                }
                case "Arch_switchToThread" -> {
                    calls.add("switchToThread(" + a[0] + ")");
                    onSwitch.accept((Tcb) a[0]);
                    return null;
                }
                case "Arch_switchToIdleThread" -> {
                    calls.add("switchToIdleThread");
                    return null;
                }
                case "Arch_activateIdleThread" -> {
                    calls.add("activateIdleThread(" + a[0] + ")");
                    return null;
                }
                case "Arch_prepareNextDomain" -> {
                    calls.add("prepareNextDomain");
                    return null;
                }
                case "Arch_prepareSetDomain" -> {
                    calls.add("prepareSetDomain(" + a[0] + "," + a[1] + ")");
                    return null;
                }
                default -> {
                    try {
                        return m.invoke(real, a);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                }
            }
        }
    }
}
