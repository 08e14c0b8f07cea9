package kreply.cli.preview;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import kreply.analyzer.engine.ProgressListener;
import kreply.analyzer.report.AnalysisResult;
import kreply.refactor.config.RecipeConfig;
import kreply.reports.gate.GateOutcome;

/**
 * The fix-preview step of {@code kreply analyze}, between the gate and the reports: whether it
 * runs at all ({@code --no-fix-previews}, or no report that shows previews), and its cost, which
 * goes into the timings as the {@code fixes} phase next to model, callgraph and facts.
 */
public final class Previews {
    /** Previews switched off: the outcome passes through untouched and no phase is timed. */
    public static final Previews NONE = new Previews(null);

    /** The gate outcome with previews attached, and the warnings for previews left out. */
    public record Attached(GateOutcome outcome, List<String> warnings) {
    }

    private final Supplier<RecipeConfig> config;

    /** {@code config} supplies the recipe configuration when first needed (it may throw). */
    public Previews(Supplier<RecipeConfig> config) {
        this.config = config;
    }

    public boolean wanted() {
        return config != null;
    }

    /** {@code cacheDir} (the report folder) keeps previews of unchanged code between runs; null keeps none. */
    public Attached attach(GateOutcome o, Path analysedRoot, Path cacheDir, ProgressListener progress) {
        if (!wanted()) {
            return new Attached(o, List.of());
        }
        long t0 = System.nanoTime();
        FixPreviews.Outcome r = new FixPreviews(config, progress, cacheDir).attach(o.result().findings(), analysedRoot);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        AnalysisResult a = o.result();
        Map<String, Long> timings = new HashMap<>(a.timingsMillis());
        timings.put("fixes", millis);
        AnalysisResult withFixes = new AnalysisResult(a.tool(), a.toolVersion(), a.root(), a.packs(), a.rules(),
                r.findings(), a.parseProblems(), a.suppressions(), timings, a.stats());
        return new Attached(new GateOutcome(withFixes, o.baselineFile(), o.staleEntries(), o.unusedSuppressions(),
                o.suppressionsWithoutReason()), r.warnings());
    }
}
