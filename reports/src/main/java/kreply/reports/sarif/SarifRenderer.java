package kreply.reports.sarif;

import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
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
import kreply.analyzer.report.PathStep;
import kreply.analyzer.report.RuleDescriptor;
import kreply.analyzer.report.Suppression;
import kreply.reports.gate.BaselineEntry;
import kreply.reports.gate.GateOutcome;
import kreply.reports.render.RenderContext;
import kreply.reports.render.Renderer;

/**
 * {@code kreply.sarif}: SARIF 2.1.0 for code-scanning services and IDE viewers. Paths are relative
 * to the {@code SRCROOT} base id (declared in {@code originalUriBaseIds}) so the file stays valid
 * when the checkout moves. Each result carries the content fingerprint as a partial fingerprint
 * (viewers then track it across line shifts, like the baseline does), the witness call path as a
 * code flow, the refactoring as a fix when its diff is known, and a suppression record when it is
 * baselined or suppressed in the source. Gate diagnostics (stale baseline entries, unused or
 * reasonless suppressions) become configuration notifications, parse problems execution
 * notifications.
 */
public final class SarifRenderer implements Renderer {
    public static final String SCHEMA_URI =
            "https://raw.githubusercontent.com/oasis-tcs/sarif-spec/master/Schemata/sarif-schema-2.1.0.json";
    static final String ROOT_ID = "SRCROOT";
    static final String FINGERPRINT_KEY = "kreply/content/v1";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    @Override
    public String format() {
        return "sarif";
    }

    @Override
    public String fileName() {
        return "kreply.sarif";
    }

    @Override
    public void render(GateOutcome outcome, RenderContext context, Writer out) throws IOException {
        JSON.writeValue(out, toTree(outcome, context));
        out.write("\n");
        out.flush();
    }

    ObjectNode toTree(GateOutcome outcome, RenderContext context) {
        AnalysisResult r = outcome.result();
        ObjectNode log = JSON.createObjectNode();
        log.put("$schema", SCHEMA_URI);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();

        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", r.tool());
        driver.put("version", r.toolVersion());
        ArrayNode rules = driver.putArray("rules");
        Map<String, Integer> ruleIndex = new HashMap<>();
        RuleDocs docs = new RuleDocs(context.rulesDir());
        for (RuleDescriptor d : r.rules()) {
            ruleIndex.putIfAbsent(d.id(), rules.size());
            rules.add(rule(d, docs));
        }

        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", true);
        ArrayNode execNotes = invocation.putArray("toolExecutionNotifications");
        for (ParseProblem p : r.parseProblems()) {
            ObjectNode n = notification(execNotes, "kreply/parse-problem", "warning",
                    "Could not parse " + p.file() + ", skipped: " + p.message());
            location(n.putArray("locations").addObject(), p.file(), p.line());
        }
        ArrayNode configNotes = invocation.putArray("toolConfigurationNotifications");
        for (BaselineEntry e : outcome.staleEntries()) {
            notification(configNotes, "kreply/stale-baseline-entry", "note",
                    "Baseline entry no longer matches any finding: " + e.ruleId() + " in " + e.method()
                            + " (fingerprint " + e.fingerprint() + ")");
        }
        for (Suppression s : outcome.unusedSuppressions()) {
            ObjectNode n = notification(configNotes, "kreply/unused-suppression", "note",
                    "Suppression of " + s.ruleId() + " covers no finding: " + s.reason());
            location(n.putArray("locations").addObject(), s.file(), s.line());
        }
        for (Suppression s : outcome.suppressionsWithoutReason()) {
            ObjectNode n = notification(configNotes, "kreply/suppression-without-reason", "warning",
                    "Suppression of " + s.ruleId() + " gives no reason and is ignored");
            location(n.putArray("locations").addObject(), s.file(), s.line());
        }

        run.putObject("originalUriBaseIds").putObject(ROOT_ID).put("uri", rootUri(r.root()));
        run.put("columnKind", "utf16CodeUnits");

        ArrayNode results = run.putArray("results");
        for (Finding f : r.findings()) {
            results.add(result(f, ruleIndex.get(f.ruleId()), outcome));
        }
        return log;
    }

