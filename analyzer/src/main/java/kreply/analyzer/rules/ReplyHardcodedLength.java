package kreply.analyzer.rules;

import java.util.ArrayList;
import java.util.List;
import kreply.analyzer.facts.Event;
import kreply.analyzer.facts.Path;
import kreply.analyzer.facts.RootFacts;
import kreply.analyzer.report.RuleDescriptor;
import kreply.analyzer.report.Severity;

/** Code L: msgInfo carries a constant length on a path that writes a message index of at least n. */
public final class ReplyHardcodedLength implements Rule {
    static final RuleDescriptor D = new RuleDescriptor("reply-hardcoded-length", "Hard-coded reply length",
            Severity.WARNING, List.of("L"), "msgInfo's length is a constant instead of the value returned by the "
            + "last message write, on a path that writes an index at or above n_msgRegisters: without a buffer "
            + "that word is dropped but the length still counts it.", "docs/reply-hardcoded-length.md");

    @Override
    public RuleDescriptor descriptor() {
        return D;
    }

    @Override
    public List<Draft> check(RuleContext ctx) {
        List<Draft> out = new ArrayList<>();
        int n = ctx.n();
        roots:
        for (RootFacts r : ctx.roots()) {
            for (Path p : r.paths()) {
                List<Event.Write> ws = Replies.writes(p);
                Event.Write high = ws.stream().filter(w -> w.isMessage() && w.hi() >= n).findFirst().orElse(null);
                if (high == null) {
                    continue;
                }
                for (Event.Write w : ws) {
                    if (w.kind() == Event.WriteKind.MSGINFO && w.length().kind() == Event.LengthKind.CONSTANT) {
                        out.add(new Draft(D.id(), List.of("L"), r.method().id(), w.site().line(), Replies.name(r)
                                + " sets msgInfo with the constant length " + w.length().value() + " at "
                                + Replies.where(w) + " although it writes " + Replies.what(high) + " at "
                                + Replies.where(high) + " (index >= n_msgRegisters = " + n + "): when there is no "
                                + "buffer that word is dropped, yet the length still counts it; use the length "
                                + "returned by the last write"));
                        continue roots;
                    }
                }
            }
        }
        return out;
    }
}
