package kreply.analyzer.facts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kreply.analyzer.graph.CallGraphBuilder;
import kreply.analyzer.graph.JGraphTCallGraph;
import kreply.analyzer.graph.Target;
import kreply.analyzer.model.MethodIds;
import kreply.analyzer.model.MethodInfo;
import kreply.analyzer.model.MethodTable;
import kreply.analyzer.model.Scan;
import kreply.analyzer.pack.Primitive;
import kreply.analyzer.pack.RulePack;
import spoon.reflect.code.CtAbstractInvocation;
import spoon.reflect.code.CtAssignment;
import spoon.reflect.code.CtConditional;
import spoon.reflect.code.CtExpression;
import spoon.reflect.code.CtFieldRead;
import spoon.reflect.code.CtFieldWrite;
import spoon.reflect.code.CtInvocation;
import spoon.reflect.code.CtLambda;
import spoon.reflect.code.CtLiteral;
import spoon.reflect.code.CtReturn;
import spoon.reflect.code.CtVariableRead;
import spoon.reflect.declaration.CtElement;
import spoon.reflect.declaration.CtExecutable;
import spoon.reflect.declaration.CtField;
import spoon.reflect.code.CtLocalVariable;
import spoon.reflect.declaration.CtParameter;
import spoon.reflect.declaration.CtVariable;
import spoon.reflect.reference.CtFieldReference;

/**
 * IPC-buffer data flow. Buffers are followed from their sources (the pack's buffer sources, e.g.
 * {@code lookupIPCBuffer(isReceiver, thread)}) through locals, parameters, fields, returns and
 * lambda parameters — never recognised by type name. Intra-procedural provenance is computed on
 * demand; parameters are resolved top-down by a worklist over all call sites; returns and fields
 * are summarised once per method / field.
 */
public final class DataFlow {
    private final MethodTable table;
    private final JGraphTCallGraph graph;
    private final RulePack pack;
    private final Primitives prims;
    private final Map<String, MethodContext> contexts = new HashMap<>();
    private final VariableDeclarations decls = new VariableDeclarations();
    private final Map<CtElement, Set<BufRef>> provMemo = new IdentityHashMap<>();
    private final Set<CtElement> provBusy = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<String, Set<BufRef>> retMemo = new HashMap<>();
    private final Set<String> retBusy = new java.util.HashSet<>();
    private Map<String, List<FieldDef>> fieldDefs;
    private final Map<String, Set<BufRef>> fieldMemo = new HashMap<>();
    private final Set<String> fieldBusy = new java.util.HashSet<>();
    private Map<String, Set<BufRef>> paramFlow;
    private final Map<String, Boolean> callFlagMemo = new HashMap<>();
    private final Set<String> callFlagBusy = new java.util.HashSet<>();

    private record FieldDef(String method, CtExpression<?> value) {
    }

    public DataFlow(MethodTable table, JGraphTCallGraph graph, RulePack pack, Primitives prims) {
        this.table = table;
        this.graph = graph;
        this.pack = pack;
        this.prims = prims;
    }

    /**
     * False when no buffer can be found anywhere: a buffer only enters the data flow at a call of a
     * buffer-source primitive, and no invocation in the model has such a name. Rules that look for
     * buffers stop here instead of following every argument of every call.
     */
    public boolean mayFindBuffers() {
        if (mayFindBuffers == null) {
            mayFindBuffers = prims.names(Primitives.Category.SOURCE).stream().anyMatch(graph::invokes);
        }
        return mayFindBuffers;
    }

    private Boolean mayFindBuffers;

    public RulePack pack() {
        return pack;
    }

    public JGraphTCallGraph graph() {
        return graph;
    }

    public MethodContext ctx(String methodId) {
        MethodInfo m = table.get(methodId);
        if (m == null) {
            return null;
        }
        return contexts.computeIfAbsent(methodId, k -> new MethodContext(m, pack.currentThread(), decls));
    }

    // ---------------------------------------------------------------- provenance of expressions

    /** Where the value of {@code e} (in method {@code methodId}) may come from, as buffers. */
    public Set<BufRef> prov(CtExpression<?> e, String methodId) {
        if (e == null) {
            return Set.of();
        }
        Set<BufRef> memo = provMemo.get(e);
        if (memo != null) {
            return memo;
        }
        if (!provBusy.add(e)) {
            return Set.of();
        }
        Set<BufRef> r;
        try {
            r = compute(e, methodId);
        } finally {
            provBusy.remove(e);
        }
        r = r.isEmpty() ? Set.of() : Set.copyOf(r);
        provMemo.put(e, r);
        return r;
    }

