package sel4.kernel;

import sel4.api.Event;
import sel4.object.tcb.Tcb;

/**
 * The debug invariant checker (KERNEL-REFERENCE §10): the named scheduler-queue, reply and
 * scheduler-action assertions, checked after every kernel event when
 * {@link sel4.model.Config#checks()} is on, plus the checks seL4 lacks (ct in no queue at entry
 * and exit, blocked threads in no ready/release queue, EP/ntfn-queued threads in no ready/release
 * queue).
 */
public final class Invariants {
    private final Kernel k;

    public Invariants(Kernel k) {
        this.k = k;
    }

    public void checkAtEntry(Event ev) { throw new UnsupportedOperationException("PENDING"); }
    public void checkAfterEvent(Event ev) { throw new UnsupportedOperationException("PENDING"); }

    /** Reports a failed invariant (throws {@link InvariantViolation}). */
    public void violated(String invariant, Tcb thread, String detail) {
        throw new InvariantViolation(invariant, thread == null ? null : thread.tcbName,
                k.currentEvent() == null ? null : k.currentEvent().toString(), detail);
    }
}
