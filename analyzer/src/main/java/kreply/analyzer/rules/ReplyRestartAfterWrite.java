package kreply.analyzer.rules;

import java.util.ArrayList;
import java.util.List;
import kreply.analyzer.facts.Event;
import kreply.analyzer.facts.Path;
import kreply.analyzer.facts.RootFacts;
import kreply.analyzer.report.RuleDescriptor;
import kreply.analyzer.report.Severity;

/** Code O: the function sets the current thread to Restart after its own reply writes. */
public final class ReplyRestartAfterWrite implements Rule {
    static final RuleDescriptor D = new RuleDescriptor("reply-restart-after-write", "Restart set after the reply",
            Severity.ERROR, List.of("O"), "The function sets the current thread to Restart after writing its "
            + "reply, which makes the empty success reply of the invocation entry overwrite it (C unavoidable).",
            "docs/reply-restart-after-write.md");

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
                Event.Write firstWrite = null;
                for (Event e : p.events()) {
                    if (e instanceof Event.Write w && firstWrite == null) {
                        firstWrite = w;
                    } else if (e instanceof Event.StateSet s && firstWrite != null && s.thread().isCurrent()
                            && s.cls() == Event.StateClass.RESTART) {
                        out.add(new Draft(D.id(), List.of("O"), r.method().id(), s.site().line(), Replies.name(r)
                                + " sets the current thread to " + s.state() + " at line " + s.site().line()
                                + " after writing " + Replies.what(firstWrite) + " at " + Replies.where(firstWrite)
                                + "; the invocation entry then treats the reply as not sent and replaces it"));
                        continue roots;
                    }
                }
            }
        }
        return out;
    }
}
