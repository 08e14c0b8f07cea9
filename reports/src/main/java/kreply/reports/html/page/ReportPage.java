package kreply.reports.html.page;

import java.util.List;

import kreply.analyzer.report.ParseProblem;
import kreply.analyzer.report.Suppression;
import kreply.reports.gate.BaselineEntry;

/**
 * Everything the page template shows, prepared in Java so the template only lays it out. Strings
 * are raw data: the template escapes them (and shows hidden characters, see {@link VisibleText}).
 * {@code defaultStatus} is the status tab selected when the page opens: new findings if there are
 * any, otherwise all.
 */
public record ReportPage(String title, String tool, String version, String root, String baselineFile,
                         List<String> facts, int total, int fresh, int baselined, int suppressed,
                         String defaultStatus, List<CountTable> counts, List<RuleSection> rules,
                         List<BaselineEntry> staleEntries, List<Suppression> unusedSuppressions,
                         List<Suppression> suppressionsWithoutReason, List<ParseProblem> parseProblems,
                         List<String> packs, String timings, boolean callGraphFromAnalysis,
                         Asset css, Asset script, DataIsland data) {
    public ReportPage {
        facts = List.copyOf(facts);
        counts = List.copyOf(counts);
        rules = List.copyOf(rules);
        staleEntries = List.copyOf(staleEntries);
        unusedSuppressions = List.copyOf(unusedSuppressions);
        suppressionsWithoutReason = List.copyOf(suppressionsWithoutReason);
        parseProblems = List.copyOf(parseProblems);
        packs = List.copyOf(packs);
    }

    /** The overview table for one filter ({@code rule}, {@code code}, {@code severity}, {@code file}). */
    public CountTable table(String filter) {
        return counts.stream().filter(t -> t.filter().equals(filter)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no count table " + filter));
    }

    /**
     * The page's Content-Security-Policy: nothing may load or run except the report's own inlined
     * stylesheet and script, identified by their digests. Injected markup could neither execute
     * script nor fetch anything, should escaping ever fail.
     */
    public String contentSecurityPolicy() {
        return "default-src 'none'; script-src " + script.cspSource() + "; style-src " + css.cspSource()
                + "; img-src 'none'; base-uri 'none'; form-action 'none'";
    }

    public boolean hasDiagnostics() {
        return !staleEntries.isEmpty() || !unusedSuppressions.isEmpty() || !suppressionsWithoutReason.isEmpty()
                || !parseProblems.isEmpty();
    }
}
