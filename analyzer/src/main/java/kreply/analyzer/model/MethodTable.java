package kreply.analyzer.model;

import java.io.File;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spoon.reflect.code.CtAbstractInvocation;
import spoon.reflect.code.CtAssignment;
import spoon.reflect.code.CtExecutableReferenceExpression;
import spoon.reflect.declaration.CtAnonymousExecutable;
import spoon.reflect.declaration.CtConstructor;
import spoon.reflect.declaration.CtElement;
import spoon.reflect.declaration.CtExecutable;
import spoon.reflect.declaration.CtField;
import spoon.reflect.declaration.CtMethod;
import spoon.reflect.declaration.CtParameter;
import spoon.reflect.declaration.CtType;
import spoon.reflect.declaration.CtTypeMember;
import spoon.reflect.declaration.CtTypeParameter;

/**
 * Every type and method of the model, indexed by qualified name and method id. This is the only
 * bridge from ids back to Spoon elements. It also keeps the model-wide lists of calls, method
 * references, assignments and fields, collected in the same single pass over the model, so that no
 * later phase has to walk the whole model again.
 */
public final class MethodTable {
    private final Map<String, MethodInfo> methods = new LinkedHashMap<>();
    private final Map<String, CtType<?>> types = new LinkedHashMap<>();
    private final Map<String, List<String>> bySimpleName = new HashMap<>();
    /** Ids of the executables seen while building, by identity: computing an id walks types and parameters. */
    private final Map<CtExecutable<?>, String> ids = new IdentityHashMap<>();
    private final SourceModel source;

    private final List<CtElement> invocations;
    private final List<CtElement> methodReferences;
    private final List<CtAssignment<?, ?>> assignments;
    private final List<CtField<?>> fields;

    @SuppressWarnings("unchecked")
    public MethodTable(SourceModel source) {
        this.source = source;
        // one pass over the model collects everything the later phases look up model-wide
        List<List<?>> found = Scan.all(source.model().getAllModules(), List.of(CtType.class,
                CtAbstractInvocation.class, CtExecutableReferenceExpression.class, CtAssignment.class, CtField.class));
        invocations = List.copyOf((List<CtElement>) found.get(1));
        methodReferences = List.copyOf((List<CtElement>) found.get(2));
        assignments = List.copyOf((List<CtAssignment<?, ?>>) found.get(3));
        fields = List.copyOf((List<CtField<?>>) found.get(4));
        List<CtType<?>> all = new ArrayList<>();
        for (CtType<?> t : (List<CtType<?>>) found.get(0)) {
            if (!(t instanceof CtTypeParameter)) {
                all.add(t);
            }
        }
        for (CtType<?> t : all) {
            String q = t.getQualifiedName();
            types.putIfAbsent(q, t);
            for (CtTypeMember m : t.getTypeMembers()) {
                if (m instanceof CtMethod<?> || m instanceof CtConstructor<?> || m instanceof CtAnonymousExecutable) {
                    add((CtExecutable<?>) m, t);
                }
            }
        }
    }

    private void add(CtExecutable<?> e, CtType<?> t) {
        String id = MethodIds.of(e);
        ids.put(e, id);
        if (methods.containsKey(id)) {
            return;
        }
        File f = Positions.file(e);
        String rel = f == null ? "" : source.relative(f.toPath());
        List<String> names = new ArrayList<>();
        for (CtParameter<?> p : e.getParameters()) {
            names.add(p.getSimpleName());
        }
        int line = Positions.line(e);
        if (e instanceof CtMethod<?> m && !m.getAnnotations().isEmpty()) {
            // report on the signature line, not on an annotation above it
            line = signatureLine(m, line);
        }
        MethodInfo info = new MethodInfo(id, e, t, rel, line, List.copyOf(names), e.getBody() != null);
        methods.put(id, info);
        bySimpleName.computeIfAbsent(info.simpleName(), k -> new ArrayList<>()).add(id);
    }

    private static int signatureLine(CtMethod<?> m, int dflt) {
        try {
            var p = m.getPosition();
            if (p instanceof spoon.reflect.cu.position.DeclarationSourcePosition d) {
                var cu = p.getCompilationUnit();
                int start = d.getNameStart();
                int[] lines = cu.getLineSeparatorPositions();
                int line = 1;
                for (int sep : lines) {
                    if (sep < start) {
                        line++;
                    }
                }
                return line;
            }
        } catch (RuntimeException ignored) {
            // fall back
        }
        return dflt;
    }

    /** The id of an executable: {@link MethodIds#of(CtExecutable)}, remembered for the model's own. */
    public String idOf(CtExecutable<?> e) {
        String id = ids.get(e);
        return id != null ? id : MethodIds.of(e);
    }

    public MethodInfo get(String id) {
        return methods.get(id);
    }

    public Collection<MethodInfo> all() {
        return methods.values();
    }

    public Map<String, CtType<?>> types() {
        return types;
    }

    public CtType<?> type(String qualifiedName) {
        return types.get(qualifiedName);
    }

    public List<String> idsNamed(String simpleName) {
        return bySimpleName.getOrDefault(simpleName, List.of());
    }

    /** Every method invocation and constructor call of the model, in model order. */
    public List<CtElement> invocations() {
        return invocations;
    }

    /** Every method reference expression ({@code Foo::bar}) of the model, in model order. */
    public List<CtElement> methodReferences() {
        return methodReferences;
    }

    /** Every assignment of the model, in model order. */
    public List<CtAssignment<?, ?>> assignments() {
        return assignments;
    }

    /** Every field of the model, in model order. */
    public List<CtField<?>> fields() {
        return fields;
    }

    public SourceModel source() {
        return source;
    }
}
