package kreply.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

import kreply.analyzer.engine.AnalyzeRequest;
import kreply.analyzer.engine.Analyzer;
import kreply.analyzer.graph.CallGraph;
import kreply.analyzer.report.AnalysisResult;
import kreply.analyzer.report.FindingStatus;
import kreply.cli.preview.Previews;
import kreply.cli.refactor.RecipeFiles;
import kreply.refactor.RefactorException;
import kreply.refactor.config.RecipeConfig;
import kreply.refactor.config.RecipeConfigLoader;
import kreply.reports.Renderers;
import kreply.reports.gate.Baseline;
import kreply.reports.gate.BaselineException;
import kreply.reports.gate.BaselineFile;
import kreply.reports.gate.FailOn;
import kreply.reports.gate.Gate;
import kreply.reports.gate.GateOutcome;
import kreply.reports.render.RenderContext;
import kreply.reports.render.Renderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kreply analyze}: runs the analysis, applies suppressions and the baseline, computes the
 * fix previews the reports show (a dry run of each finding's refactoring), writes the reports and
 * turns the result into the exit code of the CI gate. Every input is checked before the
 * (slow) analysis starts, so a typo costs no time.
 */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Analyse Java sources (default: the bundled kernel) and gate on the findings.",
                "Exit code 0 when the gate passes, 1 when findings fail it, 2 on bad input."})
final class AnalyzeCommand implements Callable<Integer> {
    private final CliContext ctx;
    private final Renderers renderers = new Renderers();

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Java files or folders to analyse (default: the bundled kernel-src).")
    List<String> paths = new ArrayList<>();

