package kreply.refactor.recipe;

import java.util.List;

import kreply.refactor.source.EditSession;

/**
 * One reviewable change: what a recipe does for one finding (or one site). It may touch several
 * files (a signature change with its call sites), which is why review and plans work per fix,
 * not per hunk: every fix leaves code that compiles on its own. {@code id} is stable across runs
 * (recipe, subject method, option), so a saved plan replays the same choices.
 */
public interface Fix {
    String id();

    String recipe();

    /** One line for the reviewer: what changes and why. */
    String summary();

    /** The finding codes this fix addresses (empty for site-driven recipes). */
    List<String> addresses();

    /** Edits the session's AST. Throws {@link FixNotApplicable} when the code is not in a shape it can fix. */
    void apply(EditSession s);
}
