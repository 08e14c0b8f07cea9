package kreply.analyzer.facts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kreply.analyzer.pack.Primitive;
import kreply.analyzer.pack.RulePack;
import spoon.reflect.code.CtExpression;
import spoon.reflect.code.CtInvocation;
import spoon.reflect.reference.CtTypeReference;

/**
 * Matches call sites against the pack's primitives by simple name and arity, and by the simple
 * name of the receiver type when the primitive names one (the declaring type when resolvable, else
 * the static type of the receiver expression). Primitives are summarised as events, never inlined.
 */
public final class Primitives {
    /** What a primitive is for. */
    public enum Category {
        WRITE,
        READ,
        SOURCE,
        STATE,
        ENQUEUE,
        DEQUEUE,
        BLOCK
    }

    /** One matched primitive. */
    public record Match(Primitive primitive, Category category) {
    }

    private final Map<String, List<Match>> byName = new HashMap<>();
    private final RulePack pack;

    public Primitives(RulePack pack) {
        this.pack = pack;
        add(pack.writes(), Category.WRITE);
        add(pack.reads(), Category.READ);
        add(pack.bufferSources(), Category.SOURCE);
        add(pack.stateSetters(), Category.STATE);
        add(pack.queue().enqueue(), Category.ENQUEUE);
        add(pack.queue().dequeue(), Category.DEQUEUE);
        add(pack.queue().block(), Category.BLOCK);
    }

    private void add(List<Primitive> ps, Category c) {
        for (Primitive p : ps) {
            byName.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(new Match(p, c));
        }
    }

    /** True if the call is a halt (path ends). */
    public boolean isHalt(CtInvocation<?> inv) {
        return pack.halts().matches(inv.getExecutable().getSimpleName());
    }

    /**
     * The primitives a call matches. {@code receiverHasBuffer} lets a call on an unresolved receiver
     * still match a receiver-typed primitive when the receiver is known by data flow to be a buffer.
     */
    public List<Match> match(CtInvocation<?> inv, boolean receiverHasBuffer) {
        List<Match> cands = byName.get(inv.getExecutable().getSimpleName());
        if (cands == null) {
            return List.of();
        }
        List<Match> r = new ArrayList<>(1);
        int n = inv.getArguments().size();
        for (Match m : cands) {
            Primitive p = m.primitive();
            if (p.arity() != n) {
                continue;
            }
            if (p.receiverType() != null && !receiverMatches(inv, p.receiverType(), receiverHasBuffer)) {
                continue;
            }
            r.add(m);
        }
        return r;
    }

    public boolean mayMatch(String simpleName) {
        return byName.containsKey(simpleName);
    }

    /** Names of the primitives of one category (a call must have one of them to match it). */
    public java.util.Set<String> names(Category c) {
        java.util.Set<String> r = new java.util.TreeSet<>();
        byName.forEach((n, ms) -> {
            if (ms.stream().anyMatch(m -> m.category() == c)) {
                r.add(n);
            }
        });
        return r;
    }

    private static boolean receiverMatches(CtInvocation<?> inv, String type, boolean receiverHasBuffer) {
        String declaring = simple(inv.getExecutable().getDeclaringType());
        if (type.equals(declaring)) {
            return true;
        }
        CtExpression<?> target = inv.getTarget();
        String targetType = target == null ? null : simple(target.getType());
        if (type.equals(targetType)) {
            return true;
        }
        return (declaring == null || declaring.isEmpty()) && (targetType == null || targetType.isEmpty())
                && receiverHasBuffer;
    }

    private static String simple(CtTypeReference<?> t) {
        try {
            return t == null ? null : t.getSimpleName();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
