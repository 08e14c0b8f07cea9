package kreply.explore.driver;

/**
 * The configured system could not be built on this kernel: an invocation of the set-up was
 * refused, or a thread did not block where its configuration says it starts. The message names
 * the step and the kernel's answer.
 */
public final class SetupException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SetupException(String message) {
        super(message);
    }
}