    private Set<BufRef> compute(CtExpression<?> e, String methodId) {
        MethodContext c = ctx(methodId);
        if (e instanceof CtLiteral<?> l && l.getValue() == null) {
            return Set.of(BufRef.NULL);
        }
        if (e instanceof CtConditional<?> cond) {
            Set<BufRef> r = new LinkedHashSet<>(prov(cond.getThenExpression(), methodId));
            r.addAll(prov(cond.getElseExpression(), methodId));
            return r;
        }
        if (e instanceof CtAssignment<?, ?> a) {
            return prov(a.getAssignment(), methodId);
        }
        if (e instanceof CtFieldRead<?> f) {
            return field(f.getVariable());
        }
        if (e instanceof CtVariableRead<?> vr) {
            CtVariable<?> d = decls.of(vr.getVariable());
            if (d == null || c == null) {
                return Set.of();
            }
            int pi = c.paramIndex(vr.getVariable());
            if (pi >= 0) {
                return Set.of(BufRef.param(methodId, pi));
            }
            if (d instanceof CtParameter<?> p && p.getParent() instanceof CtLambda<?> lambda) {
                return lambdaParam(lambda, methodId);
            }
            if (d instanceof CtLocalVariable<?> lv) {
                Set<BufRef> r = new LinkedHashSet<>();
                for (CtExpression<?> def : c.defs(lv)) {
                    r.addAll(prov(def, methodId));
                }
                return r;
            }
            return Set.of();
        }
        if (e instanceof CtInvocation<?> inv) {
            return invocation(inv, methodId);
        }
        if (e instanceof CtLambda<?> lambda) {
            // a lambda that yields a buffer (a supplier): what its body returns
            if (lambda.getExpression() != null) {
                return prov(lambda.getExpression(), methodId);
            }
            Set<BufRef> r = new LinkedHashSet<>();
            if (lambda.getBody() != null) {
                for (CtReturn<?> ret : Scan.<CtReturn<?>>all(lambda.getBody(), CtReturn.class)) {
                    r.addAll(prov(ret.getReturnedExpression(), methodId));
                }
            }
            return r;
        }
        return Set.of();
    }

    /** A lambda parameter receives the buffer the lambda is handed with (receiver or other arguments). */
    private Set<BufRef> lambdaParam(CtLambda<?> lambda, String methodId) {
        if (!(lambda.getParent() instanceof CtInvocation<?> inv)) {
            return Set.of();
        }
        Set<BufRef> r = new LinkedHashSet<>(prov(inv.getTarget(), methodId));
        for (CtExpression<?> a : inv.getArguments()) {
            if (a != lambda) {
                r.addAll(prov(a, methodId));
            }
        }
        r.remove(BufRef.NULL);
        return r;
    }

    private Set<BufRef> invocation(CtInvocation<?> inv, String methodId) {
        for (Primitives.Match m : prims.match(inv, false)) {
            if (m.category() == Primitives.Category.SOURCE) {
                return Set.of(sourceAt(inv, m.primitive(), methodId));
            }
        }
        Set<BufRef> r = new LinkedHashSet<>();
        List<Target> targets = graph.resolver().targets(inv);
        for (Target t : targets) {
            for (BufRef ret : ret(t.id())) {
                r.addAll(substitute(ret, t.id(), inv, methodId));
            }
        }
        if (targets.isEmpty() && prims.match(inv, false).isEmpty()) {
            // a library call we cannot see into (Optional.of, requireNonNull, ...) may hand its input back
            r.addAll(prov(inv.getTarget(), methodId));
            for (CtExpression<?> a : inv.getArguments()) {
                r.addAll(prov(a, methodId));
            }
            r.remove(BufRef.NULL);
        }
        return r;
    }

    BufRef sourceAt(CtInvocation<?> inv, Primitive p, String methodId) {
        MethodContext c = ctx(methodId);
        Boolean isReceiver = null;
        ThreadRef thread = ThreadRef.other(List.of("?"));
        if (p.has("isReceiver") && c != null) {
            isReceiver = c.constantBool(inv.getArguments().get(p.arg("isReceiver")));
        }
        if (p.has("thread") && c != null) {
            thread = c.thread(inv.getArguments().get(p.arg("thread")));
        }
        boolean decode = Boolean.FALSE.equals(isReceiver) && pack.decodeTimeEntry().matches(
                MethodIds.simpleName(methodId));
        return BufRef.source(isReceiver, thread, decode, MethodIds.simpleName(methodId) + ":"
                + kreply.analyzer.model.Positions.line(inv));
    }

    /** Rewrites a callee-relative buffer reference into the caller's terms at a call site. */
    public Set<BufRef> substitute(BufRef r, String callee, CtAbstractInvocation<?> site, String caller) {
        List<CtExpression<?>> args = site.getArguments();
        if (r.kind() == BufRef.Kind.PARAM && callee.equals(r.method())) {
            if (r.param() < args.size()) {
                return prov(args.get(r.param()), caller);
            }
            return Set.of();
        }
        if (r.kind() == BufRef.Kind.SOURCE && r.thread() != null && r.thread().kind() == ThreadRef.Kind.PARAM
                && callee.equals(r.thread().method())) {
            return Set.of(r.withThread(substituteThread(r.thread(), callee, site, caller)));
        }
        return Set.of(r);
    }

