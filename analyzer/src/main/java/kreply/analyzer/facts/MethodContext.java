package kreply.analyzer.facts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kreply.analyzer.model.MethodInfo;
import kreply.analyzer.model.Scan;
import spoon.reflect.code.BinaryOperatorKind;
import spoon.reflect.code.CtAssignment;
import spoon.reflect.code.CtBinaryOperator;
import spoon.reflect.code.CtExpression;
import spoon.reflect.code.CtFieldRead;
import spoon.reflect.code.CtFor;
import spoon.reflect.code.CtLiteral;
import spoon.reflect.code.CtLocalVariable;
import spoon.reflect.code.CtStatement;
import spoon.reflect.code.CtThisAccess;
import spoon.reflect.code.CtTypeAccess;
import spoon.reflect.code.CtUnaryOperator;
import spoon.reflect.code.CtVariableRead;
import spoon.reflect.code.CtVariableWrite;
import spoon.reflect.code.UnaryOperatorKind;
import spoon.reflect.declaration.CtElement;
import spoon.reflect.declaration.CtExecutable;
import spoon.reflect.declaration.CtField;
import spoon.reflect.declaration.CtParameter;
import spoon.reflect.declaration.CtVariable;
import spoon.reflect.reference.CtFieldReference;
import spoon.reflect.reference.CtParameterReference;
import spoon.reflect.reference.CtVariableReference;

/**
 * Intra-procedural facts about one method's expressions: local definitions (flow-insensitive),
 * constants, index ranges from loop bounds, and which thread a thread expression denotes. Local
 * variables are keyed by their declaration's identity.
 */
public final class MethodContext {
    static final int INF = Integer.MAX_VALUE;

    private final MethodInfo method;
    private final List<List<String>> aliases;
    private final Map<CtElement, List<CtExpression<?>>> defs = new IdentityHashMap<>();
    private final Map<CtElement, Boolean> modified = new IdentityHashMap<>();
    private final Set<CtElement> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
    private final VariableDeclarations decls;

    MethodContext(MethodInfo method, List<List<String>> aliases, VariableDeclarations decls) {
        this.method = method;
        this.aliases = aliases;
        this.decls = decls;
        CtExecutable<?> e = method.exec();
        if (e.getBody() == null) {
            return;
        }
        // one pass over the body for the three kinds of definitions and modifications
        List<List<?>> found = Scan.all(List.of(e.getBody()), List.of(CtLocalVariable.class, CtAssignment.class,
                CtUnaryOperator.class));
        for (Object o : found.get(0)) {
            CtLocalVariable<?> lv = (CtLocalVariable<?>) o;
            List<CtExpression<?>> d = defs.computeIfAbsent(lv, k -> new ArrayList<>());
            if (lv.getDefaultExpression() != null) {
                d.add(lv.getDefaultExpression());
            }
        }
        for (Object o : found.get(1)) {
            CtAssignment<?, ?> a = (CtAssignment<?, ?>) o;
            if (a.getAssigned() instanceof CtVariableWrite<?> w && w.getVariable() != null) {
                CtVariable<?> decl = declaration(w.getVariable());
                if (decl != null) {
                    defs.computeIfAbsent(decl, k -> new ArrayList<>()).add(a.getAssignment());
                    modified.put(decl, true);
                }
            }
        }
        for (Object o : found.get(2)) {
            CtUnaryOperator<?> u = (CtUnaryOperator<?>) o;
            if (u.getOperand() instanceof CtVariableWrite<?> w) {
                CtVariable<?> decl = declaration(w.getVariable());
                if (decl != null) {
                    modified.put(decl, true);
                }
            } else if (u.getOperand() instanceof CtVariableRead<?> r && isIncDec(u.getKind())) {
                CtVariable<?> decl = declaration(r.getVariable());
                if (decl != null) {
                    modified.put(decl, true);
                }
            }
        }
    }

    private static boolean isIncDec(UnaryOperatorKind k) {
        return k == UnaryOperatorKind.POSTINC || k == UnaryOperatorKind.POSTDEC || k == UnaryOperatorKind.PREINC
                || k == UnaryOperatorKind.PREDEC;
    }

