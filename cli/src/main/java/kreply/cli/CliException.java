package kreply.cli;

/**
 * A usage or input problem the user can fix (missing path, unreadable pack or baseline, bad option
 * combination). {@link Main} prints the message on one line and exits with code 2; no stack trace.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliException(String message) {
        super(message);
    }
}
