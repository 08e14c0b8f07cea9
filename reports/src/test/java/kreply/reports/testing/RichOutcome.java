package kreply.reports.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import kreply.analyzer.report.AnalysisResult;
import kreply.analyzer.report.Finding;
import kreply.reports.gate.Baseline;
import kreply.reports.gate.BaselineEntry;
import kreply.reports.gate.Gate;
import kreply.reports.gate.GateOutcome;
import kreply.reports.render.RenderContext;
import kreply.reports.render.Renderer;

/**
 * The {@link Samples#rich} result gated against a baseline that accepts PageGetAddress and holds
 * one stale entry, with a rules folder in a temporary directory that documents one of the two
 * rules: every section of every report has something to show.
 */
public final class RichOutcome {
    public final Path root;
    public final Path rulesDir;
    public final GateOutcome outcome;
    public final RenderContext context;

    public RichOutcome(Path tmp) {
        try {
            root = tmp.resolve("work/kernel-src");
            rulesDir = tmp.resolve("work/rules");
            Files.createDirectories(rulesDir.resolve("docs"));
            Files.writeString(rulesDir.resolve("docs/reply-protocol.md"),
                    "# reply-protocol\n\nA data reply must be guarded by `call`, zero the badge, "
                            + "take its length from `setMR` and leave the thread Running.\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AnalysisResult r = Samples.rich(root.toString());
        Finding pga = r.findings().get(0);
        Baseline b = new Baseline(List.of(
                new BaselineEntry(pga.fingerprint(), pga.ruleId(), pga.method(), pga.kinds(), pga.file()),
                new BaselineEntry("fp-gone", "reply-protocol", "sel4.object.schedcontext.SchedContextInvocations#invokeSchedContext_Consumed",
                        List.of("C", "G", "B", "R~"), "src/main/java/sel4/object/schedcontext/SchedContextInvocations.java")));
        outcome = Gate.apply(r, b, "kreply-baseline.json");
        context = new RenderContext(rulesDir);
    }

    public String render(Renderer renderer) {
        StringWriter w = new StringWriter();
        try {
            renderer.render(outcome, context, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    /** Placeholders for the temporary directory (as a path and as a file URI) and the version. */
    public Map<String, String> volatileParts() {
        Map<String, String> m = new LinkedHashMap<>();
        String work = root.getParent().toString();
        m.put(root.getParent().toUri().toString(), "file://<work>/");
        m.put(work, "<work>");
        m.put("0.1.0-SNAPSHOT", "<version>");
        return m;
    }
}
