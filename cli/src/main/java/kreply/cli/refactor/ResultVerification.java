package kreply.cli.refactor;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

import kreply.refactor.RefactorException;
import kreply.refactor.config.RecipeConfig;
import kreply.refactor.findings.FindingRef;
import kreply.refactor.recipe.Recipe;
import kreply.refactor.recipe.Recipes;
import kreply.refactor.source.Workspace;
import kreply.refactor.verify.ConformanceManifests;
import kreply.refactor.verify.Verifier;
import kreply.refactor.verify.VerifyReport;
import kreply.refactor.write.TreeCopy;

/**
 * The {@code --verify} step of {@code kreply refactor}: verifies the result where it was written
 * (or, for a dry run, in a scratch copy), then re-analyses it. Every failing test that is not
 * tagged as pinning the legacy form is a regression. A finding that a selected recipe removes
 * (see {@link Recipe#removes}) and that is still there fails verification; re-analysis problems
 * (no engine, no packs) become a note, since the compile and test verdicts stand on their own.
 */
public final class ResultVerification {
    private final RecipeConfig config;
    private final List<Recipe> recipes;
    private final PrintWriter err;
    private final BiFunction<Path, Path, List<FindingRef>> analyzer;

    /**
     * @param analyzer given the analysed root and the main source folder, the findings (may throw
     *                 a {@link RuntimeException} when the engine or the rule packs are unavailable)
     */
    public ResultVerification(RecipeConfig config, List<String> recipes, PrintWriter err,
                              BiFunction<Path, Path, List<FindingRef>> analyzer) {
        this.config = config;
        this.recipes = Recipes.select(recipes);
        this.err = err;
        this.analyzer = analyzer;
    }

    /**
     * @param tree    the tree as given (its resources and files are used for the test run)
     * @param written where the result is on disk (the tree itself in place, the --out folder)
     * @param dryRun  nothing was written: verify a scratch copy of the workspace instead
     */
    public VerifyReport verify(Path tree, Path written, boolean dryRun, Workspace ws) {
        Path tmp = null;
        try {
            Path code = written;
            if (dryRun) {
                tmp = Files.createTempDirectory("kreply-refactor");
                write(tmp, ws.texts());
                code = tmp;
            }
            Path main = code.resolve(ws.sourceRoot());
            err.println("kreply refactor: verifying (compile, tests, reply conformance, re-analysis)…");
            // The tests run in the tree on disk: the written result, or the original for a dry run
            // (its files, such as the conformance manifest, are what the tests read).
            Path workDir = dryRun ? tree : written;
            VerifyReport r = new Verifier().verify(main, code.resolve(config.testRoots().get(0)),
                    List.of(workDir.resolve("src/test/resources"), workDir.resolve("src/main/resources")),
                    options(workDir));
            return withReanalysis(r, main, code);
        } catch (IOException e) {
            throw new RefactorException("cannot prepare verification: " + e.getMessage());
        } finally {
            delete(tmp);
        }
    }

    /**
     * A recipe that changes replies must leave a kernel that passes the whole conformance suite:
     * the empty manifest. Recipes that leave replies alone (queue-guard, queue-asserts) are not
     * judged by reply defects they do not touch: the suite runs with the tree's own manifest
     * (recipe file {@code verify.conformanceManifest}), whose entries are known failures.
     */
    private Verifier.Options options(Path workDir) {
        Set<String> tags = Set.copyOf(config.legacyFormTags());
        Path own = config.conformanceManifest() == null ? null : workDir.resolve(config.conformanceManifest());
        if (recipes.stream().anyMatch(Recipe::changesReplies) || own == null || !Files.isRegularFile(own)) {
            return new Verifier.Options(workDir, tags, null, Set.of());
        }
        return new Verifier.Options(workDir, tags, own, ConformanceManifests.expectedFailures(own));
    }

    /** Runs the analyzer on the result; a finding that a selected recipe removes and that remains fails verification. */
    private VerifyReport withReanalysis(VerifyReport r, Path main, Path root) {
        List<String> notes = new ArrayList<>(r.notes());
        List<String> remaining = new ArrayList<>();
        try {
            for (FindingRef f : analyzer.apply(root, main)) {
                if (recipes.stream().anyMatch(x -> x.removes(f, config))) {
                    remaining.add(f.method() + " " + f.ruleId() + " " + f.kinds());
                }
            }
        } catch (RuntimeException e) {
            remaining = null;
            notes.add("re-analysis skipped: " + e.getMessage());
        }
        return new VerifyReport(r.compiled(), r.compileErrors(), r.testsRun(), r.testsFailed(), r.testsSkipped(),
                r.conformanceRun(), r.conformanceFailed(), r.failures(), r.legacyFormFailures(),
                r.knownConformanceFailures(), remaining, notes);
    }

    private static void write(Path dir, Map<String, String> texts) throws IOException {
        for (var e : texts.entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
        }
    }

    private static void delete(Path tmp) {
        if (tmp != null) {
            try {
                TreeCopy.deleteTree(tmp);
            } catch (IOException ignored) {
                // scratch copy in the temp folder
            }
        }
    }
}
