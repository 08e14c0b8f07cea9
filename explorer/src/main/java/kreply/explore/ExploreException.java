package kreply.explore;

/**
 * A usage or input problem the user can fix: an unreadable or invalid configuration or trace, a
 * kernel folder that holds no kernel or does not compile, a system the kernel refuses to build.
 * The message is one line; {@code kreply explore} prints it and exits with code 2.
 */
public final class ExploreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExploreException(String message) {
        super(message);
    }
}
