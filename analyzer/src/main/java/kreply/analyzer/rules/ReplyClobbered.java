package kreply.analyzer.rules;

import java.util.ArrayList;
import java.util.List;
import kreply.analyzer.facts.Event;
import kreply.analyzer.facts.Path;
import kreply.analyzer.facts.RootFacts;
import kreply.analyzer.report.RuleDescriptor;
import kreply.analyzer.report.Severity;

/** Code C: a reply written on a success path that ends with the current thread still in Restart. */
public final class ReplyClobbered implements Rule {
    static final RuleDescriptor D = new RuleDescriptor("reply-clobbered", "Reply clobbered by the empty success reply",
            Severity.ERROR, List.of("C"), "A function writes a data reply and returns success with the current "
            + "thread still in Restart, so the invocation entry overwrites msgInfo with an empty reply on Call.",
            "docs/reply-clobbered.md");

    @Override
    public RuleDescriptor descriptor() {
        return D;
    }

    @Override
    public List<Draft> check(RuleContext ctx) {
        List<Draft> out = new ArrayList<>();
        for (RootFacts r : ctx.roots()) {
            for (Path p : r.paths()) {
                if (!Replies.success(p)) {
                    continue;
                }
                List<Event.Write> ws = Replies.writes(p).stream().filter(w -> Replies.isCurrent(w.thread())).toList();
                if (ws.isEmpty() || Replies.finalState(r, p) != Event.StateClass.RESTART) {
                    continue;
                }
                Event.StateSet last = Replies.lastState(p);
                String why = last == null ? "left in Restart by the decoder"
                        : "set to Restart by the function itself at line " + last.site().line();
                out.add(new Draft(D.id(), List.of("C"), r.method().id(), ws.get(0).site().line(),
                        Replies.name(r) + " writes " + Replies.describe(ws, 3) + " of the current thread and "
                                + "returns success with the thread still in Restart (" + why + "); the invocation "
                                + "entry then replaces msgInfo with an empty reply (length 0) on Call and leaves the "
                                + "written registers behind on Send"));
                break;
            }
        }
        return out;
    }
}
