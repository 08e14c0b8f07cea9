package kreply.refactor.recipe;

import java.util.List;

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
}
