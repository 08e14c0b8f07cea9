package kreply.refactor.recipe;

/**
 * A fix met code it cannot change safely (an unexpected shape, a call flag with no way in). The
 * engine reports the fix as skipped with this reason and leaves that code untouched; other fixes
 * still apply.
 */
public final class FixNotApplicable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public FixNotApplicable(String message) {
        super(message);
    }
}
