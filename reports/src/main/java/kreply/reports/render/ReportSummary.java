package kreply.reports.render;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import kreply.analyzer.report.Finding;
import kreply.analyzer.report.FindingStatus;
import kreply.reports.gate.GateOutcome;

/**
 * The counts every report shows, computed once so that the text summary, JSON and SARIF cannot
 * disagree: findings by status, by rule, by violation code and by severity (all findings, whatever
 * their status), plus the gate's own diagnostics.
 */
public record ReportSummary(int total, Map<FindingStatus, Integer> byStatus, Map<String, Integer> byRule,
                            Map<String, Integer> byCode, Map<String, Integer> bySeverity, int staleBaselineEntries,
                            int unusedSuppressions, int suppressionsWithoutReason, int parseProblems) {

    public static ReportSummary of(GateOutcome outcome) {
        Map<FindingStatus, Integer> byStatus = new EnumMap<>(FindingStatus.class);
        for (FindingStatus s : FindingStatus.values()) {
            byStatus.put(s, 0);
        }
        Map<String, Integer> byRule = new TreeMap<>();
        Map<String, Integer> byCode = new TreeMap<>();
        Map<String, Integer> bySeverity = new TreeMap<>();
        for (Finding f : outcome.result().findings()) {
            byStatus.merge(f.status(), 1, Integer::sum);
            byRule.merge(String.valueOf(f.ruleId()), 1, Integer::sum);
            for (String k : f.kinds()) {
                byCode.merge(k, 1, Integer::sum);
            }
            bySeverity.merge(f.severity() == null ? "unknown" : f.severity().name().toLowerCase(Locale.ROOT), 1,
                    Integer::sum);
        }
        return new ReportSummary(outcome.result().findings().size(), byStatus, byRule, byCode, bySeverity,
                outcome.staleEntries().size(), outcome.unusedSuppressions().size(),
                outcome.suppressionsWithoutReason().size(), outcome.result().parseProblems().size());
    }

    public int count(FindingStatus s) {
        return byStatus.getOrDefault(s, 0);
    }
}
