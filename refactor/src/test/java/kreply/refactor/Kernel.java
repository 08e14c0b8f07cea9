package kreply.refactor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import kreply.refactor.config.RecipeConfig;
import kreply.refactor.config.RecipeConfigLoader;
import kreply.refactor.engine.AppliedFix;
import kreply.refactor.engine.Refactorer;
import kreply.refactor.findings.FindingRef;
import kreply.refactor.findings.ReportFindings;
import kreply.refactor.recipe.Fix;
import kreply.refactor.recipe.Recipe;
import kreply.refactor.recipe.RecipeContext;
import kreply.refactor.recipe.Recipes;
import kreply.refactor.source.Workspace;

/** Test access to the repository's legacy kernel, its recipe file and the hand-made Part C findings. */
public final class Kernel {
    private Kernel() {
    }

    public static Path repo() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("kernel-src"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("repository root not found");
        }
        return p;
    }

    public static RecipeConfig config() {
        return RecipeConfigLoader.load(repo().resolve("rules/recipes/sel4-model.yaml"));
    }

    public static Workspace workspace() {
        return Workspace.load(repo().resolve("kernel-src"), config().sourceRoots(), config().testRoots());
    }

    public static Path findingsFile() {
        return Path.of("src/test/resources/findings/legacy-kernel.json").toAbsolutePath();
    }

    public static List<FindingRef> findings() {
        return new ReportFindings(findingsFile()).findings(null, List.of());
    }

    /** Writes the workspace's main sources to a folder (for compiling a result). */
    public static Path writeMain(kreply.refactor.source.Workspace ws, Path dir) throws java.io.IOException {
        for (var e : ws.mainTexts().entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
        }
        return dir.resolve(ws.sourceRoot());
    }

    /** Applies every fix of the recipes (--all) and returns the outcomes. */
    public static List<AppliedFix> applyAll(Refactorer rf, List<String> recipes, String option) {
        RecipeContext ctx = new RecipeContext(config(), findings(), option, recipes, rf.workspace().copy());
        List<AppliedFix> out = new ArrayList<>();
        for (Recipe r : Recipes.select(recipes)) {
            for (Fix f : r.fixes(ctx)) {
                out.add(rf.apply(f));
            }
        }
        return out;
    }
}
