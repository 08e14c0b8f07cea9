package kreply.explore.driver;

import static sel4.machine.Registers.FaultIP;
import static sel4.machine.Registers.NextIP;
import static sel4.machine.Registers.capRegister;
import static sel4.machine.Registers.msgInfoRegister;
import static sel4.machine.Registers.msgRegisters;
import static sel4.machine.Registers.n_msgRegisters;
import static sel4.machine.Registers.replyRegister;

import kreply.explore.trace.EventKind;
import kreply.explore.trace.FaultKind;
import sel4.api.Event;
import sel4.api.MessageInfo;
import sel4.arch.aarch64.Virq;
import sel4.arch.aarch64.VirtualTimer;
import sel4.kernel.InvariantViolation;
import sel4.kernel.Kernel;
import sel4.kernel.KernelHalt;
import sel4.machine.InterruptController;
import sel4.machine.Timer;
import sel4.object.tcb.Tcb;

/**
 * Drives one live system, one scenario event at a time, the way the hardware would: the current
 * thread's instructions enter the kernel with their arguments in its registers (each instruction
 * takes 1 µs, as on the model's simulated CPU); time and devices change interrupt levels. After
 * every event the consequences are settled before anything else can happen: each pending
 * interrupt is taken, and a thread the kernel rewound to its last instruction (Restart) executes it
 * again when it runs. The kernel checks its invariants after every kernel entry; a step that
 * entered no kernel is checked explicitly, so the checker runs after every event.
 *
 * <p>Nothing here allocates on the success path: events are prebuilt templates and the kernel's
 * own events are prebuilt too.
 */
public final class Stepper {
    /** What applying an event led to. */
    public enum Outcome {
        /** The event ran and every check held. */
        OK,
        /** A check failed (see {@link #violation()}). */
        VIOLATION,
        /** An interrupt or restart storm: more than {@link #SETTLE_LIMIT} kernel entries without a choice. */
        STUCK,
        /** The event cannot happen now (wrong thread running, no deadline armed, ...). */
        INAPPLICABLE
    }

    /** Kernel entries one event may trigger before the system counts as stuck. */
    public static final int SETTLE_LIMIT = 64;
    private static final Event INTERRUPT = Event.InterruptEvent.INSTANCE;
    private static final long MR_BASE = 0xa0;

    private final LiveSystem sys;
    private final Kernel k;
    private final Timer timer;
    private final InterruptController irqc;
    private final int vtimerIrq;
    private final int maintenanceIrq;
    private final int timerIrq;
    private final int numListRegs;
    /**
     * The only lines that can ever be pending: the kernel timer, the two hypervisor PPIs and the
     * configured devices (nothing else asserts a line or gives it a computed level). Testing these
     * first spares the controller's scan of all 256 lines on the common path where none is.
     */
    private final int[] liveLines;
    private Violation violation;
    private int irqInProgress = -1;

    public Stepper(LiveSystem sys) {
        this.sys = sys;
        this.k = sys.k;
        this.timer = k.machine.timer();
        this.irqc = k.machine.irq();
        this.vtimerIrq = k.config.vtimerIrq();
        this.maintenanceIrq = k.config.vgicMaintenanceIrq();
        this.timerIrq = k.config.timerIrq();
        this.numListRegs = sys.armState.gic_vcpu_num_list_regs;
        this.liveLines = new int[3 + sys.irqs.size()];
        liveLines[0] = maintenanceIrq;
        liveLines[1] = timerIrq;
        liveLines[2] = vtimerIrq;
        for (int i = 0; i < sys.irqs.size(); i++) {
            liveLines[3 + i] = sys.irqs.get(i).line();
        }
    }

    public LiveSystem system() {
        return sys;
    }

    /** The violation of the last {@link Outcome#VIOLATION}. */
    public Violation violation() {
        return violation;
    }

    // ---- enabledness --------------------------------------------------------------------------

    /** Whether the event can happen now with some argument. */
    public boolean enabled(Action a) {
        switch (a.kind) {
            case SYSCALL:
            case FAULT:
                return k.ks.ksCurThread == a.thread.tcb;
            case TICK:
                return true;
            case DEADLINE: {
                long d = timer.getDeadline();
                return d != Timer.NO_DEADLINE && d > timer.getCurrentTime();
            }
            case IRQ:
                return !irqc.level(a.irq.line());
            case VPPI:
                return guestRunning(a.thread) && !timerFiring();
            case VTIMER_OFF:
                return guestRunning(a.thread) && (sys.hw.vtimer().readCTL() & VirtualTimer.CNTV_CTL_ENABLE) != 0;
            case EOI:
                return guestRunning(a.thread) && a.lr < numListRegs && eoiRequested(sys.hw.gic().get_gic_vcpu_ctrl_lr(a.lr));
            default:
                return false;
        }
    }

