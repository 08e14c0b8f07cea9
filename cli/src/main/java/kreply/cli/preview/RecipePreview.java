package kreply.cli.preview;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
 * The dry run behind the previews of one recipe in one source tree. Each method's fixes are
 * planned from that method's findings alone, then applied one method after another to a single
 * scratch copy of the workspace, in report order: exactly the sequence {@code kreply refactor
 * --recipe R --all} shows a reviewer. A method's preview is the diff its own fixes add (every
 * file they touch, named relative to the analysed root); infrastructure an earlier method's fix
 * already created (a new carrier type, a shared helper) is not repeated in later previews.
 *
 * <p>One scratch copy per recipe instead of one per method is what keeps the cost near a single
 * {@code refactor --dry-run}: recipes that change signatures rewrite the same callers for every
 * method, and a fresh copy per method parsed them all again (45 copies, about 55 s on kernel-src,
 * against one copy per recipe). Nothing is ever written to the analysed sources.
 */
final class RecipePreview {
    /** One method's preview: the diff (null when nothing changed) and why fixes were skipped, if any were. */
    record Result(String diff, List<String> skipped) {
    }

    private RecipePreview() {
    }

    /**
     * Previews of {@code byMethod} (method key → that method's findings, in report order), keyed
     * the same way. A method whose planning or fix throws gets the exception's message as its
     * skipped reason; the methods after it still run on the workspace as it was before that fix.
     */
    static Map<String, Result> compute(SourceTrees.Tree tree, RecipeConfig config, String recipeName,
                                       Map<String, List<FindingRef>> byMethod) {
        Recipe recipe = Recipes.select(List.of(recipeName)).get(0);
        Refactorer scratch = new Refactorer(tree.workspace().copy());
        Map<String, Result> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<FindingRef>> m : byMethod.entrySet()) {
            List<String> skipped = new ArrayList<>();
            // By path, as kreply refactor prints a diff: the order a fix touched files in is not stable.
            Map<String, FileChange> changes = new TreeMap<>();
            try {
                // Plans from the original workspace, as a refactor run does, seeing no other finding.
                RecipeContext ctx = new RecipeContext(config, m.getValue(), null, List.of(recipeName),
                        tree.workspace());
                for (Fix f : recipe.fixes(ctx)) {
                    AppliedFix outcome = scratch.apply(f);
                    if (!outcome.changed()) {
                        skipped.add(outcome.skipped());
                    }
                    for (FileChange c : outcome.changes()) {
                        // Several fixes of one method may touch one file: keep its first before, last after.
                        changes.merge(c.file(), c, (a, b) -> new FileChange(a.file(), a.before(), b.after()));
                    }
                }
            } catch (RuntimeException | StackOverflowError e) {
                // A recipe meeting code it was not written for costs this preview, not the analysis.
                String msg = e.getMessage();
                skipped.add(msg == null || msg.isBlank() ? e.getClass().getSimpleName() : msg.lines().findFirst().orElse(msg));
                changes.clear();
            }
            List<FileChange> rooted = changes.values().stream()
                    .map(c -> new FileChange(tree.toRootPath(c.file()), c.before(), c.after())).toList();
            String diff = UnifiedDiff.of(rooted);
            out.put(m.getKey(), new Result(diff.isEmpty() ? null : diff, skipped));
        }
        return out;
    }
}
