package kreply.analyzer.rules;

import java.util.ArrayList;
import java.util.List;
import kreply.analyzer.facts.Event;
import kreply.analyzer.facts.Path;
import kreply.analyzer.facts.RootFacts;
import kreply.analyzer.report.RuleDescriptor;
import kreply.analyzer.report.Severity;

/** Code G: a reply write is reachable when the syscall was not a Call. */
public final class ReplyNotCallGuarded implements Rule {
    static final RuleDescriptor D = new RuleDescriptor("reply-not-call-guarded", "Reply written without a Call",
            Severity.ERROR, List.of("G"), "A reply write is not control-dependent on a true call flag, so Send, "
            + "NBSend and the first phase of ReplyRecv / NBSendRecv / NBSendWait overwrite the caller's registers.",
            "docs/reply-not-call-guarded.md");

    @Override
    public RuleDescriptor descriptor() {
        return D;
    }

    @Override
    public List<Draft> check(RuleContext ctx) {
        List<Draft> out = new ArrayList<>();
        for (RootFacts r : ctx.roots()) {
            Event.Write first = null;
            for (Path p : r.paths()) {
                for (Event.Write w : Replies.writes(p)) {
                    if (!w.guards().contains(Replies.CALL) && (first == null || w.site().line() < first.site().line())) {
                        first = w;
                    }
                }
            }
            if (first == null) {
                continue;
            }
            boolean hasFlag = false;
            for (int i = 0; i < r.method().paramNames().size(); i++) {
                hasFlag |= ctx.facts().env().flow().isCallFlagParam(r.method().id(), i);
            }
            String why = hasFlag ? "the write is not under its call flag"
                    : "no call flag reaches this function, so it cannot know the syscall kind";
            out.add(new Draft(D.id(), List.of("G"), r.method().id(), first.site().line(), Replies.name(r) + " writes "
                    + Replies.what(first) + " at " + Replies.where(first) + " even when the syscall was not a Call ("
                    + why + "); on Send the caller's registers are overwritten"));
        }
        return out;
    }
}