    private static ObjectNode rule(RuleDescriptor d, RuleDocs docs) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", d.id());
        o.put("name", pascal(d.id()));
        o.putObject("shortDescription").put("text", nonEmpty(d.title(), d.id()));
        o.putObject("fullDescription").put("text", nonEmpty(d.description(), nonEmpty(d.title(), d.id())));
        docs.uri(d).ifPresent(u -> o.put("helpUri", u.toString()));
        ObjectNode help = o.putObject("help");
        help.put("text", nonEmpty(d.description(), nonEmpty(d.title(), d.id())));
        docs.markdown(d).ifPresent(md -> help.put("markdown", md));
        if (d.severity() != null) {
            o.putObject("defaultConfiguration").put("level", d.severity().sarifLevel());
        }
        ObjectNode props = o.putObject("properties");
        ArrayNode codes = props.putArray("codes");
        d.codes().forEach(codes::add);
        ArrayNode tags = props.putArray("tags");
        tags.add("kreply");
        return o;
    }

    private static ObjectNode result(Finding f, Integer ruleIndex, GateOutcome outcome) {
        ObjectNode o = JSON.createObjectNode();
        o.put("ruleId", f.ruleId());
        if (ruleIndex != null) {
            o.put("ruleIndex", ruleIndex);
        }
        o.put("kind", "fail");
        if (f.severity() != null) {
            o.put("level", f.severity().sarifLevel());
        }
        String codes = f.kinds().isEmpty() ? "" : "[" + String.join(" ", f.kinds()) + "] ";
        o.putObject("message").put("text", codes + nonEmpty(f.message(), f.ruleId()));
        ObjectNode loc = o.putArray("locations").addObject();
        location(loc, f.file(), f.line());
        if (f.method() != null) {
            ObjectNode logical = loc.putArray("logicalLocations").addObject();
            logical.put("fullyQualifiedName", f.method());
            logical.put("kind", "function");
        }
        if (f.fingerprint() != null) {
            o.putObject("partialFingerprints").put(FINGERPRINT_KEY, f.fingerprint());
        }
        if (!f.witness().isEmpty()) {
            codeFlow(o.putArray("codeFlows").addObject(), f.witness());
        }
        if (f.fix() != null && f.fix().unifiedDiff() != null) {
            fix(o, f);
        }
        ArrayNode supp = o.putArray("suppressions");
        if (f.status() == FindingStatus.SUPPRESSED) {
            ObjectNode s = supp.addObject();
            s.put("kind", "inSource");
            s.put("status", "accepted");
            s.put("justification", nonEmpty(f.suppressionReason(), "suppressed in source"));
        } else if (f.status() == FindingStatus.BASELINED) {
            ObjectNode s = supp.addObject();
            s.put("kind", "external");
            s.put("status", "accepted");
            s.put("justification", "accepted in baseline " + nonEmpty(outcome.baselineFile(), ""));
        }
        if (outcome.baselineUsed() && f.status() != FindingStatus.SUPPRESSED) {
            o.put("baselineState", f.status() == FindingStatus.BASELINED ? "unchanged" : "new");
        }
        ObjectNode props = o.putObject("properties");
        ArrayNode kinds = props.putArray("kinds");
        f.kinds().forEach(kinds::add);
        props.put("status", f.status().name().toLowerCase(Locale.ROOT));
        if (f.methodId() != null) {
            props.put("methodId", f.methodId());
        }
        if (f.fix() != null) {
            ObjectNode fix = props.putObject("fix");
            fix.put("recipe", f.fix().recipe());
            fix.put("description", f.fix().description());
        }
        return o;
    }

    /** One thread-flow location per witness step, entry point first, as SARIF viewers step through it. */
    private static void codeFlow(ObjectNode flow, List<PathStep> steps) {
        flow.putObject("message").put("text", "Call path from an entry point to the flagged method");
        ArrayNode locs = flow.putArray("threadFlows").addObject().putArray("locations");
        for (int i = 0; i < steps.size(); i++) {
            PathStep s = steps.get(i);
            ObjectNode tfl = locs.addObject();
            ObjectNode loc = tfl.putObject("location");
            location(loc, s.file(), s.line());
            String how = s.edgeKind() == null ? "entry point" : "reached by " + s.edgeKind() + " edge";
            loc.putObject("message").put("text", s.methodId() + " (" + how + ")");
            if (s.methodId() != null) {
                ObjectNode logical = loc.putArray("logicalLocations").addObject();
                logical.put("fullyQualifiedName", s.methodId());
                logical.put("kind", "function");
            }
            tfl.put("nestingLevel", i);
            tfl.put("executionOrder", i + 1);
            if (s.edgeKind() != null) {
                ArrayNode kinds = tfl.putArray("kinds").add("call");
                if (!s.edgeKind().equals("call")) {
                    kinds.add(s.edgeKind());
                }
            }
        }
    }

    private static void fix(ObjectNode result, Finding f) {
        Map<String, List<UnifiedDiff.Replacement>> changes = UnifiedDiff.parse(f.fix().unifiedDiff(), f.file());
        if (changes.isEmpty()) {
            return; // not a diff we understand: the recipe is still named in the properties
        }
        ObjectNode fix = result.putArray("fixes").addObject();
        fix.putObject("description").put("text", nonEmpty(f.fix().description(), f.fix().recipe()));
        ArrayNode acs = fix.putArray("artifactChanges");
        changes.forEach((file, reps) -> {
            ObjectNode ac = acs.addObject();
            artifact(ac.putObject("artifactLocation"), file);
            ArrayNode arr = ac.putArray("replacements");
            for (UnifiedDiff.Replacement rep : reps) {
                ObjectNode o = arr.addObject();
                // Whole-line regions: from column 1 of the first deleted line to column 1 of the line
                // after the last, so the deleted lines' newlines go too; an empty region is an insertion point.
                ObjectNode del = o.putObject("deletedRegion");
                del.put("startLine", rep.startLine());
                del.put("startColumn", 1);
                del.put("endLine", rep.startLine() + rep.deletedLines());
                del.put("endColumn", 1);
                if (rep.inserted() != null) {
                    o.putObject("insertedContent").put("text", rep.inserted());
                }
            }
        });
    }

    private static ObjectNode notification(ArrayNode arr, String id, String level, String text) {
        ObjectNode n = arr.addObject();
        n.putObject("descriptor").put("id", id);
        n.put("level", level);
        n.putObject("message").put("text", text);
        return n;
    }

    private static void location(ObjectNode loc, String file, int line) {
        if (file == null) {
            return;
        }
        ObjectNode phys = loc.putObject("physicalLocation");
        artifact(phys.putObject("artifactLocation"), file);
        if (line > 0) {
            phys.putObject("region").put("startLine", line);
        }
    }

    private static void artifact(ObjectNode artifactLocation, String file) {
        artifactLocation.put("uri", relativeUri(file));
        artifactLocation.put("uriBaseId", ROOT_ID);
    }

    /** A relative path as a URI reference: forward slashes, percent-encoded where needed. */
    static String relativeUri(String file) {
        try {
            return new URI(null, null, file.replace('\\', '/'), null).toASCIIString();
        } catch (URISyntaxException e) {
            return file.replace('\\', '/');
        }
    }

    /** The analysed root as an absolute {@code file:} URI ending in a slash, as SARIF requires for base ids. */
    static String rootUri(String root) {
        String p = root == null ? "/" : root.replace('\\', '/');
        if (!p.startsWith("/")) {
            p = "/" + p; // Windows drive paths: file:///C:/...
        }
        if (!p.endsWith("/")) {
            p = p + "/";
        }
        try {
            return new URI("file", "", p, null).toASCIIString();
        } catch (URISyntaxException e) {
            return "file://" + p;
        }
    }

    /** {@code reply-protocol} → {@code ReplyProtocol}: SARIF rule names are identifier-like. */
    static String pascal(String id) {
        StringBuilder b = new StringBuilder();
        boolean up = true;
        for (char c : id.toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            } else {
                up = true;
            }
        }
        return b.length() == 0 ? "Rule" : b.toString();
    }

    private static String nonEmpty(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s;
    }
}
