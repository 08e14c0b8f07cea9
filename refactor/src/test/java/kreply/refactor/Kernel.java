package kreply.refactor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import kreply.refactor.config.RecipeConfig;
import kreply.refactor.config.RecipeConfigLoader;
import kreply.refactor.engine.AppliedFix;
import kreply.refactor.engine.Refactorer;
import kreply.refactor.findings.EngineFindings;
import kreply.refactor.findings.FindingRef;
import kreply.refactor.recipe.Fix;
import kreply.refactor.recipe.Recipe;
import kreply.refactor.recipe.RecipeContext;
import kreply.refactor.recipe.Recipes;
import kreply.refactor.source.Workspace;

/**
 * Test access to the repository's legacy kernel, its recipe file and the analyzer's real findings
 * on it. The kernel is read and analysed once per test JVM: both are deterministic, and the
 * analysis (seconds) and the parse cache the workspace carries are what make the recipe tests
 * expensive. Callers get copies, so no test sees another's edits.
 */
public final class Kernel {
    private static Workspace workspace;
    private static List<FindingRef> findings;

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

    /** A fresh copy of the legacy kernel's main and test sources (the parse cache is shared). */
    public static synchronized Workspace workspace() {
        if (workspace == null) {
            workspace = Workspace.load(repo().resolve("kernel-src"), config().sourceRoots(), config().testRoots());
        }
        return workspace.copy();
    }

    /** The bundled rule packs, as {@code kreply analyze} uses them by default. */
    public static List<Path> packs() {
        try (Stream<Path> s = Files.list(repo().resolve("rules/packs"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The analyzer's findings on the legacy kernel (bundled packs, as {@code kreply refactor} gets them). */
    public static synchronized List<FindingRef> findings() {
        if (findings == null) {
            Path root = repo().resolve("kernel-src");
            findings = new EngineFindings(packs()).findings(root, List.of(root.resolve("src/main/java")));
        }
        return findings;
    }

    /** Writes the workspace's main sources to a folder (for compiling a result). */
    public static Path writeMain(Workspace ws, Path dir) throws IOException {
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
