package kreply.reports.html.data;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import kreply.analyzer.report.Finding;
import kreply.analyzer.report.PathStep;
import kreply.analyzer.report.RuleDescriptor;
import kreply.analyzer.report.Severity;
import kreply.reports.html.graph.CallNeighbourhood;
import kreply.reports.html.source.SourceIndex;

/**
 * The data the report's script works on, as JSON: the findings table (sorted, filtered and paged in
 * the browser), witness paths, the call-graph neighbourhood and the source lines for excerpts.
 * Strings repeated across findings (files, methods) are stored once and referenced by index, and
 * source lines once per file, so a report with ten thousand findings stays a few megabytes.
 *
 * <pre>
 * rules    [{id, title, description}]    index = the rule's section, #rule-&lt;i&gt;
 * files    [path]
 * nodes    [{id, file, line, w, in, out}]  file -1 when unknown; w: on a witness path;
 *                                          in/out: callers/callees left out of the neighbourhood
 * edges    [[from, to, [kind]]]          node indexes
 * findings [{rule, codes, sev, status, file, line, method, msg, fp, path: [[node, kind]],
 *            reason?, fix?: {recipe, description, diff}}]
 * sources  {fileIndex: [[firstLine, [line]]]}
 * </pre>
 */
public final class ReportData {
    /** Lines shown above and below a finding's line. */
    public static final int FINDING_CONTEXT = 8;
    /** Lines shown around a witness step or call-graph node (its declaration). */
    public static final int STEP_CONTEXT = 3;

    private static final JsonFactory JSON = new JsonFactory();

    private final List<RuleDescriptor> rules;
    private final Map<String, Integer> ruleIndex = new HashMap<>();
    private final Map<String, Integer> fileIndex = new LinkedHashMap<>();
    private final Map<String, Integer> nodeIndex = new HashMap<>();
    private final CallNeighbourhood hood;
    private final SourceIndex sources;

    /**
     * @param rules the rules in the order of their sections on the page (every finding's rule
     *              should be among them; one that is not gets rule index -1)
     */
    public ReportData(List<RuleDescriptor> rules, CallNeighbourhood hood, SourceIndex sources) {
        this.rules = List.copyOf(rules);
        for (int i = 0; i < this.rules.size(); i++) {
            ruleIndex.putIfAbsent(this.rules.get(i).id(), i);
        }
        this.hood = hood;
        this.sources = sources;
        for (int i = 0; i < hood.nodes().size(); i++) {
            nodeIndex.put(hood.nodes().get(i).id(), i);
        }
    }

    public String json(List<Finding> findings) {
        for (Finding f : findings) {
            sources.request(f.file(), f.line(), FINDING_CONTEXT);
            file(f.file());
            for (PathStep s : f.witness()) {
                file(s.file());
                sources.request(s.file(), s.line(), STEP_CONTEXT);
            }
        }
        for (CallNeighbourhood.Node n : hood.nodes()) {
            file(n.file());
            sources.request(n.file(), n.line(), STEP_CONTEXT);
        }
        // every file index is assigned above: the files array is written before anything refers to it
        StringWriter w = new StringWriter(64 * 1024 + findings.size() * 400);
        try (JsonGenerator g = JSON.createGenerator(w)) {
            g.writeStartObject();
            g.writeArrayFieldStart("rules");
            for (RuleDescriptor r : rules) {
                g.writeStartObject();
                g.writeStringField("id", r.id());
                g.writeStringField("title", r.title());
                g.writeStringField("description", r.description());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("files");
            for (String f : fileIndex.keySet()) {
                g.writeString(f);
            }
            g.writeEndArray();
            nodes(g);
            edges(g);
            g.writeArrayFieldStart("findings");
            for (Finding f : findings) {
                finding(g, f);
            }
            g.writeEndArray();
            sourceLines(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return w.toString();
    }

    private int file(String path) {
        if (path == null) {
            return -1;
        }
        return fileIndex.computeIfAbsent(path, p -> fileIndex.size());
    }

    private void nodes(JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("nodes");
        for (CallNeighbourhood.Node n : hood.nodes()) {
            g.writeStartObject();
            g.writeStringField("id", n.id());
            g.writeNumberField("file", file(n.file()));
            g.writeNumberField("line", n.line());
            g.writeBooleanField("w", n.onWitness());
            g.writeNumberField("in", n.moreCallers());
            g.writeNumberField("out", n.moreCallees());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private void edges(JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("edges");
        for (CallNeighbourhood.Edge e : hood.edges()) {
            g.writeStartArray();
            g.writeNumber(nodeIndex.get(e.from()));
            g.writeNumber(nodeIndex.get(e.to()));
            g.writeStartArray();
            for (String k : e.kinds()) {
                g.writeString(k);
            }
            g.writeEndArray();
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    private void finding(JsonGenerator g, Finding f) throws IOException {
        g.writeStartObject();
        g.writeNumberField("rule", ruleIndex.getOrDefault(f.ruleId(), -1));
        g.writeArrayFieldStart("codes");
        for (String k : f.kinds()) {
            g.writeString(k);
        }
        g.writeEndArray();
        g.writeStringField("sev", severity(f.severity()));
        g.writeStringField("status", f.status().name().toLowerCase(Locale.ROOT));
        g.writeNumberField("file", file(f.file()));
        g.writeNumberField("line", f.line());
        g.writeNumberField("method", f.methodId() == null ? -1 : nodeIndex.getOrDefault(f.methodId(), -1));
        g.writeStringField("name", f.method());
        g.writeStringField("msg", f.message());
        g.writeStringField("fp", f.fingerprint());
        g.writeArrayFieldStart("path");
        for (PathStep s : f.witness()) {
            g.writeStartArray();
            g.writeNumber(s.methodId() == null ? -1 : nodeIndex.getOrDefault(s.methodId(), -1));
            g.writeString(s.edgeKind());
            g.writeEndArray();
        }
        g.writeEndArray();
        if (f.suppressionReason() != null) {
            g.writeStringField("reason", f.suppressionReason());
        }
        if (f.fix() != null) {
            g.writeObjectFieldStart("fix");
            g.writeStringField("recipe", f.fix().recipe());
            g.writeStringField("description", f.fix().description());
            g.writeStringField("diff", f.fix().unifiedDiff());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private void sourceLines(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("sources");
        for (Map.Entry<String, List<SourceIndex.Chunk>> e : sources.chunks().entrySet()) {
            g.writeArrayFieldStart(String.valueOf(file(e.getKey())));
            for (SourceIndex.Chunk c : e.getValue()) {
                g.writeStartArray();
                g.writeNumber(c.first());
                g.writeStartArray();
                for (String l : c.lines()) {
                    g.writeString(l);
                }
                g.writeEndArray();
                g.writeEndArray();
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    private static String severity(Severity s) {
        return s == null ? "unknown" : s.name().toLowerCase(Locale.ROOT);
    }
}
