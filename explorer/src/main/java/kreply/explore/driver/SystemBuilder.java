package kreply.explore.driver;

import static sel4.machine.Registers.FaultIP;
import static sel4.machine.Registers.NextIP;
import static sel4.machine.Registers.capRegister;
import static sel4.machine.Registers.replyRegister;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kreply.explore.config.CapGrant;
import kreply.explore.config.HandlerRef;
import kreply.explore.config.IrqSpec;
import kreply.explore.config.ScSpec;
import kreply.explore.config.SystemConfig;
import kreply.explore.config.ThreadSpec;
import kreply.explore.config.VcpuSpec;
import kreply.explore.config.WaitSpec;
import sel4.api.Event;
import sel4.api.InvocationLabel;
import sel4.api.ObjectTypes;
import sel4.api.Syscall;
import sel4.arch.aarch64.ArmObjectTypes;
import sel4.arch.aarch64.VCPUCap;
import sel4.arch.aarch64.Vcpu;
import sel4.kernel.Boot;
import sel4.kernel.BootInfo;
import sel4.kernel.InvariantViolation;
import sel4.kernel.Kernel;
import sel4.kernel.KernelHalt;
import sel4.machine.Words;
import sel4.model.BootInfoSlots;
import sel4.model.Config;
import sel4.object.KernelObject;
import sel4.object.cap.CNodeCap;
import sel4.object.cap.Cap;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.NotificationCap;
import sel4.object.cap.ReplyCap;
import sel4.object.cap.SchedContextCap;
import sel4.object.cap.UntypedCap;
import sel4.object.cap.ThreadCap;
import sel4.object.cnode.CNode;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;

/**
 * Builds a configured system on a freshly booted kernel with real invocations of the root task
 * (Untyped_Retype, CNode_Mint, Page_Map, TCB_Configure, SchedControl_ConfigureFlags,
 * TCB_SetSchedParams, VCPU_SetTCB / InjectIRQ, IRQControl_Get, ...), then starts it: threads that
 * start waiting run their first receive while the root task has lowered its priority, passive
 * threads lose their SC, the other threads are resumed and the root task suspends itself.
 *
 * <p>All threads share the root CNode as CSpace and the root VSpace (each has its own IPC-buffer
 * page there). Endpoint and notification caps a thread uses are minted with the badge
 * {@code thread index + 1}, so receivers can tell senders apart. Building takes no simulated time.
 */
public final class SystemBuilder {
    private static final long CNODE = BootInfoSlots.seL4_CapInitThreadCNode;
    private static final long VSPACE = BootInfoSlots.seL4_CapInitThreadVSpace;
    private static final long ROOT_TCB = BootInfoSlots.seL4_CapInitThreadTCB;
    private static final long DEPTH = Words.wordBits;
    private static final long ALL_RIGHTS = 0xf;
    private static final long READ_WRITE = 3;
    private static final long DEFAULT_VM_ATTRIBUTES = 3;
    private static final long PASSIVE_START_BUDGET = 1000;

    private final SystemConfig config;
    private Kernel k;
    private BootInfo bi;
    private DirectRoot root;
    private CNode rootCNode;
    private int nextSlot;
    private int nextPage = 1;
    private final Map<String, Long> objects = new HashMap<>();

    private SystemBuilder(SystemConfig config) {
        this.config = config;
    }

    /** Boots a kernel with invariant checking on (the explorer's oracle) and builds {@code config} on it. */
    public static LiveSystem build(SystemConfig config) {
        return new SystemBuilder(config).run();
    }

    /** The kernel configuration a system runs on: AArch64 with hypervisor support, checks on. */
    static Config kernelConfig(SystemConfig config) {
        return Config.aarch64().toBuilder()
                .kernelWcetUs(config.kernel().wcetUs())
                .numListRegs(config.kernel().listRegisters())
                .checks(true)
                .build();
    }

