package kreply.reports.text;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import kreply.analyzer.report.AnalysisResult;
import kreply.analyzer.report.Finding;
import kreply.analyzer.report.FindingStatus;
import kreply.analyzer.report.ParseProblem;
import kreply.analyzer.report.PathStep;
import kreply.analyzer.report.Suppression;
import kreply.reports.gate.BaselineEntry;
import kreply.reports.gate.GateOutcome;
import kreply.reports.render.MethodNames;
import kreply.reports.render.RenderContext;
import kreply.reports.render.Renderer;
import kreply.reports.render.ReportSummary;

/**
 * The terminal summary: what was analysed, counts (by status, rule, code, severity), each new
 * finding as {@code file:line rule [codes] method — message} with its witness path, then
 * everything that needs a human's attention besides new findings (suppressed findings with their
 * reasons, stale baseline entries, unused or reasonless suppressions, parse problems) and timings.
 * Baselined findings are only counted: listing hundreds of accepted findings would bury the new
 * ones.
 */
public final class TextRenderer implements Renderer {
    /** Witness paths longer than this are shown with their middle elided. */
    static final int MAX_PATH_STEPS = 8;
    private static final List<String> PHASE_ORDER = List.of("model", "callgraph", "facts", "rules", "fixes", "output");

    @Override
    public String format() {
        return "text";
    }

    @Override
    public String fileName() {
        return "kreply.txt";
    }

    @Override
    public void render(GateOutcome outcome, RenderContext context, Writer writer) throws IOException {
        PrintWriter out = new PrintWriter(writer);
        AnalysisResult r = outcome.result();
        ReportSummary sum = ReportSummary.of(outcome);

        out.printf("%s %s: analysed %s%n", r.tool(), r.toolVersion(), r.root());
        List<String> facts = new ArrayList<>();
        r.stats().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> facts.add(e.getValue() + " " + e.getKey()));
        facts.add(plural(r.packs().size(), "rule pack"));
        facts.add(plural(r.rules().size(), "rule"));
        out.printf("  %s%n", String.join(", ", facts));
        if (outcome.baselineUsed()) {
            out.printf("  baseline %s%n", outcome.baselineFile());
        }
        out.println();

        out.printf("Findings: %d (%d new, %d baselined, %d suppressed)%n", sum.total(),
                sum.count(FindingStatus.NEW), sum.count(FindingStatus.BASELINED), sum.count(FindingStatus.SUPPRESSED));
        if (sum.total() > 0) {
            out.printf("  by rule      %s%n", counts(sum.byRule()));
            out.printf("  by code      %s%n", counts(sum.byCode()));
            out.printf("  by severity  %s%n", counts(sum.bySeverity()));
        }

        List<Finding> fresh = withStatus(r, FindingStatus.NEW);
        if (!fresh.isEmpty()) {
            out.printf("%nNew findings (%d):%n", fresh.size());
            for (Finding f : fresh) {
                out.printf("  %s:%d %s [%s] %s — %s%n", f.file(), f.line(), f.ruleId(), String.join(" ", f.kinds()),
                        f.method(), f.message());
                if (!f.witness().isEmpty()) {
                    out.printf("      path: %s%n", witness(f.witness()));
                }
                if (f.fix() != null) {
                    out.printf("      fix:  %s — %s%n", f.fix().recipe(), f.fix().description());
                }
            }
        }
        List<Finding> suppressed = withStatus(r, FindingStatus.SUPPRESSED);
        if (!suppressed.isEmpty()) {
            out.printf("%nSuppressed findings (%d):%n", suppressed.size());
            for (Finding f : suppressed) {
                out.printf("  %s:%d %s %s — %s%n", f.file(), f.line(), f.ruleId(), f.method(),
                        f.suppressionReason());
            }
        }
        if (!outcome.staleEntries().isEmpty()) {
            out.printf("%nStale baseline entries (%d), no longer found; drop them with --update-baseline:%n",
                    outcome.staleEntries().size());
            for (BaselineEntry e : outcome.staleEntries()) {
                out.printf("  %s [%s] %s (%s) %s%n", e.ruleId(), String.join(" ", e.kinds()), e.method(), e.file(),
                        e.fingerprint());
            }
        }
        if (!outcome.unusedSuppressions().isEmpty()) {
            out.printf("%nUnused suppressions (%d), they cover no finding:%n", outcome.unusedSuppressions().size());
            for (Suppression s : outcome.unusedSuppressions()) {
                out.printf("  %s:%d %s — %s%n", s.file(), s.line(), s.ruleId(), s.reason());
            }
        }
        if (!outcome.suppressionsWithoutReason().isEmpty()) {
            out.printf("%nSuppressions without a reason (%d), ignored until they give one:%n",
                    outcome.suppressionsWithoutReason().size());
            for (Suppression s : outcome.suppressionsWithoutReason()) {
                out.printf("  %s:%d %s%n", s.file(), s.line(), s.ruleId());
            }
        }
        if (!r.parseProblems().isEmpty()) {
            out.printf("%nParse problems (%d), these files were skipped:%n", r.parseProblems().size());
            for (ParseProblem p : r.parseProblems()) {
                out.printf("  %s:%d %s%n", p.file(), p.line(), p.message());
            }
        }
        if (!r.timingsMillis().isEmpty()) {
            out.printf("%nTimings: %s%n", timings(r.timingsMillis()));
        }
        out.flush();
    }

    private static List<Finding> withStatus(AnalysisResult r, FindingStatus s) {
        return r.findings().stream().filter(f -> f.status() == s).collect(Collectors.toList());
    }

    /** Compact witness: short method names, non-plain call edges labelled, long middles elided. */
    static String witness(List<PathStep> steps) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            PathStep s = steps.get(i);
            String edge = s.edgeKind() == null || s.edgeKind().equals("call") ? "" : "(" + s.edgeKind() + ") ";
            parts.add(edge + MethodNames.compact(s.methodId()));
        }
        if (parts.size() > MAX_PATH_STEPS) {
            int head = 3;
            int tail = MAX_PATH_STEPS - head - 1;
            int hidden = parts.size() - head - tail;
            List<String> shortened = new ArrayList<>(parts.subList(0, head));
            shortened.add("… " + hidden + " more …");
            shortened.addAll(parts.subList(parts.size() - tail, parts.size()));
            parts = shortened;
        }
        return String.join(" → ", parts);
    }

    private static String counts(Map<String, Integer> m) {
        return m.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    static String timings(Map<String, Long> t) {
        Map<String, Long> ordered = new LinkedHashMap<>();
        for (String p : PHASE_ORDER) {
            if (t.containsKey(p)) {
                ordered.put(p, t.get(p));
            }
        }
        t.keySet().stream().filter(k -> !ordered.containsKey(k) && !k.equals("total")).sorted()
                .forEach(k -> ordered.put(k, t.get(k)));
        long total = t.containsKey("total") ? t.get("total")
                : ordered.values().stream().mapToLong(Long::longValue).sum();
        String phases = ordered.entrySet().stream().map(e -> e.getKey() + " " + e.getValue() + " ms")
                .collect(Collectors.joining(", "));
        return phases + "; total " + total + " ms";
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
