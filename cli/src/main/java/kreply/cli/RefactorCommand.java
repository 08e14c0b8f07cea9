package kreply.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import kreply.cli.io.AtomicFiles;
import kreply.cli.refactor.Prompter;
import kreply.cli.refactor.RecipeFiles;
import kreply.cli.refactor.ResultVerification;
import kreply.refactor.RefactorException;
import kreply.refactor.change.FileChange;
import kreply.refactor.change.Plan;
import kreply.refactor.change.UnifiedDiff;
import kreply.refactor.config.RecipeConfig;
import kreply.refactor.config.RecipeConfigLoader;
import kreply.refactor.engine.AppliedFix;
import kreply.refactor.engine.RefactorRun;
import kreply.refactor.findings.EngineFindings;
import kreply.refactor.findings.FindingRef;
import kreply.refactor.findings.ReportFindings;
import kreply.refactor.source.Workspace;
import kreply.refactor.verify.VerifyReport;
import kreply.refactor.write.GitGuard;
import kreply.refactor.write.Transaction;
import kreply.refactor.write.TreeCopy;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kreply refactor}: turns findings into code changes the reviewer can see (dry run, patch),
 * choose (interactively or from a saved plan), apply (to a copy or in place, atomically, never
 * over uncommitted work) and verify (compile, tests, reply conformance). Exit 0 when the run
 * succeeded, 1 when verification failed (in place: rolled back), 2 for usage or input errors.
 */