    /** µs from now to the armed kernel deadline, or 0 if none is armed in the future. */
    public long deadlineGap() {
        long d = timer.getDeadline();
        long now = timer.getCurrentTime();
        return d != Timer.NO_DEADLINE && d > now ? d - now : 0;
    }

    /** Whether the event can happen now with exactly this argument. */
    public boolean applicable(Action a, long arg) {
        if (!enabled(a)) {
            return false;
        }
        if (a.kind == EventKind.DEADLINE) {
            return arg >= 0 && timer.getDeadline() - arg > timer.getCurrentTime();
        }
        return a.kind != EventKind.TICK || arg >= 0;
    }

    /** The guest of {@code t} is running: {@code t} is current and its VCPU is loaded and enabled. */
    private boolean guestRunning(ThreadHandle t) {
        return k.ks.ksCurThread == t.tcb && t.vcpu != null && sys.armState.armHSCurVCPU == t.vcpu
                && sys.armState.armHSVCPUActive;
    }

    private boolean timerFiring() {
        long ctl = sys.hw.vtimer().readCTL();
        return (ctl & VirtualTimer.CNTV_CTL_ENABLE) != 0 && (ctl & VirtualTimer.CNTV_CTL_ISTATUS) != 0;
    }

    private static boolean eoiRequested(long lr) {
        return Virq.virq_get_virqEOIIRQEN(lr) && Virq.virq_get_virqType(lr) != Virq.virq_virq_invalid;
    }

    // ---- applying -----------------------------------------------------------------------------

    /** Applies one event and settles its consequences. */
    public Outcome apply(Action a, long arg) {
        violation = null;
        if (!applicable(a, arg)) {
            return Outcome.INAPPLICABLE;
        }
        long entries = k.ks.ksKernelEntries;
        try {
            switch (a.kind) {
                case SYSCALL -> syscall(a, arg);
                case FAULT -> fault(a);
                case TICK -> tick(arg);
                case DEADLINE -> timer.advanceTo(timer.getDeadline() - arg);
                case IRQ -> irqc.assertLine(a.irq.line());
                case VPPI -> sys.hw.expireVirtualTimer(a.thread.vcpu);
                case VTIMER_OFF -> sys.hw.guestDisablesVirtualTimer();
                case EOI -> sys.hw.guestCompletesEoi(a.thread.vcpu, a.lr);
            }
            Outcome o = settle();
            if (o == Outcome.OK && k.ks.ksKernelEntries == entries) {
                // Only time or an interrupt level changed; the oracle still runs after every event.
                sys.checkInvariants();
            }
            return o;
        } catch (InvariantViolation e) {
            violation = new Violation(Violation.Kind.INVARIANT, e.invariant(), e.thread(), e.getMessage(),
                    VariantClassifier.classify(sys, e.invariant(), e.thread()), irqHandler());
            return Outcome.VIOLATION;
        } catch (KernelHalt e) {
            Tcb ct = k.ks.ksCurThread;
            violation = new Violation(Violation.Kind.HALT, "halt: " + e.getMessage(), ct == null ? null : ct.tcbName,
                    "the kernel halted: " + e.getMessage(), Variant.OTHER, irqHandler());
            return Outcome.VIOLATION;
        } catch (RuntimeException e) {
            // The kernel's conventions allow no other exception out of the kernel: a model bug.
            Tcb ct = k.ks.ksCurThread;
            StackTraceElement[] where = e.getStackTrace();
            violation = new Violation(Violation.Kind.CRASH, "crash: " + e.getClass().getSimpleName(),
                    ct == null ? null : ct.tcbName, "an exception escaped the kernel: " + e
                    + (where.length > 0 ? " at " + where[0] : ""), Variant.OTHER, irqHandler());
            return Outcome.VIOLATION;
        } finally {
            irqInProgress = -1;
        }
    }

    /** Takes pending interrupts and re-executes rewound instructions until the CPU is free. */
    private Outcome settle() {
        for (int i = 0; i < SETTLE_LIMIT; i++) {
            int irq = anyLinePending() ? irqc.getActiveIRQ() : InterruptController.irqInvalid;
            if (irq != InterruptController.irqInvalid) {
                irqInProgress = irq;
                k.callKernel(INTERRUPT);
                irqInProgress = -1;
                continue;
            }
            ThreadHandle h = rewound();
            if (h == null) {
                return Outcome.OK;
            }
            reexecute(h);
        }
        return Outcome.STUCK;
    }

    private boolean anyLinePending() {
        for (int line : liveLines) {
            if (irqc.isPending(line)) {
                return true;
            }
        }
        return false;
    }

