package sel4.user;

/**
 * Work the harness gave the root task failed: an invocation returned an error (the message names
 * the call, the expectation and what the kernel returned), the root task did not finish, or the
 * root CNode or untyped memory ran out.
 */
public final class SetupFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SetupFailed(String message) {
        super(message);
    }
}
