package kreply.analyzer.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kreply.analyzer.model.MethodIds;
import kreply.analyzer.model.MethodInfo;
import kreply.analyzer.model.MethodTable;
import spoon.reflect.declaration.CtType;
import spoon.reflect.reference.CtTypeReference;

/**
 * The in-model type hierarchy, for virtual-dispatch resolution: CHA (every overriding
 * implementation in a subtype) and RTA (only implementations that some instantiated class
 * dispatches to). Types are keyed by qualified name.
 */
final class TypeHierarchy {
    private final MethodTable table;
    private final Map<String, List<String>> supertypes = new HashMap<>();
    private final Map<String, List<String>> subtypes = new HashMap<>();
    private final Map<String, Set<String>> ancestors = new HashMap<>();
    private final Map<String, List<String>> overriders = new HashMap<>();
    private final Map<String, String> dispatchCache = new HashMap<>();

    TypeHierarchy(MethodTable table) {
        this.table = table;
        for (Map.Entry<String, CtType<?>> e : table.types().entrySet()) {
            List<String> sup = new ArrayList<>();
            CtType<?> t = e.getValue();
            try {
                addIfInModel(sup, t.getSuperclass());
                for (CtTypeReference<?> i : t.getSuperInterfaces()) {
                    addIfInModel(sup, i);
                }
            } catch (RuntimeException ignored) {
                // unresolved supertypes in noclasspath mode: nothing to add
            }
            supertypes.put(e.getKey(), sup);
            for (String s : sup) {
                subtypes.computeIfAbsent(s, k -> new ArrayList<>()).add(e.getKey());
            }
        }
    }

    private void addIfInModel(List<String> out, CtTypeReference<?> ref) {
        if (ref == null) {
            return;
        }
        String q = ref.getQualifiedName();
        if (table.type(q) != null && !out.contains(q)) {
            out.add(q);
        }
    }

    boolean inModel(String type) {
        return table.type(type) != null;
    }

    /** All in-model supertypes of {@code type}, including itself. */
    Set<String> ancestors(String type) {
        Set<String> cached = ancestors.get(type);
        if (cached != null) {
            return cached;
        }
        Set<String> r = new LinkedHashSet<>();
        Deque<String> work = new ArrayDeque<>(List.of(type));
        while (!work.isEmpty()) {
            String t = work.pop();
            if (r.add(t)) {
                work.addAll(supertypes.getOrDefault(t, List.of()));
            }
        }
        ancestors.put(type, r);
        return r;
    }

    /** The method a type declares with the signature of {@code methodId}, or null. */
    String declared(String type, String methodId) {
        String sig = methodId.substring(methodId.indexOf('#') + 1);
        String id = type + "#" + sig;
        if (table.get(id) != null) {
            return id;
        }
        // generic parameters erase differently in an overriding declaration: fall back to name + arity
        MethodInfo base = table.get(methodId);
        if (base != null && hasTypeVariableParams(base)) {
            String name = MethodIds.simpleName(methodId);
            int arity = MethodIds.arity(methodId);
            for (String cand : table.idsNamed(name)) {
                if (MethodIds.typeOf(cand).equals(type) && MethodIds.arity(cand) == arity) {
                    return cand;
                }
            }
        }
        return null;
    }

    private static boolean hasTypeVariableParams(MethodInfo m) {
        return m.exec().getParameters().stream()
                .anyMatch(p -> p.getType() instanceof spoon.reflect.reference.CtTypeParameterReference);
    }

    /** CHA: every method in a subtype of the declaring type that overrides {@code methodId}. */
    List<String> overriders(String methodId) {
        List<String> cached = overriders.get(methodId);
        if (cached != null) {
            return cached;
        }
        List<String> r = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Deque<String> work = new ArrayDeque<>(subtypes.getOrDefault(MethodIds.typeOf(methodId), List.of()));
        while (!work.isEmpty()) {
            String t = work.pop();
            if (!seen.add(t)) {
                continue;
            }
            String d = declared(t, methodId);
            if (d != null && !r.contains(d) && concrete(d)) {
                r.add(d);
            }
            work.addAll(subtypes.getOrDefault(t, List.of()));
        }
        Collections.sort(r);
        overriders.put(methodId, r);
        return r;
    }

    boolean concrete(String id) {
        MethodInfo m = table.get(id);
        return m != null && m.hasBody();
    }

    /** RTA: the implementation an object of class {@code type} runs for {@code methodId}, or null. */
    String dispatch(String type, String methodId) {
        String key = type + "|" + methodId;
        if (dispatchCache.containsKey(key)) {
            return dispatchCache.get(key);
        }
        String found = null;
        for (String a : ancestors(type)) {
            String d = declared(a, methodId);
            if (d != null && concrete(d)) {
                found = d;
                break;
            }
        }
        dispatchCache.put(key, found);
        return found;
    }

    boolean isSubtype(String type, String of) {
        return ancestors(type).contains(of);
    }

    /** Methods named {@code name} with {@code arity} parameters in {@code type} or its in-model supertypes. */
    List<String> byNameAndArity(String type, String name, int arity) {
        List<String> r = new ArrayList<>();
        for (String a : ancestors(type)) {
            for (String cand : table.idsNamed(name)) {
                if (MethodIds.typeOf(cand).equals(a) && MethodIds.arity(cand) == arity && !r.contains(cand)) {
                    r.add(cand);
                }
            }
            if (!r.isEmpty()) {
                break;
            }
        }
        return r;
    }
}