    /** The current thread if the kernel rewound it to its last instruction, else null. */
    private ThreadHandle rewound() {
        Tcb ct = k.ks.ksCurThread;
        long next = ct.tcbArch.tcbContext.registers[NextIP];
        for (ThreadHandle h : sys.threads) {
            if (h.tcb == ct) {
                return h.lastAction != null && next == h.lastPc ? h : null;
            }
        }
        return null;
    }

    private void syscall(Action a, long arg) {
        ThreadHandle t = a.thread;
        long[] regs = t.tcb.tcbArch.tcbContext.registers;
        switch (a.op) {
            case CALL, SEND, NBSEND, REPLY -> {
                regs[capRegister] = a.cap.cptr();
                message(regs, arg);
            }
            case REPLY_RECV -> {
                regs[capRegister] = a.cap.cptr();
                regs[replyRegister] = a.reply.cptr();
                message(regs, arg);
            }
            case RECV, NBRECV -> {
                regs[capRegister] = a.cap.cptr();
                regs[replyRegister] = a.reply.cptr();
            }
            case WAIT, NBWAIT -> regs[capRegister] = a.cap.cptr();
            case SIGNAL -> {
                regs[capRegister] = a.cap.cptr();
                regs[msgInfoRegister] = 0;
            }
            case YIELD -> {
            }
            case INJECT_IRQ -> invocation(regs, a, SystemBuilder.injectWord(a.lr, a.virq));
            case ACK_VPPI -> invocation(regs, a, vtimerIrq);
            case IRQ_ACK -> {
                regs[capRegister] = a.cap.cptr();
                regs[msgInfoRegister] = MessageInfo.wordFromMessageInfo(
                        MessageInfo.seL4_MessageInfo_new(a.invocation.label(), 0, 0, 0));
            }
        }
        trap(t, a, arg, regs);
    }

    private void message(long[] regs, long arg) {
        int length = (int) Action.length(arg);
        regs[msgInfoRegister] = MessageInfo.wordFromMessageInfo(
                MessageInfo.seL4_MessageInfo_new(Action.label(arg), 0, 0, length));
        for (int i = 0; i < Math.min(length, n_msgRegisters); i++) {
            regs[msgRegisters[i]] = MR_BASE + i;
        }
    }

    private static void invocation(long[] regs, Action a, long mr0) {
        regs[capRegister] = a.cap.cptr();
        regs[msgInfoRegister] = MessageInfo.wordFromMessageInfo(
                MessageInfo.seL4_MessageInfo_new(a.invocation.label(), 0, 0, 1));
        regs[msgRegisters[0]] = mr0;
    }

    /** A syscall instruction at NextIP: restart address the trap itself, return address the next. */
    private void trap(ThreadHandle t, Action a, long arg, long[] regs) {
        long pc = regs[NextIP];
        regs[FaultIP] = pc;
        regs[NextIP] = pc + 1;
        t.lastPc = pc;
        t.lastAction = a;
        t.lastArg = arg;
        timer.advance(1);
        k.callKernel(a.event);
    }

    /** A faulting instruction at NextIP (an unknown syscall number traps like a syscall). */
    private void fault(Action a) {
        ThreadHandle t = a.thread;
        long[] regs = t.tcb.tcbArch.tcbContext.registers;
        if (a.fault == FaultKind.UNKNOWN_SYSCALL) {
            trap(t, a, 0, regs);
            return;
        }
        long pc = regs[NextIP];
        regs[FaultIP] = pc;
        t.lastPc = pc;
        t.lastAction = a;
        t.lastArg = 0;
        timer.advance(1);
        k.callKernel(a.event);
    }

    /** The rewound instruction runs again with the registers the kernel left. */
    private void reexecute(ThreadHandle t) {
        Action a = t.lastAction;
        long[] regs = t.tcb.tcbArch.tcbContext.registers;
        if (a.kind == EventKind.FAULT && a.fault != FaultKind.UNKNOWN_SYSCALL) {
            regs[FaultIP] = regs[NextIP];
            timer.advance(1);
            k.callKernel(a.event);
        } else {
            trap(t, a, t.lastArg, regs);
        }
    }

    /** Time passes for the current thread; an armed kernel deadline on the way interrupts it. */
    private void tick(long dt) {
        long now = timer.getCurrentTime();
        long target = dt > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + dt;
        long d = timer.getDeadline();
        if (d != Timer.NO_DEADLINE && d > now && d < target) {
            target = d;
        }
        timer.advanceTo(target);
    }

    private String irqHandler() {
        int irq = irqInProgress;
        if (irq < 0) {
            return null;
        }
        if (irq == vtimerIrq) {
            return "VPPIEvent";
        }
        if (irq == maintenanceIrq) {
            return "VGICMaintenance";
        }
        if (irq == timerIrq) {
            return "timer interrupt";
        }
        for (IrqLine l : sys.irqs) {
            if (l.line() == irq) {
                return "IRQ " + l.name();
            }
        }
        return "IRQ " + irq;
    }
}
