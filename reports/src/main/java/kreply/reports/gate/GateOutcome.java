package kreply.reports.gate;

import java.util.List;

import kreply.analyzer.report.AnalysisResult;
import kreply.analyzer.report.FindingStatus;
import kreply.analyzer.report.Suppression;

/**
 * An analysis result after the CI gate: every finding carries its status (new, baselined,
 * suppressed), plus what the gate found wrong with its own inputs — baseline entries that no
 * longer match anything, suppressions that cover nothing, and suppressions without a reason (which
 * are ignored). {@code baselineFile} is the baseline as shown to the user, or null when none was
 * used. Every renderer reads this.
 */
public record GateOutcome(AnalysisResult result, String baselineFile, List<BaselineEntry> staleEntries,
                          List<Suppression> unusedSuppressions, List<Suppression> suppressionsWithoutReason) {
    public GateOutcome {
        staleEntries = List.copyOf(staleEntries);
        unusedSuppressions = List.copyOf(unusedSuppressions);
        suppressionsWithoutReason = List.copyOf(suppressionsWithoutReason);
    }

    public long count(FindingStatus status) {
        return result.findings().stream().filter(f -> f.status() == status).count();
    }

    public boolean baselineUsed() {
        return baselineFile != null;
    }
}
