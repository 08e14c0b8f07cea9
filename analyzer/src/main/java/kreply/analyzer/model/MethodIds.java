package kreply.analyzer.model;

import java.util.List;
import spoon.reflect.declaration.CtAnonymousExecutable;
import spoon.reflect.declaration.CtConstructor;
import spoon.reflect.declaration.CtExecutable;
import spoon.reflect.declaration.CtModifiable;
import spoon.reflect.declaration.CtParameter;
import spoon.reflect.declaration.CtType;
import spoon.reflect.declaration.CtTypeMember;
import spoon.reflect.reference.CtArrayTypeReference;
import spoon.reflect.reference.CtExecutableReference;
import spoon.reflect.reference.CtTypeParameterReference;
import spoon.reflect.reference.CtTypeReference;

/**
 * Stable string ids of methods: {@code pkg.Class#name(T1,T2)} with erased, fully qualified
 * parameter types, nested classes as {@code pkg.Outer$Inner}, constructors as {@code #<init>(...)}
 * and initializer blocks as {@code #<clinit>()} / {@code #<instinit>()}. Call-graph vertices and
 * every summary are keyed by these ids, never by Spoon elements.
 */
public final class MethodIds {
    public static final String UNKNOWN_TYPE = "?";

    private MethodIds() {
    }

    public static String of(CtExecutable<?> e) {
        CtType<?> owner = e.getParent(CtType.class);
        String type = owner == null ? UNKNOWN_TYPE : owner.getQualifiedName();
        if (e instanceof CtAnonymousExecutable a) {
            return type + "#" + (((CtModifiable) a).isStatic() ? "<clinit>" : "<instinit>") + "()";
        }
        String name = e instanceof CtConstructor ? "<init>" : e.getSimpleName();
        StringBuilder sb = new StringBuilder(type).append('#').append(name).append('(');
        List<CtParameter<?>> ps = e.getParameters();
        for (int i = 0; i < ps.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(erasure(ps.get(i).getType()));
        }
        return sb.append(')').toString();
    }

    /** The id a reference points to, built from the reference alone (for unresolved calls). */
    public static String of(CtExecutableReference<?> ref) {
        CtTypeReference<?> dt = ref.getDeclaringType();
        String type = dt == null ? UNKNOWN_TYPE : safeName(dt);
        String name = ref.isConstructor() ? "<init>" : ref.getSimpleName();
        StringBuilder sb = new StringBuilder(type).append('#').append(name).append('(');
        List<CtTypeReference<?>> ps = ref.getParameters();
        for (int i = 0; i < ps.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(erasure(ps.get(i)));
        }
        return sb.append(')').toString();
    }

    public static String shortForm(String id) {
        int p = id.indexOf('(');
        return p < 0 ? id : id.substring(0, p);
    }

    public static String simpleName(String id) {
        String s = shortForm(id);
        return s.substring(s.indexOf('#') + 1);
    }

    public static String typeOf(String id) {
        int h = id.indexOf('#');
        return h < 0 ? id : id.substring(0, h);
    }

    /** Number of parameters encoded in an id. */
    public static int arity(String id) {
        int o = id.indexOf('(');
        int c = id.lastIndexOf(')');
        if (o < 0 || c <= o + 1) {
            return 0;
        }
        return (int) id.substring(o + 1, c).chars().filter(ch -> ch == ',').count() + 1;
    }

    public static String erasure(CtTypeReference<?> t) {
        if (t == null) {
            return UNKNOWN_TYPE;
        }
        try {
            if (t instanceof CtArrayTypeReference<?> arr) {
                return erasure(arr.getComponentType()) + "[]";
            }
            if (t instanceof CtTypeParameterReference tp) {
                CtTypeReference<?> bound = tp.getBoundingType();
                if (bound == null || bound == tp) {
                    return "java.lang.Object";
                }
                return erasure(bound);
            }
            return safeName(t);
        } catch (RuntimeException | StackOverflowError e) {
            return t.getSimpleName();
        }
    }

    private static String safeName(CtTypeReference<?> t) {
        try {
            String q = t.getQualifiedName();
            return q == null || q.isEmpty() ? UNKNOWN_TYPE : q;
        } catch (RuntimeException e) {
            return t.getSimpleName();
        }
    }

    /** The type member that an element is declared in (used for static-ness checks). */
    public static boolean isStatic(CtExecutable<?> e) {
        return e instanceof CtTypeMember m && m.isStatic();
    }
}
