package kreply.reports.gate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import kreply.analyzer.report.AnalysisResult;
import kreply.analyzer.report.Finding;
import kreply.analyzer.report.FindingStatus;
import kreply.analyzer.report.Suppression;

/**
 * Applies the source suppressions the engine collected and then a baseline to an analysis result.
 * Suppressions go first: a suppressed finding does not consume a baseline entry, so an entry whose
 * finding got suppressed later shows up as stale and can be dropped. A suppression without a reason
 * is not honoured (the reason is what makes it reviewable); it is reported instead.
 */
public final class Gate {
    /** Deterministic report order, independent of the engine's traversal order. */
    private static final Comparator<Finding> ORDER = Comparator
            .comparing((Finding f) -> nz(f.file())).thenComparingInt(Finding::line)
            .thenComparing(f -> nz(f.ruleId())).thenComparing(f -> nz(f.method()))
            .thenComparing(f -> nz(f.fingerprint()));

    private Gate() {
    }

    /**
     * @param baseline     the accepted findings (use {@link Baseline#empty()} for none)
     * @param baselineFile how to name the baseline in reports, or null when no baseline is in use
     */
    public static GateOutcome apply(AnalysisResult result, Baseline baseline, String baselineFile) {
        List<Suppression> valid = new ArrayList<>();
        List<Suppression> withoutReason = new ArrayList<>();
        for (Suppression s : result.suppressions()) {
            if (s.reason() == null || s.reason().isBlank()) {
                withoutReason.add(s);
            } else {
                valid.add(s);
            }
        }
        Map<Suppression, Boolean> used = new IdentityHashMap<>();
        List<Finding> sorted = new ArrayList<>(result.findings());
        sorted.sort(ORDER);
        Baseline.Matcher matcher = baseline.matcher();
        List<Finding> gated = new ArrayList<>(sorted.size());
        for (Finding f : sorted) {
            Suppression by = firstCovering(valid, f);
            if (by != null) {
                used.put(by, Boolean.TRUE);
                gated.add(f.withStatus(FindingStatus.SUPPRESSED, by.reason()));
            } else if (matcher.claim(f)) {
                gated.add(f.withStatus(FindingStatus.BASELINED, null));
            } else {
                gated.add(f.withStatus(FindingStatus.NEW, null));
            }
        }
        List<Suppression> unused = valid.stream().filter(s -> !used.containsKey(s)).toList();
        return new GateOutcome(result.withFindings(gated), baselineFile, matcher.stale(), unused, withoutReason);
    }

    /**
     * The baseline that accepts every unsuppressed finding of this outcome, as written by
     * {@code --update-baseline}.
     */
    public static Baseline baselineOf(GateOutcome outcome) {
        return Baseline.of(outcome.result().findings().stream()
                .filter(f -> f.status() != FindingStatus.SUPPRESSED).toList());
    }

    private static Suppression firstCovering(List<Suppression> suppressions, Finding f) {
        for (Suppression s : suppressions) {
            if (s.file() != null && s.ruleId() != null && s.covers(f)) {
                return s;
            }
        }
        return null;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
