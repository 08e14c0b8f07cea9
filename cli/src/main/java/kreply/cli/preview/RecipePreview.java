package kreply.cli.preview;

import java.util.ArrayList;
import java.util.List;

import kreply.refactor.change.FileChange;
import kreply.refactor.change.UnifiedDiff;
import kreply.refactor.config.RecipeConfig;
import kreply.refactor.engine.AppliedFix;
import kreply.refactor.engine.Refactorer;
import kreply.refactor.findings.FindingRef;
import kreply.refactor.recipe.Fix;
import kreply.refactor.recipe.Recipe;
import kreply.refactor.recipe.RecipeContext;
import kreply.refactor.recipe.Recipes;

/**
 * The dry run behind one preview: one recipe, given only the findings of one method, plans its
 * fixes and applies them to a scratch copy of the workspace. The result is the diff of that fix
 * alone (every file it touches, named relative to the analysed root), never written anywhere.
 * The recipe sees no other finding, so the preview does not depend on what else is reported.
 */
final class RecipePreview {
    /** The diff (null when nothing changed) and why fixes were skipped, if any were. */
    record Result(String diff, List<String> skipped) {
    }

    private RecipePreview() {
    }

    static Result compute(SourceTrees.Tree tree, RecipeConfig config, String recipeName, List<FindingRef> findings) {
        Recipe recipe = Recipes.select(List.of(recipeName)).get(0);
        // The original workspace is what recipes plan from; the fixes edit a copy of it.
        RecipeContext ctx = new RecipeContext(config, findings, null, List.of(recipeName), tree.workspace());
        List<Fix> fixes = recipe.fixes(ctx);
        if (fixes.isEmpty()) {
            return new Result(null, List.of());
        }
        Refactorer scratch = new Refactorer(tree.workspace().copy());
        List<String> skipped = new ArrayList<>();
        for (Fix f : fixes) {
            AppliedFix outcome = scratch.apply(f);
            if (!outcome.changed()) {
                skipped.add(outcome.skipped());
            }
        }
        List<FileChange> changes = new ArrayList<>();
        for (FileChange c : scratch.totalChanges()) {
            changes.add(new FileChange(tree.toRootPath(c.file()), c.before(), c.after()));
        }
        String diff = UnifiedDiff.of(changes);
        return new Result(diff.isEmpty() ? null : diff, skipped);
    }
}
