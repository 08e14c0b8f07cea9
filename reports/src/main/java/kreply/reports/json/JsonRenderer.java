package kreply.reports.json;

import java.io.IOException;
import java.io.Writer;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import kreply.analyzer.report.AnalysisResult;
import kreply.analyzer.report.Finding;
import kreply.analyzer.report.FindingStatus;
import kreply.analyzer.report.ParseProblem;
import kreply.analyzer.report.RuleDescriptor;
import kreply.analyzer.report.Suppression;
import kreply.reports.gate.BaselineEntry;
import kreply.reports.gate.GateOutcome;
import kreply.reports.render.RenderContext;
import kreply.reports.render.Renderer;
import kreply.reports.render.ReportSummary;

/**
 * {@code kreply.json}: the machine-readable report for scripts. Field order is fixed (the tree is
 * built by hand rather than by reflection) so that diffs between runs show only real changes.
 * Enum values are lower case, as in SARIF.
 */
public final class JsonRenderer implements Renderer {
    /** Bumped when a field is removed or changes meaning; additions keep the number. */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    @Override
    public String format() {
        return "json";
    }

    @Override
    public String fileName() {
        return "kreply.json";
    }

    @Override
    public void render(GateOutcome outcome, RenderContext context, Writer out) throws IOException {
        JSON.writeValue(out, toTree(outcome));
        out.write("\n");
        out.flush();
    }

    ObjectNode toTree(GateOutcome outcome) {
        AnalysisResult r = outcome.result();
        ObjectNode root = JSON.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("tool", r.tool());
        root.put("version", r.toolVersion());
        root.put("root", r.root());
        ArrayNode packs = root.putArray("packs");
        r.packs().forEach(packs::add);

        ArrayNode rules = root.putArray("rules");
        for (RuleDescriptor d : r.rules()) {
            ObjectNode o = rules.addObject();
            o.put("id", d.id());
            o.put("title", d.title());
            o.put("severity", lower(d.severity()));
            ArrayNode codes = o.putArray("codes");
            d.codes().forEach(codes::add);
            o.put("description", d.description());
            o.put("docPath", d.docPath());
        }

        ArrayNode findings = root.putArray("findings");
        for (Finding f : r.findings()) {
            findings.add(finding(f));
        }

        ArrayNode problems = root.putArray("parseProblems");
        for (ParseProblem p : r.parseProblems()) {
            ObjectNode o = problems.addObject();
            o.put("file", p.file());
            o.put("line", p.line());
            o.put("message", p.message());
        }

        ObjectNode baseline = root.putObject("baseline");
        baseline.put("file", outcome.baselineFile());
        ArrayNode stale = baseline.putArray("staleEntries");
        for (BaselineEntry e : outcome.staleEntries()) {
            ObjectNode o = stale.addObject();
            o.put("fingerprint", e.fingerprint());
            o.put("ruleId", e.ruleId());
            o.put("method", e.method());
            ArrayNode kinds = o.putArray("kinds");
            e.kinds().forEach(kinds::add);
            o.put("file", e.file());
        }

        ObjectNode supp = root.putObject("suppressions");
        suppressions(supp.putArray("unused"), outcome.unusedSuppressions());
        suppressions(supp.putArray("withoutReason"), outcome.suppressionsWithoutReason());

        root.set("summary", summary(ReportSummary.of(outcome)));
        ObjectNode timings = root.putObject("timingsMillis");
        r.timingsMillis().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> timings.put(e.getKey(), e.getValue()));
        ObjectNode stats = root.putObject("stats");
        r.stats().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> stats.put(e.getKey(), e.getValue()));
        return root;
    }

    private static ObjectNode finding(Finding f) {
        ObjectNode o = JSON.createObjectNode();
        o.put("ruleId", f.ruleId());
        ArrayNode kinds = o.putArray("kinds");
        f.kinds().forEach(kinds::add);
        o.put("severity", lower(f.severity()));
        o.put("method", f.method());
        o.put("methodId", f.methodId());
        o.put("file", f.file());
        o.put("line", f.line());
        o.put("message", f.message());
        ArrayNode path = o.putArray("callPath");
        f.callPath().forEach(path::add);
        o.put("fingerprint", f.fingerprint());
        o.put("status", lower(f.status()));
        if (f.status() == FindingStatus.SUPPRESSED) {
            o.put("suppressionReason", f.suppressionReason());
        }
        if (f.fix() != null) {
            ObjectNode fix = o.putObject("fix");
            fix.put("recipe", f.fix().recipe());
            fix.put("description", f.fix().description());
            fix.put("unifiedDiff", f.fix().unifiedDiff());
        }
        return o;
    }

    private static void suppressions(ArrayNode arr, Iterable<Suppression> ss) {
        for (Suppression s : ss) {
            ObjectNode o = arr.addObject();
            o.put("ruleId", s.ruleId());
            o.put("reason", s.reason());
            o.put("file", s.file());
            o.put("line", s.line());
            o.put("fromLine", s.fromLine());
            o.put("toLine", s.toLine());
        }
    }

    private static ObjectNode summary(ReportSummary s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("findings", s.total());
        o.put("new", s.count(FindingStatus.NEW));
        o.put("baselined", s.count(FindingStatus.BASELINED));
        o.put("suppressed", s.count(FindingStatus.SUPPRESSED));
        counts(o.putObject("byRule"), s.byRule());
        counts(o.putObject("byCode"), s.byCode());
        counts(o.putObject("bySeverity"), s.bySeverity());
        o.put("staleBaselineEntries", s.staleBaselineEntries());
        o.put("unusedSuppressions", s.unusedSuppressions());
        o.put("suppressionsWithoutReason", s.suppressionsWithoutReason());
        o.put("parseProblems", s.parseProblems());
        return o;
    }

    private static void counts(ObjectNode o, Map<String, Integer> m) {
        m.forEach(o::put);
    }

    private static String lower(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT);
    }
}
