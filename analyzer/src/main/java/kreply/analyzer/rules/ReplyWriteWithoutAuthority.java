package kreply.analyzer.rules;

import java.util.ArrayList;
import java.util.List;
import kreply.analyzer.facts.BufRef;
import kreply.analyzer.facts.Event;
import kreply.analyzer.facts.Path;
import kreply.analyzer.facts.RootFacts;
import kreply.analyzer.report.RuleDescriptor;
import kreply.analyzer.report.Severity;

/**
 * Codes R and R~: reply words written through a buffer obtained with read authority only (the
 * decode-time buffer). R when some written index may reach n_msgRegisters (the buffer is really
 * written), R~ when every index is below n (latent).
 */
public final class ReplyWriteWithoutAuthority implements Rule {
    static final RuleDescriptor D = new RuleDescriptor("reply-write-without-authority",
            "Reply through a buffer without write authority", Severity.ERROR, List.of("R", "R~"),
            "A reply uses an IPC buffer looked up with isReceiver = false (the decode-time buffer, which may be a "
            + "read-only frame): R when a word really lands in it, R~ (latent) when every index is below "
            + "n_msgRegisters.", "docs/reply-write-without-authority.md");

    @Override
    public RuleDescriptor descriptor() {
        return D;
    }

    @Override
    public List<Draft> check(RuleContext ctx) {
        List<Draft> out = new ArrayList<>();
        int n = ctx.n();
        for (RootFacts r : ctx.roots()) {
            Event.Write real = null;
            Event.Write latent = null;
            BufRef buf = null;
            for (Path p : r.paths()) {
                for (Event.Write w : Replies.writes(p)) {
                    BufRef b = w.buffer().stream().filter(BufRef::readAuthority).findFirst().orElse(null);
                    if (b == null || !w.isMessage()) {
                        continue;
                    }
                    if (w.mayTouchBuffer(n)) {
                        if (real == null || w.site().line() < real.site().line()) {
                            real = w;
                            buf = b;
                        }
                    } else if (latent == null || w.site().line() < latent.site().line()) {
                        latent = w;
                        if (real == null) {
                            buf = b;
                        }
                    }
                }
            }
            if (real != null) {
                out.add(new Draft(D.id(), List.of("R"), r.method().id(), real.site().line(), Replies.name(r)
                        + " writes " + Replies.what(real) + " at " + Replies.where(real) + " through "
                        + buf.describe() + "; index " + (real.hi() == Integer.MAX_VALUE ? "?" : real.hi())
                        + " reaches n_msgRegisters = " + n + ", so the word lands in a buffer the kernel has no "
                        + "write authority for"));
            } else if (latent != null) {
                out.add(new Draft(D.id(), List.of("R~"), r.method().id(), latent.site().line(), Replies.name(r)
                        + " uses " + buf.describe() + " for its reply (" + Replies.what(latent) + " at "
                        + Replies.where(latent) + "); every index is below n_msgRegisters = " + n + " so nothing "
                        + "lands in it yet, but a longer message or a smaller n writes a buffer without write "
                        + "authority"));
            }
        }
        return out;
    }
}
