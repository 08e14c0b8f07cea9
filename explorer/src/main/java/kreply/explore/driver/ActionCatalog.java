package kreply.explore.driver;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import kreply.explore.trace.EventKind;
import kreply.explore.trace.FaultKind;
import kreply.explore.trace.SyscallOp;
import kreply.explore.trace.TraceEvent;
import sel4.api.Event;
import sel4.api.InvocationLabel;
import sel4.api.Syscall;
import sel4.object.reply.Reply;
import sel4.object.tcb.ThreadStateType;

/**
 * The event alphabet of a live system, derived from its configuration: for every thread the
 * syscalls its caps allow (IPC on endpoints with and without its reply objects, notification
 * signal / wait / poll, the reply, VCPU InjectIRQ / AckVPPI, IRQ acknowledgement, Yield) and its
 * faulting instructions; for every thread with a VCPU the guest's timer and EOI events; and the
 * global events: time (ticks and deadlines) and each configured device IRQ.
 */
public final class ActionCatalog {
    /** Unknown syscall number a faulting thread traps with. */
    static final long UNKNOWN_SYSCALL_NUMBER = -100;

    private final List<Action> all = new ArrayList<>();
    private final Action[][] threadActions;
    private final Action[][] guestActions;
    private final Action[] timeActions;
    private final Action[] deviceActions;

    public ActionCatalog(LiveSystem sys) {
        int n = sys.threads.size();
        threadActions = new Action[n][];
        guestActions = new Action[n][];
        for (ThreadHandle t : sys.threads) {
            threadActions[t.index] = threadActions(t, sys).toArray(new Action[0]);
            guestActions[t.index] = guestActions(t, sys).toArray(new Action[0]);
        }
        timeActions = new Action[] {
            add(EventKind.TICK, null, null, null, null, null, null, 0, 0, null, null),
            add(EventKind.DEADLINE, null, null, null, null, null, null, 0, 0, null, null)};
        List<Action> devices = new ArrayList<>();
        for (IrqLine irq : sys.irqs) {
            devices.add(add(EventKind.IRQ, null, null, null, null, null, irq, 0, 0, null, null));
        }
        deviceActions = devices.toArray(new Action[0]);
    }

