package kreply.analyzer.facts;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import kreply.analyzer.model.Positions;
import kreply.analyzer.model.Scan;
import spoon.reflect.code.CtLocalVariable;
import spoon.reflect.declaration.CtElement;
import spoon.reflect.declaration.CtExecutable;
import spoon.reflect.declaration.CtField;
import spoon.reflect.declaration.CtPackage;
import spoon.reflect.declaration.CtVariable;
import spoon.reflect.reference.CtLocalVariableReference;
import spoon.reflect.reference.CtVariableReference;

/**
 * Resolves variable references to their declarations for one analysis, memoised by reference
 * identity. Spoon resolves a local-variable reference by re-scanning every enclosing scope on each
 * call, which made it the single most expensive operation of the fact phase. Here a local-variable
 * reference whose name is declared by exactly one local variable in its outermost enclosing member
 * (method, constructor, initializer or field, nested lambdas and classes included) resolves to that
 * declaration directly: the compiler bound the reference to a local variable in an enclosing scope,
 * and there is only one candidate. Any other reference asks Spoon, once.
 */
final class VariableDeclarations {
    /** Marks a name declared by more than one local variable of a member. */
    private static final CtLocalVariable<?> AMBIGUOUS = null;

    private final Map<CtVariableReference<?>, CtVariable<?>> memo = new IdentityHashMap<>();
    private final Map<CtElement, Map<String, CtLocalVariable<?>>> localsByMember = new IdentityHashMap<>();

    /** The declaration of {@code ref}, or null when it cannot be found. */
    CtVariable<?> of(CtVariableReference<?> ref) {
        if (ref == null) {
            return null;
        }
        if (memo.containsKey(ref)) {
            return memo.get(ref);
        }
        CtVariable<?> d = ref instanceof CtLocalVariableReference<?> lr ? local(lr) : spoon(ref);
        memo.put(ref, d);
        return d;
    }

    private CtVariable<?> local(CtLocalVariableReference<?> ref) {
        CtElement member = outermostMember(ref);
        if (member != null) {
            Map<String, CtLocalVariable<?>> locals = localsByMember.computeIfAbsent(member,
                    VariableDeclarations::uniqueLocals);
            CtLocalVariable<?> unique = locals.get(ref.getSimpleName());
            if (unique != AMBIGUOUS) {
                return unique;
            }
        }
        return spoon(ref);
    }

    private static CtVariable<?> spoon(CtVariableReference<?> ref) {
        try {
            return ref.getDeclaration();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The outermost executable or field that contains {@code e}, or null outside any member. */
    private static CtElement outermostMember(CtElement e) {
        CtElement member = null;
        for (CtElement cur = Positions.parentOrNull(e); cur != null && !(cur instanceof CtPackage);
             cur = Positions.parentOrNull(cur)) {
            if (cur instanceof CtExecutable<?> || cur instanceof CtField<?>) {
                member = cur;
            }
        }
        return member;
    }

    /** Local variables of a member by name; names declared more than once map to {@link #AMBIGUOUS}. */
    private static Map<String, CtLocalVariable<?>> uniqueLocals(CtElement member) {
        Map<String, CtLocalVariable<?>> r = new HashMap<>();
        for (CtLocalVariable<?> lv : Scan.<CtLocalVariable<?>>all(member, CtLocalVariable.class)) {
            String n = lv.getSimpleName();
            if (r.containsKey(n)) {
                r.put(n, AMBIGUOUS);
            } else {
                r.put(n, lv);
            }
        }
        return r;
    }
}
