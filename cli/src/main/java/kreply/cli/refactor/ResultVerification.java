package kreply.cli.refactor;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import kreply.refactor.RefactorException;
import kreply.refactor.change.FileChange;
import kreply.refactor.config.RecipeConfig;
import kreply.refactor.findings.FindingRef;
import kreply.refactor.source.Workspace;
import kreply.refactor.verify.Verifier;
import kreply.refactor.verify.VerifyReport;
import kreply.refactor.write.TreeCopy;

/**
 * The {@code --verify} step of {@code kreply refactor}: verifies the result where it was written
 * (or, for a dry run, in a scratch copy), tells regressions from failures the unchanged tree
 * already had, and re-analyses the result. Re-analysis problems (no engine, no packs) become a
 * note, not a failure: the compile and test verdicts stand on their own.
 */
public final class ResultVerification {
    /** Bug codes of the reply rules; a remaining finding with one of them fails verification. */
    private static final Set<String> BUG_CODES = Set.of("C", "I", "G", "B", "R", "R~", "T", "L", "O");

    private final RecipeConfig config;
    private final List<String> recipes;
    private final PrintWriter err;
    private final Function<Path, Function<Path, List<FindingRef>>> analyzer;

    /**
     * @param analyzer given the analysed root and the main source folder, the findings (may throw
     *                 a {@link RuntimeException} when the engine or the rule packs are unavailable)
     */
    public ResultVerification(RecipeConfig config, List<String> recipes, PrintWriter err,
                              Function<Path, Function<Path, List<FindingRef>>> analyzer) {
        this.config = config;
        this.recipes = List.copyOf(recipes);
        this.err = err;
        this.analyzer = analyzer;
    }

    /**
     * @param tree    the refactored tree as given (its resources are used for the test run)
     * @param written where the result is on disk (the tree itself in place, the --out folder)
     * @param dryRun  nothing was written: verify a scratch copy of the workspace instead
     */
    public VerifyReport verify(Path tree, Path written, boolean dryRun, Workspace ws, List<FileChange> changes) {
        Path tmp = null;
        try {
            Path code = written;
            if (dryRun) {
                tmp = Files.createTempDirectory("kreply-refactor");
                write(tmp, ws.texts());
                code = tmp;
            }
            Path main = code.resolve(ws.sourceRoot());
            err.println("kreply refactor: verifying (compile, tests, reply conformance)…");
            VerifyReport r = run(main, code.resolve(config.testRoots().get(0)), written);
            if (r.compiled() && r.testsFailed() > 0 && !changes.isEmpty()) {
                r = r.againstOriginal(original(tree, ws, changes));
            }
            return withReanalysis(r, main, code);
        } catch (IOException e) {
            throw new RefactorException("cannot prepare verification: " + e.getMessage());
        } finally {
            delete(tmp);
        }
    }

    private VerifyReport run(Path main, Path tests, Path resourcesOf) {
        return new Verifier().verify(main, tests,
                List.of(resourcesOf.resolve("src/test/resources"), resourcesOf.resolve("src/main/resources")),
                Set.copyOf(config.legacyFormTags()));
    }

    /**
     * The tests of the unchanged tree, rebuilt in a scratch folder from the changes' original
     * texts, so failures that were there before the change are not called regressions.
     */
    private VerifyReport original(Path tree, Workspace ws, List<FileChange> changes) throws IOException {
        Map<String, String> before = new HashMap<>();
        changes.forEach(c -> before.put(c.file(), c.before()));
        Map<String, String> texts = new HashMap<>();
        for (var e : ws.texts().entrySet()) {
            String text = before.getOrDefault(e.getKey(), e.getValue());
            if (!text.isEmpty()) { // empty: a file the refactoring created
                texts.put(e.getKey(), text);
            }
        }
        Path tmp = Files.createTempDirectory("kreply-original");
        try {
            write(tmp, texts);
            err.println("kreply refactor: some tests fail; running them on the unchanged tree to tell regressions…");
            return run(tmp.resolve(ws.sourceRoot()), tmp.resolve(config.testRoots().get(0)), tree);
        } finally {
            delete(tmp);
        }
    }

    /** Runs the analyzer on the result; bug findings of the selected recipes' rules that remain fail verification. */
    private VerifyReport withReanalysis(VerifyReport r, Path main, Path root) {
        List<String> notes = new ArrayList<>(r.notes());
        List<String> remaining = new ArrayList<>();
        try {
            for (FindingRef f : analyzer.apply(root).apply(main)) {
                boolean queue = config.rules().queue().contains(f.ruleId());
                boolean bug = queue || f.kinds().stream().anyMatch(BUG_CODES::contains);
                boolean covered = queue ? recipes.contains("queue-guard")
                        : recipes.stream().anyMatch(x -> !x.startsWith("queue-"));
                if (bug && covered) {
                    remaining.add(f.method() + " " + f.kinds());
                }
            }
        } catch (RuntimeException e) {
            remaining = null;
            notes.add("re-analysis skipped: " + e.getMessage());
        }
        return new VerifyReport(r.compiled(), r.compileErrors(), r.testsRun(), r.testsFailed(), r.testsSkipped(),
                r.conformanceRun(), r.conformanceFailed(), r.failures(), r.legacyFormFailures(), remaining, notes);
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