    private List<Action> threadActions(ThreadHandle t, LiveSystem sys) {
        List<Action> out = new ArrayList<>();
        List<NamedCap> replies = t.caps.stream().filter(c -> c.type() == NamedCap.Type.REPLY).toList();
        for (NamedCap c : t.caps) {
            switch (c.type()) {
                case ENDPOINT -> {
                    if (c.canSend()) {
                        out.add(syscall(t, SyscallOp.CALL, c, null, Syscall.SysCall));
                        out.add(syscall(t, SyscallOp.SEND, c, null, Syscall.SysSend));
                        out.add(syscall(t, SyscallOp.NBSEND, c, null, Syscall.SysNBSend));
                    }
                    if (c.canReceive()) {
                        if (replies.isEmpty()) {
                            // A thread with reply objects receives with one (Recv); without, it waits.
                            out.add(syscall(t, SyscallOp.WAIT, c, null, Syscall.SysWait));
                        }
                        for (NamedCap r : replies) {
                            out.add(syscall(t, SyscallOp.RECV, c, r, Syscall.SysRecv));
                            out.add(syscall(t, SyscallOp.NBRECV, c, r, Syscall.SysNBRecv));
                            out.add(syscall(t, SyscallOp.REPLY_RECV, c, r, Syscall.SysReplyRecv));
                        }
                    }
                }
                case NOTIFICATION -> {
                    if (c.canSend()) {
                        out.add(syscall(t, SyscallOp.SIGNAL, c, null, Syscall.SysSend));
                    }
                    if (c.canReceive()) {
                        out.add(syscall(t, SyscallOp.WAIT, c, null, Syscall.SysWait));
                        out.add(syscall(t, SyscallOp.NBWAIT, c, null, Syscall.SysNBWait));
                    }
                }
                case REPLY -> out.add(syscall(t, SyscallOp.REPLY, c, null, Syscall.SysSend));
                case VCPU -> {
                    for (int lr = 0; lr < sys.config.kernel().listRegisters(); lr++) {
                        out.add(add(EventKind.SYSCALL, t, SyscallOp.INJECT_IRQ, null, c, null, null, lr,
                                virqFor(sys, c.name(), lr), new Event.SyscallEvent(Syscall.SysCall),
                                InvocationLabel.ARMVCPUInjectIRQ));
                    }
                    out.add(add(EventKind.SYSCALL, t, SyscallOp.ACK_VPPI, null, c, null, null, 0, 0,
                            new Event.SyscallEvent(Syscall.SysCall), InvocationLabel.ARMVCPUAckVPPI));
                }
                case IRQ_HANDLER -> out.add(add(EventKind.SYSCALL, t, SyscallOp.IRQ_ACK, null, c, null, null, 0, 0,
                        new Event.SyscallEvent(Syscall.SysCall), InvocationLabel.IRQAckIRQ));
            }
        }
        out.add(syscall(t, SyscallOp.YIELD, null, null, Syscall.SysYield));
        out.add(add(EventKind.FAULT, t, null, FaultKind.USER, null, null, null, 0, 0,
                new Event.UserLevelFaultEvent(0x0200_0000L, 0), null));
        out.add(add(EventKind.FAULT, t, null, FaultKind.UNKNOWN_SYSCALL, null, null, null, 0, 0,
                new Event.UnknownSyscallEvent(UNKNOWN_SYSCALL_NUMBER), null));
        out.add(add(EventKind.FAULT, t, null, FaultKind.VM, null, null, null, 0, 0,
                new Event.VMFaultEvent(Event.VMFaultType.seL4_DataFault, 0x7000_0000L, 0x9200_0007L), null));
        if (t.vcpu != null) {
            // A trapped guest instruction (HVC), reported as a VCPU fault with its syndrome.
            out.add(add(EventKind.FAULT, t, null, FaultKind.VCPU, null, null, null, 0, 0,
                    new Event.HypervisorEvent(0x5a00_0000L), null));
        }
        return out;
    }

    private List<Action> guestActions(ThreadHandle t, LiveSystem sys) {
        List<Action> out = new ArrayList<>();
        if (t.vcpu == null) {
            return out;
        }
        out.add(add(EventKind.VPPI, t, null, null, null, null, null, 0, 0, null, null));
        out.add(add(EventKind.VTIMER_OFF, t, null, null, null, null, null, 0, 0, null, null));
        for (int lr = 0; lr < sys.config.kernel().listRegisters(); lr++) {
            out.add(add(EventKind.EOI, t, null, null, null, null, null, lr, 0, null, null));
        }
        return out;
    }

    /** The virtual IRQ a VMM re-injects into list register {@code lr}: the configured one, else 32 + lr. */
    private static int virqFor(LiveSystem sys, String vcpu, int lr) {
        return sys.config.vcpus().stream().filter(v -> v.name().equals(vcpu)).flatMap(v -> v.inject().stream())
                .filter(i -> i.lr() == lr).map(i -> i.virq()).findFirst().orElse(32 + lr);
    }

    private Action syscall(ThreadHandle t, SyscallOp op, NamedCap cap, NamedCap reply, Syscall sys) {
        return add(EventKind.SYSCALL, t, op, null, cap, reply, null, 0, 0, new Event.SyscallEvent(sys), null);
    }

    private Action add(EventKind kind, ThreadHandle t, SyscallOp op, FaultKind fault, NamedCap cap, NamedCap reply,
                       IrqLine irq, int lr, int virq, Event event, InvocationLabel invocation) {
        Action a = new Action(all.size(), kind, t, op, fault, cap, reply, irq, lr, virq, event, invocation);
        all.add(a);
        return a;
    }

    public int size() {
        return all.size();
    }

    public Action get(int id) {
        return all.get(id);
    }

    /** Instructions of thread {@code index} (syscalls and faults). */
    Action[] threadActions(int index) {
        return threadActions[index];
    }

    /** Events of the guest running on thread {@code index}'s VCPU (empty without a VCPU). */
    Action[] guestActions(int index) {
        return guestActions[index];
    }