    @Option(names = "--pack", paramLabel = "FILE",
            description = "Rule pack (YAML) to use instead of the bundled packs; repeatable.")
    List<String> packs = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR",
            description = "Output folder for the reports (default: target/kreply/ under the analysed root).")
    String out;

    @Option(names = "--format", paramLabel = "FORMAT", split = ",",
            description = "Reports to write: json, sarif, html, text, comma-separated (default: all; html is "
                    + "index.html, the page a reviewer reads).")
    List<String> formats = new ArrayList<>();

    @Option(names = "--rta", description = "Resolve virtual calls by rapid type analysis instead of class hierarchy analysis.")
    boolean rta;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Baseline of accepted findings (default: <root>/kreply-baseline.json if it exists).")
    String baseline;

    @Option(names = "--update-baseline",
            description = "Write the baseline so that it accepts every current unsuppressed finding.")
    boolean updateBaseline;

    @Option(names = "--fail-on", paramLabel = "new|any|none", defaultValue = "new",
            description = "Which findings fail the run: new (not baselined, default), any (unsuppressed), none.")
    FailOn failOn = FailOn.NEW;

    @Option(names = "--root", paramLabel = "DIR",
            description = "Analysed root that report paths are relative to (default: nearest project folder of PATH).")
    String root;

    @Option(names = "--no-fix-previews",
            description = "Do not compute fix previews: the dry-run diff of each finding's refactoring that the html, "
                    + "sarif and json reports show (timed as the 'fixes' phase).")
    boolean noFixPreviews;

    @Option(names = "--recipes-file", paramLabel = "FILE",
            description = "Recipe configuration for the fix previews (default: the file in rules/recipes/).")
    String recipesFile;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing but errors (no warnings either); the exit code tells the result.")
    boolean quiet;

    AnalyzeCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        List<Renderer> selected = selectRenderers();
        Inputs.Sources src = Inputs.sources(ctx, paths, root);
        List<Path> packFiles = Inputs.packs(ctx, packs);
        Path outDir = out != null ? ctx.resolve(out) : src.root().resolve("target").resolve("kreply");
        checkOutDir(outDir);
        Path baselinePath = baselinePath(src.root());
        Baseline accepted = baselinePath != null && !updateBaseline ? BaselineFile.read(baselinePath) : Baseline.empty();
        Previews previews = previews(selected);

        CallGraph graph;
        GateOutcome outcome;
        List<String> warnings;
        try (ProgressDisplay progress = ProgressDisplay.start(ctx.err(), ctx.stderrIsTerminal() && !quiet)) {
            Analyzer.Run run = ctx.backend().analyzeWithGraph(new AnalyzeRequest(src.paths(), src.root(), packFiles,
                    rta ? AnalyzeRequest.Dispatch.RTA : AnalyzeRequest.Dispatch.CHA, progress));
            AnalysisResult result = run.result();
            // only the HTML report draws the graph; do not keep it alive for the others
            graph = selected.stream().anyMatch(r -> r.format().equals("html")) ? run.callGraph() : null;
            outcome = gate(result, accepted, baselinePath, src.root());
            Previews.Attached attached = previews.attach(outcome, src.root(), outDir, progress);
            outcome = attached.outcome();
            warnings = attached.warnings();
        }

        RenderContext rc = new RenderContext(ctx.home() == null ? null : ctx.home().resolve("rules"), graph);
        ReportOutput.Written written = new ReportOutput(outDir, rc).write(outcome, selected);
        boolean fails = failOn.fails(outcome);
        if (!quiet) {
            for (String w : warnings) {
                ctx.err().println("kreply analyze: warning: " + w);
            }
            ctx.err().flush();
            if (written.text() != null) {
                ctx.out().print(written.text());
                ctx.out().println();
            }
            if (updateBaseline) {
                long n = outcome.count(FindingStatus.BASELINED);
                ctx.out().printf("Baseline %s written: %d %s.%n", baselinePath, n, n == 1 ? "entry" : "entries");
            }
            ctx.out().println(verdict(outcome, fails, outDir));
            ctx.out().flush();
        }
        return fails ? ExitCodes.FINDINGS : ExitCodes.CLEAN;
    }

    /** Applies the baseline (writing it first with {@code --update-baseline}). Previews never change this. */
    private GateOutcome gate(AnalysisResult result, Baseline accepted, Path baselinePath, Path analysedRoot)
            throws BaselineException {
        String baselineName = baselinePath == null ? null : display(baselinePath, analysedRoot);
        if (updateBaseline) {
            Baseline fresh = Gate.baselineOf(Gate.apply(result, Baseline.empty(), null));
            BaselineFile.write(baselinePath, fresh);
            return Gate.apply(result, fresh, baselineName);
        }
        return Gate.apply(result, accepted, baselineName);
    }

    /**
     * Fix previews are computed only for reports that show them (html, sarif, json). An explicit
     * {@code --recipes-file} is checked now, before the analysis; the bundled one is looked up
     * only when a finding names a recipe, and its absence is then a warning, not an error.
     */
    private Previews previews(List<Renderer> selected) {
        boolean shown = selected.stream().anyMatch(r -> PREVIEW_FORMATS.contains(r.format()));
        if (noFixPreviews || !shown) {
            return Previews.NONE;
        }
        if (recipesFile != null) {
            Path file = ctx.resolve(recipesFile);
            try {
                RecipeConfig config = RecipeConfigLoader.load(RecipeFiles.locate(file, null));
                return new Previews(() -> config);
            } catch (RefactorException e) {
                throw new CliException("--recipes-file: " + e.getMessage());
            }
        }
        return new Previews(() -> RecipeConfigLoader.load(RecipeFiles.locate(null, ctx.home())));
    }

    private static final Set<String> PREVIEW_FORMATS = Set.of("html", "sarif", "json");

    private List<Renderer> selectRenderers() {
        if (formats.isEmpty()) {
            return renderers.availableFormats().stream().map(f -> renderers.find(f).orElseThrow()).toList();
        }
        Set<Renderer> out = new LinkedHashSet<>();
        for (String f : formats) {
            Optional<Renderer> r = renderers.find(f);
            if (r.isPresent()) {
                out.add(r.get());
                continue;
            }
            Optional<String> why = renderers.unavailableReason(f);
            if (why.isPresent()) {
                throw new CliException("--format " + f.trim() + ": " + why.get() + " (available: "
                        + String.join(", ", renderers.availableFormats()) + ")");
            }
            throw new CliException("--format: unknown format '" + f.trim() + "' (available: "
                    + String.join(", ", renderers.availableFormats()) + ")");
        }
        return List.copyOf(out);
    }

    /** The explicit baseline (must exist unless it is being written), else the root's default if present. */
    private Path baselinePath(Path analysedRoot) {
        if (baseline != null) {
            Path p = ctx.resolve(baseline);
            if (Files.isDirectory(p)) {
                throw new CliException("--baseline is a folder, not a file: " + baseline);
            }
            if (!updateBaseline && !Files.exists(p)) {
                throw new CliException("baseline file not found: " + baseline
                        + " (create it with --update-baseline)");
            }
            return p;
        }
        Path def = analysedRoot.resolve(BaselineFile.DEFAULT_NAME);
        return updateBaseline || Files.exists(def) ? def : null;
    }

    private static void checkOutDir(Path outDir) {
        if (Files.exists(outDir) && !Files.isDirectory(outDir)) {
            throw new CliException("--out is a file, not a folder: " + outDir);
        }
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new CliException("cannot create output folder " + outDir + ": " + ReportOutput.reason(e));
        }
    }

    private static String display(Path p, Path analysedRoot) {
        return p.startsWith(analysedRoot) ? analysedRoot.relativize(p).toString().replace('\\', '/') : p.toString();
    }

    private String verdict(GateOutcome o, boolean fails, Path outDir) {
        long fresh = o.count(FindingStatus.NEW);
        long baselined = o.count(FindingStatus.BASELINED);
        long suppressed = o.count(FindingStatus.SUPPRESSED);
        String policy = "--fail-on " + failOn.name().toLowerCase(java.util.Locale.ROOT);
        String counts = fresh + " new, " + baselined + " baselined, " + suppressed + " suppressed";
        return (fails ? "FAILED (" : "PASSED (") + policy + "): " + counts + ". Reports in " + outDir;
    }
}
