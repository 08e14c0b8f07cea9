package kreply.explore.trace;

/** A trace file that cannot be read or does not fit its configuration; one line, names the file. */
public final class TraceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TraceException(String message) {
        super(message);
    }
}