    /** Rewrites a callee-relative thread reference into the caller's terms at a call site. */
    public ThreadRef substituteThread(ThreadRef t, String callee, CtAbstractInvocation<?> site, String caller) {
        if (t.kind() != ThreadRef.Kind.PARAM || !callee.equals(t.method())) {
            return t;
        }
        List<CtExpression<?>> args = site.getArguments();
        MethodContext c = ctx(caller);
        if (t.param() >= args.size() || c == null) {
            return ThreadRef.other(List.of("?"));
        }
        return c.thread(args.get(t.param())).append(t.chain(), pack.currentThread());
    }

    /** Buffers a method may return, relative to its own parameters. */
    public Set<BufRef> ret(String methodId) {
        Set<BufRef> memo = retMemo.get(methodId);
        if (memo != null) {
            return memo;
        }
        MethodInfo m = table.get(methodId);
        if (m == null || m.exec().getBody() == null || !retBusy.add(methodId)) {
            return Set.of();
        }
        Set<BufRef> r = new LinkedHashSet<>();
        try {
            for (CtReturn<?> ret : Scan.<CtReturn<?>>all(m.exec().getBody(), CtReturn.class)) {
                if (ret.getParent(CtExecutable.class) == m.exec() && ret.getReturnedExpression() != null) {
                    r.addAll(prov(ret.getReturnedExpression(), methodId));
                }
            }
        } finally {
            retBusy.remove(methodId);
        }
        Set<BufRef> out = r.isEmpty() ? Set.of() : Set.copyOf(r);
        retMemo.put(methodId, out);
        return out;
    }

    // ---------------------------------------------------------------- fields

    private Set<BufRef> field(CtFieldReference<?> ref) {
        String key = fieldKey(ref);
        if (key == null) {
            return Set.of();
        }
        Set<BufRef> memo = fieldMemo.get(key);
        if (memo != null) {
            return memo;
        }
        if (!fieldBusy.add(key)) {
            return Set.of();
        }
        Set<BufRef> r = new LinkedHashSet<>();
        try {
            for (FieldDef d : fieldDefs().getOrDefault(key, List.of())) {
                for (BufRef b : prov(d.value, d.method)) {
                    // a parameter stored in a field is resolved through that method's callers
                    r.add(b);
                }
            }
        } finally {
            fieldBusy.remove(key);
        }
        Set<BufRef> out = r.isEmpty() ? Set.of() : Set.copyOf(r);
        fieldMemo.put(key, out);
        return out;
    }