    private LiveSystem run() {
        Boot.Booted booted = Boot.boot(kernelConfig(config));
        k = booted.kernel();
        bi = booted.bootInfo();
        root = new DirectRoot(k);
        rootCNode = ((CNodeCap) root.tcb().tcbCTE[Tcb.tcbCTable].cap).cnode();
        nextSlot = bi.empty().start();

        for (String ep : config.endpoints()) {
            objects.put(ep, retype("endpoint " + ep, ObjectTypes.seL4_EndpointObject, 0, Config.seL4_EndpointBits));
        }
        for (String n : config.notifications()) {
            objects.put(n, retype("notification " + n, ObjectTypes.seL4_NotificationObject, 0,
                    Config.seL4_NotificationBits));
        }
        for (String r : config.replies()) {
            objects.put(r, retype("reply " + r, ObjectTypes.seL4_ReplyObject, 0, Config.seL4_ReplyBits));
        }
        for (VcpuSpec v : config.vcpus()) {
            objects.put(v.name(), retype("VCPU " + v.name(), ArmObjectTypes.seL4_ARM_VCPUObject, 0,
                    ArmObjectTypes.VCPU_SIZE_BITS));
        }
        List<IrqLine> irqs = new ArrayList<>();
        for (IrqSpec irq : config.irqs()) {
            irqs.add(irqHandler(irq));
        }

        List<ThreadHandle> threads = new ArrayList<>();
        Map<String, Long> tcbCaps = new HashMap<>();
        Map<String, Long> scCaps = new HashMap<>();
        for (int i = 0; i < config.threads().size(); i++) {
            ThreadSpec t = config.threads().get(i);
            long tcbCap = retype("TCB of " + t.name(), ObjectTypes.seL4_TCBObject, 0, Config.seL4_TCBBits);
            int scBits = scSizeBits(t.sc());
            long scCap = retype("SC of " + t.name(), ObjectTypes.seL4_SchedContextObject, scBits, scBits);
            tcbCaps.put(t.name(), tcbCap);
            scCaps.put(t.name(), scCap);
            Tcb tcb = ((ThreadCap) rootCNode.slots[(int) tcbCap].cap).tcb();
            tcb.tcbName = t.name();
            configureThread(t, tcbCap, scCap);
            Vcpu vcpu = t.vcpu() == null ? null : bindVcpu(t, tcbCap);
            threads.add(new ThreadHandle(i, t, tcb, vcpu, threadCaps(t, i)));
        }
        for (VcpuSpec v : config.vcpus()) {
            for (VcpuSpec.Injection inj : v.inject()) {
                root.invoke("inject virq " + inj.virq() + " into " + v.name(), objects.get(v.name()),
                        InvocationLabel.ARMVCPUInjectIRQ, new long[0], injectWord(inj.lr(), inj.virq()));
            }
        }

        start(threads, tcbCaps, scCaps);
        Map<KernelObject, String> names = new IdentityHashMap<>();
        objects.forEach((name, cptr) -> {
            KernelObject o = objectOf(rootCNode.slots[cptr.intValue()].cap);
            if (o != null) {
                names.put(o, name);
            }
        });
        scCaps.forEach((name, cptr) -> names.put(objectOf(rootCNode.slots[cptr.intValue()].cap), "SC of " + name));
        return new LiveSystem(config, k, threads, irqs, root.tcb(), names);
    }

    private static KernelObject objectOf(Cap c) {
        if (c instanceof EndpointCap e) {
            return e.ep();
        } else if (c instanceof NotificationCap n) {
            return n.ntfn();
        } else if (c instanceof ReplyCap r) {
            return r.reply();
        } else if (c instanceof VCPUCap v) {
            return v.vcpu();
        } else if (c instanceof SchedContextCap s) {
            return s.sc();
        }
        return null;
    }

    /** MR0 of ARM_VCPU_InjectIRQ: virq (bits 15:0), priority 0, group 0, list register (39:32). */
    static long injectWord(int lr, int virq) {
        return (virq & 0xffffL) | ((long) lr << 32);
    }

    private void configureThread(ThreadSpec t, long tcbCap, long scCap) {
        long frame = retype("IPC buffer of " + t.name(), ArmObjectTypes.seL4_ARM_SmallPageObject, 0, Config.seL4_PageBits);
        long vaddr = bi.ipcBufferVaddr() + ((long) nextPage++ << Config.seL4_PageBits);
        root.invoke("map the IPC buffer of " + t.name(), frame, InvocationLabel.ARMPageMap, new long[] {VSPACE},
                vaddr, READ_WRITE, DEFAULT_VM_ATTRIBUTES);
        root.invoke("configure " + t.name(), tcbCap, InvocationLabel.TCBConfigure, new long[] {CNODE, VSPACE, frame},
                Words.wordBits - Boot.ROOT_CNODE_SIZE_BITS, 0, vaddr);
        ScSpec sc = t.sc();
        long budget = sc.isPassive() ? PASSIVE_START_BUDGET : sc.budget();
        long period = sc.isPassive() ? PASSIVE_START_BUDGET : sc.period();
        root.invoke("configure the SC of " + t.name(), bi.schedControlSlot(), InvocationLabel.SchedControlConfigureFlags,
                new long[] {scCap}, budget, period, sc.extraRefills(), sc.badge(), sc.flags());
        long faultEp = t.faultHandler() == null ? BootInfoSlots.seL4_CapNull : badged(t.faultHandler());
        root.invoke("set the scheduling parameters of " + t.name(), tcbCap, InvocationLabel.TCBSetSchedParams,
                new long[] {ROOT_TCB, scCap, faultEp}, t.priority(), t.priority());
        if (t.timeoutHandler() != null) {
            root.invoke("set the timeout handler of " + t.name(), tcbCap, InvocationLabel.TCBSetTimeoutEndpoint,
                    new long[] {badged(t.timeoutHandler())});
        }
        if (t.boundNotification() != null) {
            root.invoke("bind " + t.boundNotification() + " to " + t.name(), tcbCap, InvocationLabel.TCBBindNotification,
                    new long[] {objects.get(t.boundNotification())});
        }
    }

