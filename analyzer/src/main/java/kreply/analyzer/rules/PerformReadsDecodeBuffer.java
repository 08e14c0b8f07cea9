package kreply.analyzer.rules;

import java.util.ArrayList;
import java.util.List;
import kreply.analyzer.facts.BufRef;
import kreply.analyzer.facts.Event;
import kreply.analyzer.facts.Path;
import kreply.analyzer.facts.RootFacts;
import kreply.analyzer.report.RuleDescriptor;
import kreply.analyzer.report.Severity;

/** Code P: a perform-stage function reads its arguments through the decode-time buffer. */
public final class PerformReadsDecodeBuffer implements Rule {
    static final RuleDescriptor D = new RuleDescriptor("perform-reads-decode-buffer",
            "Perform stage reads the decode-time buffer", Severity.NOTE, List.of("P"),
            "A perform / invoke function reads invocation arguments through the decode-time IPC buffer instead of "
            + "receiving them parsed from its decoder. Structural, not a reply defect.",
            "docs/perform-reads-decode-buffer.md");

    @Override
    public RuleDescriptor descriptor() {
        return D;
    }

    @Override
    public List<Draft> check(RuleContext ctx) {
        List<Draft> out = new ArrayList<>();
        for (RootFacts r : ctx.roots()) {
            if (!r.perform()) {
                continue;
            }
            Event.BufRead first = null;
            for (Path p : r.paths()) {
                for (Event e : p.events()) {
                    if (e instanceof Event.BufRead rd && rd.buffer().stream().anyMatch(BufRef::decodeTime)
                            && (first == null || rd.site().line() < first.site().line())) {
                        first = rd;
                    }
                }
            }
            if (first != null) {
                out.add(new Draft(D.id(), List.of("P"), r.method().id(), first.site().line(), Replies.name(r)
                        + " reads invocation arguments with " + first.primitive() + " at line " + first.site().line()
                        + " through the decode-time buffer in the perform stage; let the decoder parse them and "
                        + "pass the values"));
            }
        }
        return out;
    }
}
