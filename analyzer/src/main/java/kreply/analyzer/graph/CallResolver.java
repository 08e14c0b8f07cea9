package kreply.analyzer.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import kreply.analyzer.engine.AnalyzeRequest.Dispatch;
import kreply.analyzer.model.MethodIds;
import kreply.analyzer.model.MethodTable;
import spoon.reflect.code.CtAbstractInvocation;
import spoon.reflect.code.CtConstructorCall;
import spoon.reflect.code.CtExecutableReferenceExpression;
import spoon.reflect.code.CtInvocation;
import spoon.reflect.code.CtNewClass;
import spoon.reflect.code.CtSuperAccess;
import spoon.reflect.declaration.CtClass;
import spoon.reflect.declaration.CtElement;
import spoon.reflect.declaration.CtExecutable;
import spoon.reflect.declaration.CtModifiable;
import spoon.reflect.declaration.CtType;
import spoon.reflect.reference.CtExecutableReference;
import spoon.reflect.reference.CtTypeReference;

/**
 * Resolves the callees of one call site (invocation, constructor call, super call or method
 * reference) to method ids, with CHA or RTA for virtual calls. Calls whose declaration is not in
 * the model but whose declaring type is are resolved by name and arity. Results are cached per
 * call-site element by identity (Spoon elements have structural equality, which is wrong here).
 */
public final class CallResolver {
    private final MethodTable table;
    private final TypeHierarchy hierarchy;
    private final Dispatch dispatch;
    private final Set<String> instantiated;
    private final Map<CtElement, List<Target>> cache = new IdentityHashMap<>();
    private final java.util.Set<String> unresolved = new java.util.TreeSet<>();
    /** Type declarations by qualified name: Spoon looks each one up by walking packages and nested types. */
    private final Map<String, Optional<CtType<?>>> typeDecls = new HashMap<>();

    CallResolver(MethodTable table, TypeHierarchy hierarchy, Dispatch dispatch, Set<String> instantiated) {
        this.table = table;
        this.hierarchy = hierarchy;
        this.dispatch = dispatch;
        this.instantiated = instantiated;
    }

    /** Ids created for calls to methods that are not declared in the model (noclasspath). */
    public Set<String> unresolvedIds() {
        return unresolved;
    }

    public List<Target> targets(CtElement site) {
        List<Target> r = cache.get(site);
        if (r == null) {
            r = compute(site);
            cache.put(site, r);
        }
        return r;
    }

    private List<Target> compute(CtElement site) {
        try {
            if (site instanceof CtConstructorCall<?> cc) {
                return constructor(cc.getExecutable(), cc.getType(), cc instanceof CtNewClass<?> ? "constructor"
                        : "constructor");
            }
            if (site instanceof CtExecutableReferenceExpression<?, ?> mr) {
                CtExecutableReference<?> ref = mr.getExecutable();
                if (ref.isConstructor()) {
                    return relabel(constructor(ref, ref.getDeclaringType(), "method-ref"), "method-ref");
                }
                return relabel(method(ref, false), "method-ref");
            }
            if (site instanceof CtInvocation<?> inv) {
                CtExecutableReference<?> ref = inv.getExecutable();
                if (ref.isConstructor()) {
                    CtType<?> own = inv.getParent(CtType.class);
                    CtTypeReference<?> dt = ref.getDeclaringType();
                    boolean same = own != null && dt != null && own.getQualifiedName().equals(dt.getQualifiedName());
                    return relabel(constructor(ref, dt, "constructor"), same ? "constructor" : "super");
                }
                boolean superCall = inv.getTarget() instanceof CtSuperAccess<?>;
                List<Target> t = method(ref, superCall);
                return superCall ? relabel(t, "super") : t;
            }
        } catch (RuntimeException | StackOverflowError e) {
            // a reference Spoon cannot resolve in noclasspath mode: no in-model callee
        }
        return List.of();
    }

    private static List<Target> relabel(List<Target> ts, String kind) {
        List<Target> r = new ArrayList<>(ts.size());
        for (Target t : ts) {
            r.add(new Target(t.id(), kind));
        }
        return r;
    }

