package kreply.explore.trace;

/**
 * One step of a scenario trace, by name so that a saved trace is readable and can be replayed on
 * any build of the same configuration. Which fields are meaningful depends on the kind:
 *
 * <ul>
 * <li>syscall: {@code thread}, {@code op}, {@code cap} (object invoked), {@code reply} (reply
 *     object offered), {@code label} and {@code length} of the message sent, {@code lr} and
 *     {@code virq} for InjectIRQ;</li>
 * <li>fault: {@code thread}, {@code fault};</li>
 * <li>tick: {@code time} = µs to advance (stopping early at the kernel's timer deadline);</li>
 * <li>deadline: {@code time} = µs before the kernel's timer deadline to advance to (0: at it);</li>
 * <li>irq: {@code cap} = the device IRQ's name;</li>
 * <li>vppi, vtimer-off: {@code thread} whose guest timer fires / is switched off;</li>
 * <li>eoi: {@code thread}, {@code lr} completed by the guest.</li>
 * </ul>
 */
public record TraceEvent(EventKind kind, String thread, SyscallOp op, FaultKind fault, String cap, String reply,
                         long label, long length, long time, int lr, int virq) {

    public static TraceEvent syscall(String thread, SyscallOp op, String cap, String reply, long label, long length,
                                     int lr, int virq) {
        return new TraceEvent(EventKind.SYSCALL, thread, op, null, cap, reply, label, length, 0, lr, virq);
    }

    public static TraceEvent fault(String thread, FaultKind fault) {
        return new TraceEvent(EventKind.FAULT, thread, null, fault, null, null, 0, 0, 0, 0, 0);
    }

    public static TraceEvent tick(long dt) {
        return new TraceEvent(EventKind.TICK, null, null, null, null, null, 0, 0, dt, 0, 0);
    }

    public static TraceEvent deadline(long before) {
        return new TraceEvent(EventKind.DEADLINE, null, null, null, null, null, 0, 0, before, 0, 0);
    }

    public static TraceEvent irq(String name) {
        return new TraceEvent(EventKind.IRQ, null, null, null, name, null, 0, 0, 0, 0, 0);
    }

    public static TraceEvent guest(EventKind kind, String thread, int lr) {
        return new TraceEvent(kind, thread, null, null, null, null, 0, 0, 0, lr, 0);
    }

    /** A readable one-line form: {@code guest0: Call(vmm_ep, label 1, 2 words)}. */
    public String describe() {
        return switch (kind) {
            case SYSCALL -> thread + ": " + op.jsonName() + args();
            case FAULT -> thread + ": fault (" + fault.jsonName() + ")";
            case TICK -> "tick " + time + " µs";
            case DEADLINE -> time == 0 ? "to the timer deadline" : "to " + time + " µs before the timer deadline";
            case IRQ -> "device IRQ " + cap;
            case VPPI -> thread + ": guest virtual timer fires (VPPI)";
            case VTIMER_OFF -> thread + ": guest switches its virtual timer off";
            case EOI -> thread + ": guest completes the virtual IRQ in LR " + lr;
        };
    }

    private String args() {
        StringBuilder sb = new StringBuilder("(");
        if (cap != null) {
            sb.append(cap);
        }
        if (reply != null) {
            sb.append(", reply ").append(reply);
        }
        if (op == SyscallOp.INJECT_IRQ) {
            sb.append(", LR ").append(lr).append(", virq ").append(virq);
        }
        if (op.sendsMessage()) {
            sb.append(sb.length() > 1 ? ", " : "").append("label ").append(label).append(", ")
                    .append(length).append(length == 1 ? " word" : " words");
        }
        return sb.append(")").toString();
    }
}
