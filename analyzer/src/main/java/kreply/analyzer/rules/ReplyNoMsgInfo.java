package kreply.analyzer.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import kreply.analyzer.facts.Event;
import kreply.analyzer.facts.Path;
import kreply.analyzer.facts.RootFacts;
import kreply.analyzer.report.RuleDescriptor;
import kreply.analyzer.report.Severity;

/** Code I: message registers of a reply are written but msgInfo is never written on that path. */
public final class ReplyNoMsgInfo implements Rule {
    static final RuleDescriptor D = new RuleDescriptor("reply-no-msginfo", "Reply without a message-info word",
            Severity.ERROR, List.of("I"), "A function writes message registers of its reply but never writes the "
            + "msgInfo register on that path, so the receiver cannot know how many words it got.",
            "docs/reply-no-msginfo.md");

    @Override
    public RuleDescriptor descriptor() {
        return D;
    }

    @Override
    public List<Draft> check(RuleContext ctx) {
        List<Draft> out = new ArrayList<>();
        for (RootFacts r : ctx.roots()) {
            Draft d = firstPath(r);
            if (d != null) {
                out.add(d);
            }
        }
        return out;
    }

    private static Draft firstPath(RootFacts r) {
        for (Path p : r.paths()) {
            List<Event.Write> ws = Replies.writes(p);
            for (Event.Write w : ws) {
                if (!w.isMessage() || w.thread() == null) {
                    continue;
                }
                boolean info = ws.stream().anyMatch(x -> x.kind() == Event.WriteKind.MSGINFO
                        && Objects.equals(x.thread(), w.thread()));
                if (!info) {
                    return new Draft(D.id(), List.of("I"), r.method().id(), w.site().line(), Replies.name(r)
                            + " writes " + Replies.what(w) + " at " + Replies.where(w) + " for "
                            + w.thread().describe(r.method().paramNames()) + " but never writes its msgInfo "
                            + "register on that path: the message length the receiver sees is stale");
                }
            }
        }
        return null;
    }
}