    /**
     * What {@link CtExecutableReference#getDeclaration()} returns, with the declaring type's lookup
     * cached by name: the type is found once, the executable in it the way Spoon finds it.
     */
    private CtExecutable<?> declaration(CtExecutableReference<?> ref) {
        CtTypeReference<?> dt = ref.getDeclaringType();
        if (dt == null) {
            return null;
        }
        CtType<?> type = typeDecls.computeIfAbsent(dt.getQualifiedName(), q -> Optional.ofNullable(dt.getDeclaration()))
                .orElse(null);
        if (type == null) {
            return null;
        }
        if (ref.getSimpleName().startsWith(CtExecutableReference.LAMBDA_NAME_PREFIX)) {
            return ref.getDeclaration();
        }
        CtTypeReference<?>[] params = ref.getParameters().toArray(new CtTypeReference<?>[0]);
        CtExecutable<?> m = type.getMethod(ref.getSimpleName(), params);
        if (m == null && type instanceof CtClass<?> c && ref.isConstructor()) {
            return c.getConstructor(params);
        }
        return m;
    }

    private List<Target> constructor(CtExecutableReference<?> ref, CtTypeReference<?> type, String kind) {
        CtExecutable<?> decl = declaration(ref);
        if (decl != null) {
            String id = table.idOf(decl);
            if (table.get(id) != null) {
                return List.of(new Target(id, kind));
            }
        }
        if (type == null) {
            return List.of();
        }
        String q = type.getQualifiedName();
        if (!hierarchy.inModel(q)) {
            return List.of();
        }
        List<String> byName = hierarchy.byNameAndArity(q, "<init>", ref.getParameters().size());
        if (!byName.isEmpty() && MethodIds.typeOf(byName.get(0)).equals(q)) {
            return byName.stream().map(id -> new Target(id, kind)).toList();
        }
        // implicit default constructor or an unresolved overload: record it by name
        String id = q + "#<init>(" + String.join(",", ref.getParameters().stream().map(MethodIds::erasure).toList())
                + ")";
        unresolved.add(id);
        return List.of(new Target(id, kind));
    }

    private List<Target> method(CtExecutableReference<?> ref, boolean superCall) {
        CtExecutable<?> decl = declaration(ref);
        String id = decl == null ? null : table.idOf(decl);
        if (id == null || table.get(id) == null) {
            return byName(ref);
        }
        boolean nonVirtual = superCall || (decl instanceof CtModifiable m
                && (m.isStatic() || m.isPrivate() || m.isFinal()))
                || isFinalType(MethodIds.typeOf(id));
        List<Target> r = new ArrayList<>();
        if (nonVirtual) {
            r.add(new Target(id, "call"));
            return r;
        }
        if (dispatch == Dispatch.RTA) {
            String declType = MethodIds.typeOf(id);
            java.util.TreeSet<String> impls = new java.util.TreeSet<>();
            for (String x : instantiated) {
                if (hierarchy.isSubtype(x, declType)) {
                    String impl = hierarchy.dispatch(x, id);
                    if (impl != null) {
                        impls.add(impl);
                    }
                }
            }
            for (String impl : impls) {
                r.add(new Target(impl, impl.equals(id) ? "call" : "virtual"));
            }
            return r;
        }
        if (hierarchy.concrete(id)) {
            r.add(new Target(id, "call"));
        }
        for (String o : hierarchy.overriders(id)) {
            r.add(new Target(o, "virtual"));
        }
        return r;
    }

    private boolean isFinalType(String type) {
        CtType<?> t = table.type(type);
        return t != null && t.isFinal();
    }

    private List<Target> byName(CtExecutableReference<?> ref) {
        CtTypeReference<?> dt = ref.getDeclaringType();
        if (dt == null) {
            return List.of();
        }
        String q = dt.getQualifiedName();
        if (!hierarchy.inModel(q)) {
            return List.of();
        }
        List<String> cands = hierarchy.byNameAndArity(q, ref.getSimpleName(), ref.getParameters().size());
        if (cands.isEmpty()) {
            String id = MethodIds.of(ref);
            unresolved.add(id);
            return List.of(new Target(id, "call"));
        }
        return cands.stream().map(c -> new Target(c, "call")).toList();
    }

    /** True for the element kinds this resolver handles. */
    public static boolean isCallSite(CtElement e) {
        return e instanceof CtAbstractInvocation<?> || e instanceof CtExecutableReferenceExpression<?, ?>;
    }
}
