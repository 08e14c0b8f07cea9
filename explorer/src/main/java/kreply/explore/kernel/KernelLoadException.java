package kreply.explore.kernel;

/**
 * A kernel folder that cannot be explored: missing, without kernel sources, not compiling, or
 * lacking what the explorer drives. One line; the explorer reports it as an input error.
 */
public final class KernelLoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KernelLoadException(String message) {
        super(message);
    }
}