    public MethodInfo method() {
        return method;
    }

    /** The declaration a variable reference points to, or null. */
    CtVariable<?> declaration(CtVariableReference<?> ref) {
        return decls.of(ref);
    }

    /** Definitions of a local variable (initializer and assignments), or empty. */
    public List<CtExpression<?>> defs(CtVariable<?> local) {
        return defs.getOrDefault(local, List.of());
    }

    /** Index of a parameter of this method, or -1 (lambda parameters and locals are not). */
    public int paramIndex(CtVariableReference<?> ref) {
        if (!(ref instanceof CtParameterReference<?>)) {
            // only a parameter reference can resolve to a parameter: skip the lookup
            return -1;
        }
        CtVariable<?> d = declaration(ref);
        if (d instanceof CtParameter<?> p && p.getParent() == method.exec()) {
            return method.exec().getParameters().indexOf(p);
        }
        return -1;
    }

    /** A local or parameter read, as its declaration; null for fields and other expressions. */
    public CtVariable<?> localOrParam(CtExpression<?> e) {
        if (e instanceof CtVariableRead<?> vr && !(e instanceof CtFieldRead<?>)) {
            return declaration(vr.getVariable());
        }
        return null;
    }

    /** The constant value of an integral expression, or null. */
    public Long constant(CtExpression<?> e) {
        if (e == null) {
            return null;
        }
        if (e instanceof CtLiteral<?> l) {
            Object v = l.getValue();
            if (v instanceof Number n) {
                return n.longValue();
            }
            if (v instanceof Character c) {
                return (long) c;
            }
            return null;
        }
        if (e instanceof CtUnaryOperator<?> u && u.getKind() == UnaryOperatorKind.NEG) {
            Long v = constant(u.getOperand());
            return v == null ? null : -v;
        }
        if (e instanceof CtBinaryOperator<?> b) {
            Long l = constant(b.getLeftHandOperand());
            Long r = constant(b.getRightHandOperand());
            if (l == null || r == null) {
                return null;
            }
            return switch (b.getKind()) {
                case PLUS -> l + r;
                case MINUS -> l - r;
                case MUL -> l * r;
                case DIV -> r == 0 ? null : l / r;
                case SL -> l << r;
                case SR -> l >> r;
                case BITOR -> l | r;
                case BITAND -> l & r;
                default -> null;
            };
        }
        if (e instanceof CtFieldRead<?> f) {
            return fieldConstant(f.getVariable());
        }
        CtVariable<?> v = localOrParam(e);
        if (v instanceof CtLocalVariable<?> && !modified.containsKey(v) && defs(v).size() == 1
                && inProgress.add(v)) {
            try {
                return constant(defs(v).get(0));
            } finally {
                inProgress.remove(v);
            }
        }
        return null;
    }

    private Long fieldConstant(CtFieldReference<?> ref) {
        CtField<?> f;
        try {
            f = ref.getFieldDeclaration();
        } catch (RuntimeException ex) {
            return null;
        }
        if (f == null || !f.isFinal() || !f.isStatic() || f.getDefaultExpression() == null || !inProgress.add(f)) {
            return null;
        }
        try {
            return constant(f.getDefaultExpression());
        } finally {
            inProgress.remove(f);
        }
    }

    /** A boolean constant: a literal or a static final field with a literal value; null if unknown. */
    public Boolean constantBool(CtExpression<?> e) {
        if (e instanceof CtLiteral<?> l && l.getValue() instanceof Boolean b) {
            return b;
        }
        if (e instanceof CtUnaryOperator<?> u && u.getKind() == UnaryOperatorKind.NOT) {
            Boolean b = constantBool(u.getOperand());
            return b == null ? null : !b;
        }
        return null;
    }

