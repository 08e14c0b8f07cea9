package sel4.kernel;

/**
 * A debug invariant (KERNEL-REFERENCE §10) failed. Names the invariant, the thread concerned and
 * the kernel event during or after which it failed. Only raised when
 * {@link sel4.model.Config#checks()} is on, like a debug-build {@code assert}.
 */
public final class InvariantViolation extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String invariant;
    private final String thread;
    private final String event;

    public InvariantViolation(String invariant, String thread, String event, String detail) {
        super(invariant + " violated" + (thread != null ? " for thread " + thread : "")
                + (event != null ? " at event " + event : "") + (detail != null && !detail.isEmpty() ? ": " + detail : ""));
        this.invariant = invariant;
        this.thread = thread;
        this.event = event;
    }

    /** Invariant id and name, e.g. {@code "Q1 ready_qs_runnable"}. */
    public String invariant() {
        return invariant;
    }

    public String thread() {
        return thread;
    }

    public String event() {
        return event;
    }
}
