package kreply.reports.html;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import kreply.analyzer.report.AnalysisResult;
import kreply.analyzer.report.Finding;
import kreply.analyzer.report.FindingStatus;
import kreply.analyzer.report.RuleDescriptor;
import kreply.reports.gate.GateOutcome;
import kreply.reports.html.data.ReportData;
import kreply.reports.html.graph.CallNeighbourhood;
import kreply.reports.html.markdown.Block;
import kreply.reports.html.markdown.LinkPolicy;
import kreply.reports.html.markdown.Markdown;
import kreply.reports.html.page.Asset;
import kreply.reports.html.page.CountTable;
import kreply.reports.html.page.DataIsland;
import kreply.reports.html.page.ReportPage;
import kreply.reports.html.page.RuleSection;
import kreply.reports.html.source.SourceFiles;
import kreply.reports.html.source.SourceIndex;
import kreply.reports.render.RenderContext;
import kreply.reports.render.ReportSummary;

/**
 * Turns a gated analysis into the {@link ReportPage} the template lays out: the same counts as the
 * other reports ({@link ReportSummary}), a count by file, the rules with their parsed documentation,
 * the gate's diagnostics, and the JSON data for the findings table, excerpts and call graph.
 */
final class ReportPageBuilder {
    /** Callers and callees taken from the call graph per witness method (the rest are counted). */
    static final int MAX_NEIGHBOURS = 12;
    private static final List<String> PHASE_ORDER = List.of("model", "callgraph", "facts", "rules", "fixes", "output");
    private static final List<String> SEVERITY_ORDER = List.of("error", "warning", "note", "unknown");

    private static final Asset CSS = Asset.load("report.css");
    private static final Asset SCRIPT = Asset.load("report.js");

    private final RenderContext context;

    ReportPageBuilder(RenderContext context) {
        this.context = context;
    }

    ReportPage build(GateOutcome outcome) {
        AnalysisResult r = outcome.result();
        ReportSummary sum = ReportSummary.of(outcome);
        List<RuleDescriptor> rules = rulesOf(r);

        CallNeighbourhood hood = CallNeighbourhood.of(r.findings(), context.callGraph(), MAX_NEIGHBOURS);
        SourceFiles files = new SourceFiles(rootPath(r.root()));
        String json = new ReportData(rules, hood, new SourceIndex(files)).json(r.findings());

        int fresh = sum.count(FindingStatus.NEW);
        return new ReportPage(title(r.root()), r.tool(), r.toolVersion(), r.root(), outcome.baselineFile(),
                facts(r), sum.total(), fresh, sum.count(FindingStatus.BASELINED), sum.count(FindingStatus.SUPPRESSED),
                fresh > 0 ? "new" : "all", counts(r, rules, sum), sections(rules, sum), outcome.staleEntries(),
                outcome.unusedSuppressions(), outcome.suppressionsWithoutReason(), r.parseProblems(), r.packs(),
                timings(r.timingsMillis()), context.callGraph() != null, CSS, SCRIPT, new DataIsland(json));
    }

    /** The result's rules, plus a bare entry for any rule a finding names that has no descriptor. */
    private static List<RuleDescriptor> rulesOf(AnalysisResult r) {
        Map<String, RuleDescriptor> byId = new LinkedHashMap<>();
        for (RuleDescriptor d : r.rules()) {
            byId.putIfAbsent(d.id(), d);
        }
        for (Finding f : r.findings()) {
            String id = String.valueOf(f.ruleId());
            byId.computeIfAbsent(id, k -> new RuleDescriptor(k, "", f.severity(), List.of(), "", null));
        }
        return new ArrayList<>(byId.values());
    }

