package kreply.analyzer.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import kreply.analyzer.facts.Event;
import kreply.analyzer.facts.Path;
import kreply.analyzer.facts.RootFacts;
import kreply.analyzer.report.RuleDescriptor;
import kreply.analyzer.report.Severity;

/** Code B: a data reply is written without setting the replied-to thread's badge register to 0. */
public final class ReplyBadgeNotZeroed implements Rule {
    static final RuleDescriptor D = new RuleDescriptor("reply-badge-not-zeroed", "Reply without a zero badge",
            Severity.ERROR, List.of("B"), "A data reply is written on a path that never sets the badge register of "
            + "the replied-to thread to 0, so the receiver sees a stale badge.", "docs/reply-badge-not-zeroed.md");

    @Override
    public RuleDescriptor descriptor() {
        return D;
    }

    @Override
    public List<Draft> check(RuleContext ctx) {
        List<Draft> out = new ArrayList<>();
        roots:
        for (RootFacts r : ctx.roots()) {
            for (Path p : r.paths()) {
                List<Event.Write> ws = Replies.writes(p);
                for (Event.Write w : ws) {
                    if (w.kind() == Event.WriteKind.BADGE || w.thread() == null) {
                        continue;
                    }
                    boolean zeroed = ws.stream().anyMatch(x -> x.kind() == Event.WriteKind.BADGE
                            && Objects.equals(x.thread(), w.thread()) && Long.valueOf(0).equals(x.value()));
                    if (!zeroed) {
                        out.add(new Draft(D.id(), List.of("B"), r.method().id(), w.site().line(), Replies.name(r)
                                + " writes a data reply (" + Replies.what(w) + " at " + Replies.where(w) + ") for "
                                + w.thread().describe(r.method().paramNames()) + " without setting its badge "
                                + "register to 0 on that path"));
                        continue roots;
                    }
                }
            }
        }
        return out;
    }
}