@Command(name = "refactor", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Apply refactoring recipes to the findings: review, apply and verify the changes.")
final class RefactorCommand implements Callable<Integer> {
    private final CliContext ctx;
    private final BufferedReader stdin;

    @Parameters(paramLabel = "PATH", arity = "0..1",
            description = "The tree to refactor: a module folder holding src/main/java (default: the bundled kernel-src).")
    String path;

    @Option(names = "--recipe", paramLabel = "NAME", split = ",", required = true,
            description = "Recipes to apply: c-reply, spec-reply, deferred-reply, queue-guard, queue-asserts (comma-separated).")
    List<String> recipes = new ArrayList<>();

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Select select;

    static final class Select {
        @Option(names = "--all", description = "Apply every fix (no questions).")
        boolean all;

        @Option(names = "--plan", paramLabel = "FILE", description = "Apply the fixes a saved plan names.")
        String plan;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Output output;

    static final class Output {
        @Option(names = "--dry-run", description = "Print the unified diff (or write it with --patch); change nothing.")
        boolean dryRun;

        @Option(names = "--out", paramLabel = "DIR", description = "Write a refactored copy of the tree to DIR.")
        String out;

        @Option(names = "--in-place", description = "Rewrite the files (atomically; refuses a dirty git tree).")
        boolean inPlace;
    }

    @Option(names = "--verify", description = "Compile the result, run its tests and the reply-conformance suite, re-analyse.")
    boolean verify;

    @Option(names = "--option", paramLabel = "VARIANT", description = "Recipe variant (queue-guard: S1, S2, S3, dequeue).")
    String option;

    @Option(names = "--force", description = "With --in-place: write even when the git tree has uncommitted changes.")
    boolean force;

    @Option(names = "--plan-out", paramLabel = "FILE", description = "Save the applied fixes as a plan for --plan.")
    String planOut;

    @Option(names = "--patch", paramLabel = "FILE", description = "Write the unified diff to FILE.")
    String patch;

    @Option(names = "--findings", paramLabel = "FILE",
            description = "Take the findings from a kreply.json report instead of running the analyzer.")
    String findings;

    @Option(names = "--pack", paramLabel = "FILE", description = "Rule pack for the analyzer (repeatable; default: bundled).")
    List<String> packs = new ArrayList<>();

    @Option(names = "--recipes-file", paramLabel = "FILE",
            description = "Recipe configuration (default: the file in rules/recipes/).")
    String recipesFile;

    RefactorCommand(CliContext ctx) {
        this(ctx, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
    }

    RefactorCommand(CliContext ctx, BufferedReader stdin) {
        this.ctx = ctx;
        this.stdin = stdin;
    }

    @Override
    public Integer call() {
        try {
            return run();
        } catch (RefactorException e) {
            throw new CliException(e.getMessage());
        }
    }

    private int run() {
        Path tree = path == null ? ctx.requireHome("the bundled kernel").resolve("kernel-src") : ctx.resolve(path);
        if (!Files.isDirectory(tree)) {
            throw new CliException("not a folder: " + (path == null ? tree : path));
        }
        if (force && !output.inPlace) {
            throw new CliException("--force only applies to --in-place");
        }
        RecipeConfig config = RecipeConfigLoader.load(RecipeFiles.locate(
                recipesFile == null ? null : ctx.resolve(recipesFile), ctx.home()));
        Plan plan = null;
        if (select != null && select.plan != null) {
            plan = Plan.read(existing(select.plan, "plan"));
            if (!plan.recipes().isEmpty() && !plan.recipes().containsAll(recipes)) {
                throw new CliException("the plan was made for recipes " + plan.recipes() + ", not " + recipes);
            }
            if (option == null) {
                option = plan.option();
            }
        }
        Path out = output.out == null ? null : ctx.resolve(output.out);
        if (output.inPlace && !force) {
            GitGuard.requireClean(tree);
        }

        Workspace ws = Workspace.load(tree, config.sourceRoots(), config.testRoots());
        List<Path> packFiles = findings == null || verify ? Inputs.packs(ctx, packs) : List.of();
        List<FindingRef> refs;
        if (findings != null) {
            refs = new ReportFindings(existing(findings, "findings report")).findings(tree, List.of(ws.sourceDir()));
        } else {
            refs = analyse(packFiles, tree, ws.sourceDir());
        }
        RefactorRun runner = new RefactorRun(config, recipes, option);
        RefactorRun.Selection sel = plan != null ? new RefactorRun.Selection(plan, null)
                : select != null && select.all ? RefactorRun.Selection.all()
                : new RefactorRun.Selection(null, new Prompter(stdin, ctx.out()));
        RefactorRun.Result result = runner.run(ws, refs, sel);

        for (String n : result.notes()) {
            ctx.err().println("kreply refactor: " + n);
        }
        List<FileChange> changes = result.changes();
        String diff = UnifiedDiff.of(changes);
        if (patch != null) {
            writeText(ctx.resolve(patch), diff, "patch");
        }
        if (planOut != null) {
            result.chosen().write(ctx.resolve(planOut));
        }
        if (output.dryRun && patch == null) {
            ctx.out().print(diff);
        }
        summary(result);

        Transaction tx = null;
        if (output.inPlace && !changes.isEmpty()) {
            tx = Transaction.write(tree, changes);
        } else if (out != null) {
            TreeCopy.write(tree, out, changes);
        }
        if (!verify) {
            return ExitCodes.CLEAN;
        }
        ResultVerification verification = new ResultVerification(config, recipes, ctx.err(),
                (root, main) -> analyse(packFiles, root, main));
        VerifyReport report = verification.verify(tree, out != null ? out : tree, output.dryRun, ws);
        ctx.out().print(report.render());
        if (!report.passed()) {
            if (tx != null) {
                tx.rollback();
                ctx.err().println("kreply refactor: verification failed; the files were restored");
            }
            return ExitCodes.FINDINGS;
        }
        return ExitCodes.CLEAN;
    }

    /**
     * The findings of the analyzer on {@code main} (root {@code root}, as {@code kreply analyze}
     * runs it), with the progress display when a person watches.
     */
    private List<FindingRef> analyse(List<Path> packFiles, Path root, Path main) {
        try (ProgressDisplay progress = ProgressDisplay.start(ctx.err(), ctx.stderrIsTerminal())) {
            return new EngineFindings(packFiles, ctx.backend()::analyze, progress).findings(root, List.of(main));
        }
    }

    private void summary(RefactorRun.Result result) {
        int files = result.changes().size();
        List<AppliedFix> applied = result.applied();
        ctx.err().printf("kreply refactor: %d fix(es) applied, %d file(s) changed%s%n", applied.size(), files,
                output.dryRun ? " (dry run: nothing written)" : "");
    }

    private Path existing(String p, String what) {
        Path f = ctx.resolve(p);
        if (!Files.isRegularFile(f)) {
            throw new CliException(what + " not found: " + p);
        }
        return f;
    }

    private static void writeText(Path file, String text, String what) {
        try {
            AtomicFiles.write(file, text);
        } catch (IOException e) {
            throw new CliException("cannot write " + what + " " + file + ": " + ReportOutput.reason(e));
        }
    }
}
