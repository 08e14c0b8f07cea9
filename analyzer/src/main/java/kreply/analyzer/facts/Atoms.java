package kreply.analyzer.facts;

import java.util.HashSet;
import java.util.Set;
import kreply.analyzer.model.Scan;
import spoon.reflect.code.BinaryOperatorKind;
import spoon.reflect.code.CtBinaryOperator;
import spoon.reflect.code.CtExpression;
import spoon.reflect.code.CtFieldRead;
import spoon.reflect.code.CtInvocation;
import spoon.reflect.code.CtUnaryOperator;
import spoon.reflect.code.CtVariableRead;
import spoon.reflect.code.UnaryOperatorKind;

/**
 * Path-condition atoms of branch conditions. {@code CALL} means a call-flag variable is true,
 * {@code P<i>} that boolean parameter i is true (negations are prefixed with {@code !}); the queue
 * guards {@code Q:queued} / {@code Q:schedulable} mean the condition checked that predicate, and
 * hold on both branches.
 */
final class Atoms {
    static final String CALL = "CALL";
    static final String QUEUED = "Q:queued";
    static final String SCHEDULABLE = "Q:schedulable";

    private final MethodContext ctx;
    private final FactsEnv env;

    Atoms(MethodContext ctx, FactsEnv env) {
        this.ctx = ctx;
        this.env = env;
    }

    static String neg(String a) {
        return a.startsWith("!") ? a.substring(1) : "!" + a;
    }

    static boolean contradictory(Set<String> s) {
        for (String a : s) {
            if (!a.startsWith("!") && s.contains("!" + a)) {
                return true;
            }
        }
        return false;
    }

    Set<String> whenTrue(CtExpression<?> c) {
        Set<String> r = new HashSet<>(truth(c, true));
        r.addAll(mentions(c));
        return r;
    }

    Set<String> whenFalse(CtExpression<?> c) {
        Set<String> r = new HashSet<>(truth(c, false));
        r.addAll(mentions(c));
        return r;
    }

    private Set<String> truth(CtExpression<?> c, boolean value) {
        if (c instanceof CtUnaryOperator<?> u && u.getKind() == UnaryOperatorKind.NOT) {
            return truth(u.getOperand(), !value);
        }
        if (c instanceof CtBinaryOperator<?> b && (b.getKind() == BinaryOperatorKind.AND
                || b.getKind() == BinaryOperatorKind.OR)) {
            Set<String> l = truth(b.getLeftHandOperand(), value);
            Set<String> r = truth(b.getRightHandOperand(), value);
            boolean union = (b.getKind() == BinaryOperatorKind.AND) == value;
            Set<String> out = new HashSet<>(l);
            if (union) {
                out.addAll(r);
            } else {
                out.retainAll(r);
            }
            return out;
        }
        String a = atom(c);
        if (a == null) {
            return Set.of();
        }
        return Set.of(value ? a : neg(a));
    }

    /** The positive atom a boolean variable read denotes, or null. */
    private String atom(CtExpression<?> c) {
        if (!(c instanceof CtVariableRead<?> vr) || c instanceof CtFieldRead<?>) {
            return null;
        }
        int pi = ctx.paramIndex(vr.getVariable());
        if (pi >= 0) {
            return "P" + pi;
        }
        if (env.pack().callFlags().matches(vr.getVariable().getSimpleName())) {
            return CALL;
        }
        return null;
    }

    private Set<String> mentions(CtExpression<?> c) {
        var q = env.pack().queue();
        if (q.queuedGuards().isEmpty() && q.schedulableGuards().isEmpty()) {
            return Set.of();
        }
        Set<String> r = new HashSet<>();
        if (c instanceof CtFieldRead<?> f0 && mentionsField(f0)) {
            r.add(QUEUED);
        }
        for (CtFieldRead<?> f : Scan.<CtFieldRead<?>>all(c, CtFieldRead.class)) {
            if (mentionsField(f)) {
                r.add(QUEUED);
            }
            if (q.schedulableGuards().matches(f.getVariable().getSimpleName())) {
                r.add(SCHEDULABLE);
            }
        }
        for (CtInvocation<?> i : Scan.<CtInvocation<?>>all(c, CtInvocation.class)) {
            String n = i.getExecutable().getSimpleName();
            if (q.schedulableGuards().matches(n)) {
                r.add(SCHEDULABLE);
            }
            if (q.queuedGuards().matches(n)) {
                r.add(QUEUED);
            }
        }
        return r;
    }

    private boolean mentionsField(CtFieldRead<?> f) {
        return env.pack().queue().queuedGuards().matches(f.getVariable().getSimpleName());
    }
}
