package kreply.explore.driver;

import kreply.explore.trace.EventKind;
import kreply.explore.trace.FaultKind;
import kreply.explore.trace.SyscallOp;
import kreply.explore.trace.TraceEvent;
import sel4.api.Event;
import sel4.api.InvocationLabel;

/**
 * An event template of one live system: everything about an event except the value the search
 * picks each time it uses it (message label and length, or an amount of time). Templates are built
 * once per system by {@link ActionCatalog}, so choosing and applying an event allocates nothing.
 *
 * <p>The chosen value travels as one {@code long} argument: for messages {@code label << 8 |
 * length}, for ticks the µs to advance, for deadlines the µs before the deadline.
 */
public final class Action {
    final int id;
    final EventKind kind;
    /** The thread performing it (syscalls, faults, guest events), or null. */
    final ThreadHandle thread;
    final SyscallOp op;
    final FaultKind fault;
    final NamedCap cap;
    final NamedCap reply;
    final IrqLine irq;
    /** List register (EOI, InjectIRQ) and virtual IRQ (InjectIRQ). */
    final int lr;
    final int virq;
    /** The kernel event a syscall or fault enters the kernel with (prebuilt). */
    final Event event;
    /** The invocation label for object invocations (InjectIRQ, AckVPPI, IRQAck), else null. */
    final InvocationLabel invocation;

    Action(int id, EventKind kind, ThreadHandle thread, SyscallOp op, FaultKind fault, NamedCap cap, NamedCap reply,
           IrqLine irq, int lr, int virq, Event event, InvocationLabel invocation) {
        this.id = id;
        this.kind = kind;
        this.thread = thread;
        this.op = op;
        this.fault = fault;
        this.cap = cap;
        this.reply = reply;
        this.irq = irq;
        this.lr = lr;
        this.virq = virq;
        this.event = event;
        this.invocation = invocation;
    }

    public int id() {
        return id;
    }

    public EventKind kind() {
        return kind;
    }

    /**
     * Whether {@code other} is this event with a smaller list-register index (and otherwise the
     * same): the shrinker's simpler choice for an EOI or an InjectIRQ.
     */
    public boolean isLowerListRegisterOf(Action other) {
        return (kind == EventKind.EOI || op == SyscallOp.INJECT_IRQ) && other.kind == kind && other.op == op
                && other.thread == thread && other.cap == cap && lr < other.lr;
    }

    /** The syscall, for syscall events; else null. */
    public SyscallOp op() {
        return op;
    }

    /** Whether the chosen argument is a message (label and length). */
    public boolean takesMessage() {
        return kind == EventKind.SYSCALL && op.sendsMessage();
    }

    /** Whether the chosen argument is an amount of time. */
    public boolean takesTime() {
        return kind == EventKind.TICK || kind == EventKind.DEADLINE;
    }

    public static long message(long label, long length) {
        return label << 8 | length;
    }

    public static long label(long arg) {
        return arg >>> 8;
    }

    public static long length(long arg) {
        return arg & 0xff;
    }

    /** The trace event for this template with argument {@code arg}. */
    public TraceEvent toTrace(long arg) {
        String t = thread == null ? null : thread.name();
        return switch (kind) {
            case SYSCALL -> TraceEvent.syscall(t, op, cap == null ? null : cap.name(), reply == null ? null : reply.name(),
                    takesMessage() ? label(arg) : 0, takesMessage() ? length(arg) : 0, lr, virq);
            case FAULT -> TraceEvent.fault(t, fault);
            case TICK -> TraceEvent.tick(arg);
            case DEADLINE -> TraceEvent.deadline(arg);
            case IRQ -> TraceEvent.irq(irq.name());
            case VPPI, VTIMER_OFF, EOI -> TraceEvent.guest(kind, t, lr);
        };
    }

    @Override
    public String toString() {
        return toTrace(0).describe();
    }
}
