package sel4.kernel;

/**
 * The kernel stopped: seL4's {@code fail()} / {@code halt()} (include/util.h), e.g. "Current thread
 * is blocked" in activateThread. Thrown in every configuration; a halted kernel accepts no further
 * events.
 */
public final class KernelHalt extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KernelHalt(String message) {
        super(message);
    }
}