    private static String fieldKey(CtFieldReference<?> ref) {
        try {
            String t = ref.getDeclaringType() == null ? "?" : ref.getDeclaringType().getQualifiedName();
            return t + "." + ref.getSimpleName();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private Map<String, List<FieldDef>> fieldDefs() {
        if (fieldDefs != null) {
            return fieldDefs;
        }
        fieldDefs = new HashMap<>();
        for (CtAssignment<?, ?> a : table.assignments()) {
            if (a.getAssigned() instanceof CtFieldWrite<?> fw) {
                String key = fieldKey(fw.getVariable());
                String owner = CallGraphBuilder.ownerId(a, table);
                if (key != null && owner != null) {
                    fieldDefs.computeIfAbsent(key, k -> new ArrayList<>()).add(new FieldDef(owner, a.getAssignment()));
                }
            }
        }
        for (CtField<?> f : table.fields()) {
            if (f.getDefaultExpression() != null) {
                String key = fieldKey(f.getReference());
                String owner = f.getDeclaringType() == null ? null : f.getDeclaringType().getQualifiedName() + "#"
                        + (f.isStatic() ? "<clinit>" : "<instinit>") + "()";
                if (key != null && owner != null) {
                    fieldDefs.computeIfAbsent(key, k -> new ArrayList<>()).add(new FieldDef(owner,
                            f.getDefaultExpression()));
                }
            }
        }
        return fieldDefs;
    }

    // ---------------------------------------------------------------- parameters, top-down

    /**
     * The concrete buffers (sources or null) a parameter may receive from any caller, following
     * parameters passed on through chains of calls.
     */
    public Set<BufRef> paramProv(String methodId, int index) {
        return paramFlow().getOrDefault(methodId + "|" + index, Set.of());
    }

    /** Resolves parameter references in a set of buffers to the buffers callers pass. */
    public Set<BufRef> resolve(Set<BufRef> refs) {
        Set<BufRef> r = new LinkedHashSet<>();
        for (BufRef b : refs) {
            if (b.kind() == BufRef.Kind.PARAM) {
                r.addAll(paramProv(b.method(), b.param()));
            } else {
                r.add(b);
            }
        }
        return r;
    }

    private Map<String, Set<BufRef>> paramFlow() {
        if (paramFlow != null) {
            return paramFlow;
        }
        Map<String, Set<BufRef>> sets = new HashMap<>();
        Map<String, Set<String>> edges = new HashMap<>();
        Deque<String> work = new ArrayDeque<>();
        for (MethodInfo m : table.all()) {
            for (CtElement s : graph.sitesOf(m.id())) {
                if (!(s instanceof CtAbstractInvocation<?> inv) || inv.getArguments().isEmpty()) {
                    continue;
                }
                List<Target> targets = graph.resolver().targets(s);
                if (targets.isEmpty()) {
                    continue;
                }
                List<CtExpression<?>> args = inv.getArguments();
                for (int i = 0; i < args.size(); i++) {
                    Set<BufRef> refs = prov(args.get(i), m.id());
                    if (refs.isEmpty()) {
                        continue;
                    }
                    for (Target t : targets) {
                        if (i >= MethodIds.arity(t.id())) {
                            continue;
                        }
                        String node = t.id() + "|" + i;
                        for (BufRef b : refs) {
                            if (b.kind() == BufRef.Kind.PARAM) {
                                edges.computeIfAbsent(b.method() + "|" + b.param(), k -> new LinkedHashSet<>())
                                        .add(node);
                            } else if (sets.computeIfAbsent(node, k -> new LinkedHashSet<>()).add(foreign(b,
                                    m.id()))) {
                                work.add(node);
                            }
                        }
                    }
                }
            }
        }
        while (!work.isEmpty()) {
            String n = work.poll();
            Set<BufRef> src = sets.get(n);
            for (String succ : edges.getOrDefault(n, Set.of())) {
                Set<BufRef> dst = sets.computeIfAbsent(succ, k -> new LinkedHashSet<>());
                if (dst.addAll(src)) {
                    work.add(succ);
                }
            }
        }
        paramFlow = sets;
        return sets;
    }

    /** A source seen from another method: its thread is meaningful there only if it is the current thread. */
    private static BufRef foreign(BufRef b, String from) {
        if (b.kind() != BufRef.Kind.SOURCE || b.thread() == null || b.thread().isCurrent()
                || (b.thread().kind() == ThreadRef.Kind.OTHER && b.thread().chain().size() > 0
                && b.thread().chain().get(0).startsWith("@"))) {
            return b;
        }
        List<String> p = new ArrayList<>();
        p.add("@" + MethodIds.simpleName(from));
        if (b.thread().kind() == ThreadRef.Kind.PARAM) {
            p.add("param" + b.thread().param());
        } else {
            p.addAll(b.thread().chain());
        }
        return b.withThread(ThreadRef.other(p));
    }

    // ---------------------------------------------------------------- call flags

    /**
     * A parameter is a call flag if the pack names it so, or if every caller passes a call flag
     * for it (a helper's {@code writeMsg} fed with {@code call}).
     */
    public boolean isCallFlagParam(String methodId, int index) {
        String key = methodId + "|" + index;
        Boolean memo = callFlagMemo.get(key);
        if (memo != null) {
            return memo;
        }
        MethodInfo m = table.get(methodId);
        if (m == null || index >= m.paramNames().size()) {
            return false;
        }
        if (pack.callFlags().matches(m.paramNames().get(index))) {
            callFlagMemo.put(key, true);
            return true;
        }
        if (!callFlagBusy.add(key)) {
            return false;
        }
        boolean all;
        try {
            List<JGraphTCallGraph.SiteRef> sites = graph.sitesInto(methodId);
            all = !sites.isEmpty();
            for (JGraphTCallGraph.SiteRef s : sites) {
                if (!(s.site() instanceof CtAbstractInvocation<?> inv) || index >= inv.getArguments().size()
                        || !isCallFlagExpr(inv.getArguments().get(index), s.caller())) {
                    all = false;
                    break;
                }
            }
        } finally {
            callFlagBusy.remove(key);
        }
        callFlagMemo.put(key, all);
        return all;
    }

    /** True if the expression reads a call flag (by name, or a parameter that is a call flag). */
    public boolean isCallFlagExpr(CtExpression<?> e, String methodId) {
        if (!(e instanceof CtVariableRead<?> vr) || e instanceof CtFieldRead<?>) {
            return false;
        }
        MethodContext c = ctx(methodId);
        int pi = c == null ? -1 : c.paramIndex(vr.getVariable());
        if (pi >= 0) {
            return isCallFlagParam(methodId, pi);
        }
        return pack.callFlags().matches(vr.getVariable().getSimpleName());
    }
}
