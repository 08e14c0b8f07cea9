package kreply.refactor;

/**
 * A problem the user can fix or must know about (bad recipe file, unknown recipe, dirty git tree,
 * unreadable plan, a fix that cannot be applied safely). The CLI prints the message on one line
 * and exits with code 2; nothing has been written when it is thrown.
 */
public class RefactorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RefactorException(String message) {
        super(message);
    }

    public RefactorException(String message, Throwable cause) {
        super(message, cause);
    }
}