    private Vcpu bindVcpu(ThreadSpec t, long tcbCap) {
        long vcpuCap = objects.get(t.vcpu());
        root.invoke("bind " + t.vcpu() + " to " + t.name(), vcpuCap, InvocationLabel.ARMVCPUSetTCB, new long[] {tcbCap});
        return ((VCPUCap) rootCNode.slots[(int) vcpuCap].cap).vcpu();
    }

    /** The caps the search lets the thread invoke: copies minted with its rights (and badge) for IPC objects. */
    private List<NamedCap> threadCaps(ThreadSpec t, int index) {
        List<NamedCap> caps = new ArrayList<>();
        for (CapGrant g : t.caps()) {
            String name = g.name();
            long original = objects.get(name);
            KernelObject object = objectOf(rootCNode.slots[(int) original].cap);
            NamedCap.Type type;
            long cptr = original;
            if (config.endpoints().contains(name) || config.notifications().contains(name)) {
                type = config.endpoints().contains(name) ? NamedCap.Type.ENDPOINT : NamedCap.Type.NOTIFICATION;
                cptr = mint("cap to " + name + " for " + t.name(), original, g.rightsWord(), index + 1);
            } else if (config.replies().contains(name)) {
                type = NamedCap.Type.REPLY;
            } else if (config.vcpus().stream().anyMatch(v -> v.name().equals(name))) {
                type = NamedCap.Type.VCPU;
            } else {
                type = NamedCap.Type.IRQ_HANDLER;
            }
            caps.add(new NamedCap(name, type, cptr, object, g.send(), g.receive()));
        }
        return caps;
    }

    private IrqLine irqHandler(IrqSpec irq) {
        long handler = allocSlot("IRQ handler " + irq.name());
        root.invoke("IRQ handler for line " + irq.line(), BootInfoSlots.seL4_CapIRQControl,
                InvocationLabel.IRQIssueIRQHandler, new long[] {CNODE}, irq.line(), handler, DEPTH);
        long ntfn = mint("badged cap to " + irq.notification() + " for IRQ " + irq.name(), objects.get(irq.notification()),
                ALL_RIGHTS, irq.badge());
        root.invoke("deliver IRQ " + irq.name() + " to " + irq.notification(), handler, InvocationLabel.IRQSetIRQHandler,
                new long[] {ntfn});
        // The driver's IRQHandler_Ack stands for the device-register write that drops the line.
        k.machine.irq().setLowerOnUnmask(irq.line(), true);
        objects.put(irq.name(), handler);
        return new IrqLine(irq.name(), irq.line(), handler);
    }

    /**
     * Starts the system. Threads with a start-up wait are resumed first and, with the root task
     * at priority 0, each runs its receive as soon as it is chosen; then passive threads give up
     * their SC, the other threads are resumed and the root task suspends itself.
     */
    private void start(List<ThreadHandle> threads, Map<String, Long> tcbCaps, Map<String, Long> scCaps) {
        Set<ThreadHandle> waiting = new LinkedHashSet<>();
        for (ThreadHandle h : threads) {
            if (h.spec.waitOn() != null) {
                waiting.add(h);
                root.invoke("resume " + h.name(), tcbCaps.get(h.name()), InvocationLabel.TCBResume, new long[0]);
            }
        }
        if (!waiting.isEmpty()) {
            root.invoke("lower the root task's priority", ROOT_TCB, InvocationLabel.TCBSetPriority,
                    new long[] {ROOT_TCB}, 0);
            int yields = 0;
            while (!waiting.isEmpty()) {
                Tcb ct = k.ks.ksCurThread;
                if (ct == root.tcb()) {
                    // A waiting thread at priority 0 may be queued behind the root task.
                    if (++yields > waiting.size() + 1) {
                        throw new SetupException("threads " + names(waiting) + " never ran to their start-up wait");
                    }
                    rootYield();
                    continue;
                }
                ThreadHandle h = null;
                for (ThreadHandle w : waiting) {
                    if (w.tcb == ct) {
                        h = w;
                    }
                }
                if (h == null) {
                    throw new SetupException("while starting the system, " + ct + " ran instead of the threads that start"
                            + " waiting (" + names(waiting) + ")");
                }
                startWait(h);
                waiting.remove(h);
            }
            if (k.ks.ksCurThread != root.tcb()) {
                throw new SetupException("after the start-up waits " + k.ks.ksCurThread + " runs instead of the root task");
            }
            root.invoke("restore the root task's priority", ROOT_TCB, InvocationLabel.TCBSetPriority,
                    new long[] {ROOT_TCB}, Config.seL4_MaxPrio);
        }
        for (ThreadHandle h : threads) {
            if (h.spec.sc().isPassive()) {
                root.invoke("make " + h.name() + " passive", scCaps.get(h.name()), InvocationLabel.SchedContextUnbind,
                        new long[0]);
            }
        }
        for (ThreadHandle h : threads) {
            if (h.spec.waitOn() == null) {
                root.invoke("resume " + h.name(), tcbCaps.get(h.name()), InvocationLabel.TCBResume, new long[0]);
            }
        }
        root.invokeLast("suspend the root task", ROOT_TCB, InvocationLabel.TCBSuspend, new long[0]);
        if (k.ks.ksCurThread == root.tcb()) {
            throw new SetupException("the root task is still running after suspending itself");
        }
    }

