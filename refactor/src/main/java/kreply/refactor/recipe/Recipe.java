package kreply.refactor.recipe;

import java.util.List;

import kreply.refactor.config.RecipeConfig;
import kreply.refactor.findings.FindingRef;

/**
 * A named refactoring (c-reply, spec-reply, deferred-reply, queue-guard, ...). It turns the
 * findings it understands into fixes; it never edits anything itself.
 */
public interface Recipe {
    String name();

    String description();

    /** The options a user may pick with {@code --option} (empty when the recipe has none). */
    default List<String> options(RecipeContext ctx) {
        return List.of();
    }

    List<Fix> fixes(RecipeContext ctx);

    /**
     * Whether the recipe changes how replies are written: then its result must pass the whole
     * reply-conformance suite (an empty expected-failure manifest). A recipe that leaves replies
     * alone is verified against the tree's own manifest.
     */
    default boolean changesReplies() {
        return false;
    }

    /**
     * Whether this recipe, applied with {@code --all}, leaves no finding like {@code f} (one rule's
     * finding, codes in {@code kinds}): verification re-analyses the result and fails on any such
     * finding that remains. Site-driven recipes remove no finding.
     */
    default boolean removes(FindingRef f, RecipeConfig config) {
        return false;
    }
}