    Action[] timeActions() {
        return timeActions;
    }

    Action[] deviceActions() {
        return deviceActions;
    }

    /** The groups of events the random search weighs against each other. */
    public enum Category {
        /** Syscalls of the current thread. */
        THREAD,
        /** Faulting instructions of the current thread. */
        FAULT,
        /** Events of the guest on the current thread's VCPU. */
        GUEST,
        /** Ticks and deadlines. */
        TIME,
        /** Device interrupt lines. */
        DEVICE
    }

    /**
     * Writes the ids of the events of {@code category} that can happen now into {@code out} and
     * returns how many there are. {@code out} must hold {@link #size()} ids.
     */
    public int enabled(Stepper s, Category category, int[] out) {
        Action[] candidates;
        if (category == Category.TIME) {
            candidates = timeActions;
        } else if (category == Category.DEVICE) {
            candidates = deviceActions;
        } else {
            ThreadHandle ct = s.system().handleOf(s.system().k.ks.ksCurThread);
            if (ct == null) {
                return 0;
            }
            candidates = category == Category.GUEST ? guestActions[ct.index] : threadActions[ct.index];
        }
        int n = 0;
        for (Action a : candidates) {
            if ((category == Category.FAULT) == (a.kind == EventKind.FAULT) || category == Category.GUEST
                    || category == Category.TIME || category == Category.DEVICE) {
                if (s.enabled(a)) {
                    out[n++] = a.id;
                }
            }
        }
        return n;
    }

    /**
     * Writes the ids of the current thread's replies that answer a caller waiting on one of its
     * reply objects (Reply and ReplyRecv on that reply) and returns how many there are. A passive
     * thread answers with ReplyRecv only, as passive servers do: after a plain Reply it would keep
     * running without an SC and never wait again.
     */
    public int owedReplies(Stepper s, int[] out) {
        ThreadHandle ct = s.system().handleOf(s.system().k.ks.ksCurThread);
        if (ct == null) {
            return 0;
        }
        boolean passive = ct.spec.sc().isPassive();
        int n = 0;
        for (Action a : threadActions[ct.index]) {
            NamedCap r = a.op == SyscallOp.REPLY && !passive ? a.cap : a.op == SyscallOp.REPLY_RECV ? a.reply : null;
            if (r != null && r.object() instanceof Reply reply && reply.replyTCB != null
                    && reply.replyTCB.tcbState.tsType() == ThreadStateType.BlockedOnReply) {
                out[n++] = a.id;
            }
        }
        return n;
    }

    /** Whether the current thread has a fault handler (a fault does not simply stop it). */
    public boolean currentHasFaultHandler(Stepper s) {
        ThreadHandle ct = s.system().handleOf(s.system().k.ks.ksCurThread);
        return ct != null && ct.spec.faultHandler() != null;
    }

    /** The template a trace event names, or null if the configured system has no such event. */
    public Action find(TraceEvent e) {
        for (Action a : all) {
            if (a.kind != e.kind()) {
                continue;
            }
            if (a.thread != null && !a.thread.name().equals(e.thread())) {
                continue;
            }
            boolean match = switch (e.kind()) {
                case SYSCALL -> a.op == e.op() && Objects.equals(a.cap == null ? null : a.cap.name(), e.cap())
                        && Objects.equals(a.reply == null ? null : a.reply.name(), e.reply())
                        && (a.op != SyscallOp.INJECT_IRQ || (a.lr == e.lr() && a.virq == e.virq()));
                case FAULT -> a.fault == e.fault();
                case IRQ -> a.irq.name().equals(e.cap());
                case EOI -> a.lr == e.lr();
                case TICK, DEADLINE, VPPI, VTIMER_OFF -> true;
            };
            if (match) {
                return a;
            }
        }
        return null;
    }

    /** The argument a trace event carries for its template. */
    public static long argOf(TraceEvent e) {
        return switch (e.kind()) {
            case SYSCALL -> e.op().sendsMessage() ? Action.message(e.label(), e.length()) : 0;
            case TICK, DEADLINE -> e.time();
            default -> 0;
        };
    }
}