    /** The thread's first instruction: its configured receive (endpoint) or wait (notification). */
    private void startWait(ThreadHandle h) {
        WaitSpec w = h.spec.waitOn();
        long[] regs = h.tcb.tcbArch.tcbContext.registers;
        regs[capRegister] = capOf(h, w.object());
        regs[replyRegister] = w.reply() == null ? 0 : capOf(h, w.reply());
        Syscall sys = w.onEndpoint() && w.reply() != null ? Syscall.SysRecv : Syscall.SysWait;
        long pc = regs[NextIP];
        regs[FaultIP] = pc;
        regs[NextIP] = pc + 1;
        try {
            k.callKernel(new Event.SyscallEvent(sys));
        } catch (InvariantViolation | KernelHalt e) {
            throw new SetupException("start-up wait of " + h.name() + ": the kernel broke: " + e.getMessage());
        }
        if (!h.tcb.tcbState.isBlocked()) {
            throw new SetupException(h.name() + " did not block in its start-up wait on " + w.object()
                    + " (state " + h.tcb.tcbState + ")");
        }
        h.lastPc = pc;
    }

    private void rootYield() {
        long[] regs = root.tcb().tcbArch.tcbContext.registers;
        regs[FaultIP] = regs[NextIP];
        regs[NextIP] = regs[NextIP] + 1;
        k.callKernel(new Event.SyscallEvent(Syscall.SysYield));
    }

    private static long capOf(ThreadHandle h, String name) {
        for (NamedCap c : h.caps) {
            if (c.name().equals(name)) {
                return c.cptr();
            }
        }
        throw new SetupException(h.name() + " has no cap to " + name);
    }

    private static String names(Set<ThreadHandle> hs) {
        return String.join(", ", hs.stream().map(ThreadHandle::name).toList());
    }

    // ---- objects and slots ----

    private long retype(String what, int type, int sizeBits, int objectBits) {
        long untyped = pickUntyped(what, objectBits);
        long slot = allocSlot(what);
        root.invoke("create " + what, untyped, InvocationLabel.UntypedRetype, new long[] {CNODE},
                type, sizeBits, 0, 0, slot, 1);
        return slot;
    }

    private long mint(String what, long src, long rights, long badge) {
        long dest = allocSlot(what);
        root.invoke("mint " + what, CNODE, InvocationLabel.CNodeMint, new long[] {CNODE},
                dest, DEPTH, src, DEPTH, rights, badge);
        return dest;
    }

    private long badged(HandlerRef h) {
        return mint("badged cap to " + h.endpoint(), objects.get(h.endpoint()), ALL_RIGHTS, h.badge());
    }

    private long allocSlot(String what) {
        if (nextSlot >= bi.empty().end()) {
            throw new SetupException(what + ": the root CNode is full");
        }
        return nextSlot++;
    }

    private long pickUntyped(String what, int objectBits) {
        for (BootInfo.UntypedDesc d : bi.untypedList()) {
            if (d.isDevice() || d.sizeBits() < objectBits) {
                continue;
            }
            if (rootCNode.slots[d.slot()].cap instanceof UntypedCap ut && ut.ptr() == d.paddr()) {
                long start = Words.ROUND_UP(ut.freeIndex(), objectBits);
                if (start + (1L << objectBits) <= (1L << ut.blockSize())) {
                    return d.slot();
                }
            }
        }
        throw new SetupException(what + ": no untyped memory left for 2^" + objectBits + " bytes");
    }

    /** The smallest SC size whose refill buffer holds the two minimum refills plus the extra ones. */
    static int scSizeBits(ScSpec sc) {
        int needed = Config.minRefills + sc.extraRefills();
        int bits = Config.seL4_MinSchedContextBits;
        while (SchedContext.refillAbsoluteMax(bits) < needed) {
            bits++;
        }
        return bits;
    }
}
