package kreply.analyzer.rules;

import java.util.ArrayList;
import java.util.List;
import kreply.analyzer.facts.BufRef;
import kreply.analyzer.facts.Event;
import kreply.analyzer.facts.Path;
import kreply.analyzer.facts.RootFacts;
import kreply.analyzer.facts.ThreadRef;
import kreply.analyzer.report.RuleDescriptor;
import kreply.analyzer.report.Severity;

/** Code T: the reply's IPC buffer was looked up for one thread while another thread's registers are written. */
public final class ReplyMixedThreads implements Rule {
    static final RuleDescriptor D = new RuleDescriptor("reply-mixed-threads", "Reply mixes two threads",
            Severity.ERROR, List.of("T"), "In one reply the IPC buffer belongs to one thread while the message "
            + "registers and msgInfo written belong to another.", "docs/reply-mixed-threads.md");

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
                for (Event.Write w : Replies.writes(p)) {
                    if (w.kind() != Event.WriteKind.MR || !comparable(w.thread(), r)) {
                        continue;
                    }
                    for (BufRef b : w.buffer()) {
                        if (b.kind() == BufRef.Kind.SOURCE && comparable(b.thread(), r) && !b.thread().equals(
                                w.thread())) {
                            List<String> ps = r.method().paramNames();
                            out.add(new Draft(D.id(), List.of("T"), r.method().id(), w.site().line(), Replies.name(r)
                                    + " writes " + Replies.what(w) + " at " + Replies.where(w) + " into the registers "
                                    + "of " + w.thread().describe(ps) + " but with the IPC buffer looked up for "
                                    + b.thread().describe(ps) + (b.where() == null ? "" : " (" + b.where() + ")")
                                    + ": one thread gets the registers, the other the buffer words"));
                            continue roots;
                        }
                    }
                }
            }
        }
        return out;
    }

    /** Threads whose identity is known in the root: the current thread or one of its parameters. */
    private static boolean comparable(ThreadRef t, RootFacts r) {
        return t != null && (t.isCurrent() || (t.kind() == ThreadRef.Kind.PARAM && r.method().id().equals(t.method())));
    }
}