    private List<RuleSection> sections(List<RuleDescriptor> rules, ReportSummary sum) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            index.putIfAbsent(rules.get(i).id(), i);
        }
        // A link to another rule's page becomes a jump to that rule's section of this report.
        Markdown markdown = new Markdown(new LinkPolicy(target -> ruleAnchor(target, index)));
        RuleDocPages pages = new RuleDocPages(context.rulesDir());
        List<RuleSection> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            RuleDescriptor d = rules.get(i);
            List<Block> doc = List.of();
            String note = null;
            RuleDocPages.Page page = pages.read(d);
            if (page instanceof RuleDocPages.Found found) {
                doc = withoutTitle(markdown.parse(found.markdown()));
            } else {
                note = ((RuleDocPages.Missing) page).reason();
            }
            out.add(new RuleSection(i, d.id(), nz(d.title()), severity(d.severity()), d.codes(), nz(d.description()),
                    d.docPath(), doc, note, sum.byRule().getOrDefault(d.id(), 0)));
        }
        return out;
    }

    /** The page's leading level-1 heading repeats what the section heading already says. */
    private static List<Block> withoutTitle(List<Block> doc) {
        if (!doc.isEmpty() && doc.get(0) instanceof Block.Heading h && h.level() == 1) {
            return doc.subList(1, doc.size());
        }
        return doc;
    }

    /** {@code reply-clobbered.md}, {@code ./docs/reply-clobbered.md#how} → that rule's section, if it is in the report. */
    static Optional<String> ruleAnchor(String target, Map<String, Integer> ruleIndex) {
        String t = target;
        int hash = t.indexOf('#');
        if (hash >= 0) {
            t = t.substring(0, hash);
        }
        if (!t.endsWith(".md")) {
            return Optional.empty();
        }
        String name = t.substring(t.lastIndexOf('/') + 1, t.length() - 3);
        Integer i = ruleIndex.get(name);
        return i == null ? Optional.empty() : Optional.of("#rule-" + i);
    }

    private static List<CountTable> counts(AnalysisResult r, List<RuleDescriptor> rules, ReportSummary sum) {
        List<CountTable.Row> byRule = new ArrayList<>();
        for (RuleDescriptor d : rules) {
            int n = sum.byRule().getOrDefault(d.id(), 0);
            if (n > 0) {
                byRule.add(new CountTable.Row(d.id(), nz(d.title()), n));
            }
        }
        List<CountTable.Row> byCode = new ArrayList<>();
        sum.byCode().forEach((k, v) -> byCode.add(new CountTable.Row(k, null, v)));
        List<CountTable.Row> bySeverity = new ArrayList<>();
        for (String s : SEVERITY_ORDER) {
            Integer n = sum.bySeverity().get(s);
            if (n != null) {
                bySeverity.add(new CountTable.Row(s, null, n));
            }
        }
        Map<String, Integer> files = new TreeMap<>();
        for (Finding f : r.findings()) {
            files.merge(String.valueOf(f.file()), 1, Integer::sum);
        }
        List<CountTable.Row> byFile = new ArrayList<>();
        files.forEach((k, v) -> byFile.add(new CountTable.Row(k, null, v)));
        return List.of(new CountTable("rule", "Findings by rule", "Rule", "Title", byRule),
                new CountTable("code", "Findings by violation code", "Code", null, byCode),
                new CountTable("severity", "Findings by severity", "Severity", null, bySeverity),
                new CountTable("file", "Findings by file", "File", null, byFile));
    }

    private static List<String> facts(AnalysisResult r) {
        List<String> out = new ArrayList<>();
        r.stats().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.add(e.getValue() + " " + e.getKey()));
        out.add(plural(r.packs().size(), "rule pack"));
        out.add(plural(r.rules().size(), "rule"));
        return out;
    }

    static String timings(Map<String, Long> t) {
        if (t.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        long sum = 0;
        for (String p : PHASE_ORDER) {
            if (t.containsKey(p)) {
                parts.add(p + " " + t.get(p) + " ms");
                sum += t.get(p);
            }
        }
        for (Map.Entry<String, Long> e : new TreeMap<>(t).entrySet()) {
            if (!PHASE_ORDER.contains(e.getKey()) && !e.getKey().equals("total")) {
                parts.add(e.getKey() + " " + e.getValue() + " ms");
                sum += e.getValue();
            }
        }
        long total = t.containsKey("total") ? t.get("total") : sum;
        return String.join(", ", parts) + "; total " + total + " ms";
    }

    private static String title(String root) {
        if (root == null || root.isBlank()) {
            return "kreply report";
        }
        String r = root.replace('\\', '/');
        while (r.endsWith("/") && r.length() > 1) {
            r = r.substring(0, r.length() - 1);
        }
        return "kreply report: " + r.substring(r.lastIndexOf('/') + 1);
    }

    private static Path rootPath(String root) {
        if (root == null || root.isBlank()) {
            return null;
        }
        try {
            return Path.of(root);
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private static String severity(kreply.analyzer.report.Severity s) {
        return s == null ? "unknown" : s.name().toLowerCase(Locale.ROOT);
    }

    private static String plural(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
