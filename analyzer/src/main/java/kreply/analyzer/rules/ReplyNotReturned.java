package kreply.analyzer.rules;

import java.util.ArrayList;
import java.util.List;
import kreply.analyzer.facts.Event;
import kreply.analyzer.facts.Path;
import kreply.analyzer.facts.RootFacts;
import kreply.analyzer.report.RuleDescriptor;
import kreply.analyzer.report.Severity;
import spoon.reflect.reference.CtTypeReference;

/**
 * Code S: a data-returning perform function writes its reply itself instead of returning it as a
 * word list for the invocation entry to send (the Haskell specification's protocol).
 */
public final class ReplyNotReturned implements Rule {
    static final RuleDescriptor D = new RuleDescriptor("reply-not-returned", "Reply not returned as a word list",
            Severity.NOTE, List.of("S"), "A data-returning perform function writes registers itself instead of "
            + "returning its reply as a word list that one central function sends (the specification's protocol).",
            "docs/reply-not-returned.md");

    @Override
    public RuleDescriptor descriptor() {
        return D;
    }

    @Override
    public List<Draft> check(RuleContext ctx) {
        List<Draft> out = new ArrayList<>();
        for (RootFacts r : ctx.roots()) {
            if (!r.perform() || returnsWordList(r, ctx.pack().wordListTypes())) {
                continue;
            }
            boolean writes = false;
            for (Path p : r.paths()) {
                for (Event e : p.events()) {
                    writes |= e instanceof Event.Write w && w.kind() != Event.WriteKind.BADGE;
                }
            }
            if (writes) {
                out.add(new Draft(D.id(), List.of("S"), r.method().id(), r.method().line(), Replies.name(r)
                        + " returns " + returnType(r) + " and writes its reply itself; a perform function should "
                        + "return the reply words (" + String.join(" or ", ctx.pack().wordListTypes())
                        + ") and leave sending them to the invocation entry"));
            }
        }
        return out;
    }

    private static String returnType(RootFacts r) {
        CtTypeReference<?> t = r.method().exec().getType();
        return t == null ? "nothing" : t.getSimpleName();
    }

    private static boolean returnsWordList(RootFacts r, List<String> types) {
        CtTypeReference<?> t = r.method().exec().getType();
        if (t == null) {
            return false;
        }
        String simple = t.getSimpleName();
        String q = t.getQualifiedName();
        String full = t.toString();
        for (String w : types) {
            String base = w.contains("<") ? w.substring(0, w.indexOf('<')) : w;
            if (w.equals(simple) || w.equals(q) || w.equals(full) || base.equals(simple) || base.equals(q)) {
                return true;
            }
        }
        return false;
    }
}