    /** The range [lo, hi] of an index expression: constants, loop variables with constant bounds. */
    public int[] range(CtExpression<?> e) {
        Long c = constant(e);
        if (c != null) {
            int v = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE - 1, c));
            return new int[] {v, v};
        }
        if (e instanceof CtBinaryOperator<?> b && (b.getKind() == BinaryOperatorKind.PLUS
                || b.getKind() == BinaryOperatorKind.MINUS)) {
            Long k = constant(b.getRightHandOperand());
            if (k != null) {
                int[] r = range(b.getLeftHandOperand());
                int d = (int) (b.getKind() == BinaryOperatorKind.PLUS ? k : -k);
                return new int[] {r[0] + d, r[1] == INF ? INF : r[1] + d};
            }
        }
        CtVariable<?> v = localOrParam(e);
        if (v instanceof CtLocalVariable<?> lv && lv.getParent() instanceof CtFor loop) {
            Long lo = lv.getDefaultExpression() == null ? null : constant(lv.getDefaultExpression());
            int hi = loopUpper(loop.getExpression(), lv);
            return new int[] {lo == null ? 0 : (int) (long) lo, hi};
        }
        return new int[] {0, INF};
    }

    private int loopUpper(CtExpression<Boolean> cond, CtLocalVariable<?> var) {
        if (cond instanceof CtBinaryOperator<?> b) {
            if (b.getKind() == BinaryOperatorKind.AND) {
                int l = loopUpper(castBool(b.getLeftHandOperand()), var);
                int r = loopUpper(castBool(b.getRightHandOperand()), var);
                return Math.min(l, r);
            }
            boolean leftIsVar = localOrParam(b.getLeftHandOperand()) == var;
            boolean rightIsVar = localOrParam(b.getRightHandOperand()) == var;
            if (leftIsVar || rightIsVar) {
                Long bound = constant(leftIsVar ? b.getRightHandOperand() : b.getLeftHandOperand());
                if (bound != null) {
                    BinaryOperatorKind k = b.getKind();
                    if ((leftIsVar && k == BinaryOperatorKind.LT) || (rightIsVar && k == BinaryOperatorKind.GT)) {
                        return (int) (bound - 1);
                    }
                    if ((leftIsVar && k == BinaryOperatorKind.LE) || (rightIsVar && k == BinaryOperatorKind.GE)) {
                        return (int) (long) bound;
                    }
                }
            }
        }
        return INF;
    }

    @SuppressWarnings("unchecked")
    private static CtExpression<Boolean> castBool(CtExpression<?> e) {
        return (CtExpression<Boolean>) e;
    }

    /** The thread a thread-valued expression denotes. */
    public ThreadRef thread(CtExpression<?> e) {
        if (e == null) {
            return ThreadRef.other(List.of("?"));
        }
        List<String> chain = new ArrayList<>();
        CtExpression<?> cur = e;
        while (cur instanceof CtFieldRead<?> f) {
            chain.add(0, f.getVariable().getSimpleName());
            cur = f.getTarget();
        }
        if (cur == null || cur instanceof CtThisAccess<?> || cur instanceof CtTypeAccess<?>) {
            return ThreadRef.normalise(ThreadRef.other(chain), aliases);
        }
        if (cur instanceof CtVariableRead<?> vr) {
            int pi = paramIndex(vr.getVariable());
            if (pi >= 0) {
                return ThreadRef.param(method.id(), pi, chain);
            }
            CtVariable<?> local = declaration(vr.getVariable());
            if (local instanceof CtLocalVariable<?> && inProgress.add(local)) {
                try {
                    ThreadRef same = null;
                    for (CtExpression<?> d : defs(local)) {
                        ThreadRef t = thread(d);
                        if (same == null) {
                            same = t;
                        } else if (!same.equals(t)) {
                            same = null;
                            break;
                        }
                    }
                    if (same != null) {
                        return same.append(chain, aliases);
                    }
                } finally {
                    inProgress.remove(local);
                }
            }
            List<String> p = new ArrayList<>();
            p.add(vr.getVariable().getSimpleName());
            p.addAll(chain);
            return ThreadRef.normalise(ThreadRef.other(p), aliases);
        }
        List<String> p = new ArrayList<>();
        p.add(cur.toString().replaceAll("\\s+", " "));
        p.addAll(chain);
        return ThreadRef.other(p);
    }

    /** Whether an element sits inside this method's own body (not a nested class). */
    boolean owns(CtStatement s) {
        return s.getParent(CtExecutable.class) == method.exec();
    }
}
