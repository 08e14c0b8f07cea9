package kreply.analyzer.graph;

import java.io.Writer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import kreply.analyzer.model.MethodIds;
import kreply.analyzer.model.MethodInfo;
import kreply.analyzer.model.MethodTable;
import kreply.analyzer.report.PathStep;
import org.jgrapht.Graph;
import spoon.reflect.declaration.CtElement;
import org.jgrapht.Graphs;
import org.jgrapht.graph.AsSubgraph;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.nio.Attribute;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.dot.DOTExporter;
import org.jgrapht.nio.graphml.GraphMLExporter;

/** The call graph backed by a JGraphT directed graph whose vertices are method ids. */
public final class JGraphTCallGraph implements CallGraph {
    private final Graph<String, CallEdge> graph = new DefaultDirectedGraph<>(CallEdge.class);
    private final MethodTable table;
    private final CallResolver resolver;

    JGraphTCallGraph(MethodTable table, CallResolver resolver) {
        this.table = table;
        this.resolver = resolver;
    }

    private final Map<String, List<CtElement>> sitesOf = new HashMap<>();
    private final Map<String, List<SiteRef>> sitesInto = new HashMap<>();
    private final java.util.Set<String> invokedNames = new java.util.HashSet<>();

    /** A call site inside {@code caller}. */
    public record SiteRef(String caller, CtElement site) {
    }

    void addSite(String caller, CtElement site, List<Target> targets) {
        sitesOf.computeIfAbsent(caller, k -> new ArrayList<>()).add(site);
        for (Target t : targets) {
            List<SiteRef> l = sitesInto.computeIfAbsent(t.id(), k -> new ArrayList<>());
            if (l.isEmpty() || l.get(l.size() - 1).site() != site) {
                l.add(new SiteRef(caller, site));
            }
        }
    }

    void addInvokedName(String simpleName) {
        invokedNames.add(simpleName);
    }

    /**
     * Whether any method invocation of the model, wherever it is, calls a method with this simple
     * name: a cheap pre-check that lets a rule skip work that needs such a call.
     */
    public boolean invokes(String simpleName) {
        return invokedNames.contains(simpleName);
    }

    /** Call sites located in a method (including its lambdas). */
    public List<CtElement> sitesOf(String caller) {
        return sitesOf.getOrDefault(caller, List.of());
    }

    /** Call sites that may call a method. */
    public List<SiteRef> sitesInto(String callee) {
        return sitesInto.getOrDefault(callee, List.of());
    }

    void addVertex(String id) {
        graph.addVertex(id);
    }

    void addEdge(String from, String to, String kind) {
        CallEdge e = graph.getEdge(from, to);
        if (e == null) {
            e = new CallEdge();
            graph.addEdge(from, to, e);
        }
        e.add(kind);
    }

    public Graph<String, CallEdge> graph() {
        return graph;
    }

    public CallResolver resolver() {
        return resolver;
    }

    public MethodTable table() {
        return table;
    }

    @Override
    public Set<String> methods() {
        return Collections.unmodifiableSet(new TreeSet<>(graph.vertexSet()));
    }

    @Override
    public Set<String> callees(String methodId) {
        if (!graph.containsVertex(methodId)) {
            return Set.of();
        }
        return new TreeSet<>(Graphs.successorListOf(graph, methodId));
    }

    @Override
    public Set<String> callers(String methodId) {
        if (!graph.containsVertex(methodId)) {
            return Set.of();
        }
        return new TreeSet<>(Graphs.predecessorListOf(graph, methodId));
    }

    @Override
    public Set<String> edgeKinds(String from, String to) {
        if (!graph.containsVertex(from) || !graph.containsVertex(to)) {
            return Set.of();
        }
        CallEdge e = graph.getEdge(from, to);
        return e == null ? Set.of() : e.kinds();
    }

    public int edgeCount() {
        return graph.edgeSet().size();
    }

    @Override
    public List<String> shortestPath(Set<String> entries, String target) {
        return bfs(entries).pathTo(target);
    }

    /** Multi-source breadth-first search from {@code entries}; reuse it for many targets. */
    public Reach bfs(Set<String> entries) {
        Map<String, String> parent = new HashMap<>();
        Deque<String> work = new ArrayDeque<>();
        for (String e : new TreeSet<>(entries)) {
            if (graph.containsVertex(e) && !parent.containsKey(e)) {
                parent.put(e, null);
                work.add(e);
            }
        }
        while (!work.isEmpty()) {
            String v = work.poll();
            List<String> next = new ArrayList<>(Graphs.successorListOf(graph, v));
            Collections.sort(next);
            for (String n : next) {
                if (!parent.containsKey(n)) {
                    parent.put(n, v);
                    work.add(n);
                }
            }
        }
        return new Reach(parent);
    }

    /** Result of a multi-source search: parent pointers towards the nearest entry. */
    public final class Reach {
        private final Map<String, String> parent;

        Reach(Map<String, String> parent) {
            this.parent = parent;
        }

        public boolean reaches(String id) {
            return parent.containsKey(id);
        }

        public Set<String> reached() {
            return parent.keySet();
        }

        public List<String> pathTo(String target) {
            if (!parent.containsKey(target)) {
                return List.of();
            }
            List<String> r = new ArrayList<>();
            for (String v = target; v != null; v = parent.get(v)) {
                r.add(v);
            }
            Collections.reverse(r);
            return r;
        }

        /** The witness as report steps; just the target itself when no entry reaches it. */
        public List<PathStep> witness(String target) {
            List<String> ids = pathTo(target);
            if (ids.isEmpty()) {
                ids = List.of(target);
            }
            List<PathStep> steps = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                String id = ids.get(i);
                MethodInfo m = table.get(id);
                String kind = null;
                if (i > 0) {
                    Set<String> kinds = edgeKinds(ids.get(i - 1), id);
                    kind = preferredKind(kinds);
                }
                steps.add(new PathStep(id, m == null ? "" : m.file(), m == null ? 0 : m.line(), kind));
            }
            return steps;
        }
    }

    private static String preferredKind(Set<String> kinds) {
        for (String k : List.of("virtual", "super", "constructor", "method-ref", "lambda", "call")) {
            if (kinds.contains(k)) {
                return k;
            }
        }
        return kinds.isEmpty() ? "call" : kinds.iterator().next();
    }

    @Override
    public List<String> resolve(String methodNameOrId) {
        if (methodNameOrId == null || methodNameOrId.isBlank()) {
            return List.of();
        }
        String q = methodNameOrId.trim();
        if (graph.containsVertex(q)) {
            return List.of(q);
        }
        TreeSet<String> r = new TreeSet<>();
        for (String v : graph.vertexSet()) {
            String shortForm = MethodIds.shortForm(v);
            String simple = MethodIds.simpleName(v);
            String type = MethodIds.typeOf(v);
            String simpleType = type.substring(Math.max(type.lastIndexOf('.'), type.lastIndexOf('$')) + 1);
            if (shortForm.equals(q) || simple.equals(q) || (simpleType + "#" + simple).equals(q)
                    || (simpleType + "." + simple).equals(q)) {
                r.add(v);
            }
        }
        return new ArrayList<>(r);
    }

    private Graph<String, CallEdge> neighbourhood(String focus, int depth) {
        if (focus == null || focus.isBlank()) {
            return graph;
        }
        Map<String, Integer> dist = new LinkedHashMap<>();
        Deque<String> work = new ArrayDeque<>();
        for (String s : resolve(focus)) {
            dist.put(s, 0);
            work.add(s);
        }
        while (!work.isEmpty()) {
            String v = work.poll();
            int d = dist.get(v);
            if (d >= depth) {
                continue;
            }
            List<String> next = new ArrayList<>(Graphs.successorListOf(graph, v));
            next.addAll(Graphs.predecessorListOf(graph, v));
            for (String n : next) {
                if (!dist.containsKey(n)) {
                    dist.put(n, d + 1);
                    work.add(n);
                }
            }
        }
        return new AsSubgraph<>(graph, dist.keySet());
    }

    @Override
    public void writeDot(Writer out, String focus, int depth) {
        Graph<String, CallEdge> g = neighbourhood(focus, Math.max(0, depth));
        Map<String, String> ids = vertexIds(g);
        DOTExporter<String, CallEdge> ex = new DOTExporter<>(ids::get);
        ex.setGraphIdProvider(() -> "callgraph");
        ex.setVertexAttributeProvider(v -> {
            Map<String, Attribute> a = new LinkedHashMap<>();
            a.put("label", DefaultAttribute.createAttribute(v));
            return a;
        });
        ex.setEdgeAttributeProvider(e -> {
            Map<String, Attribute> a = new LinkedHashMap<>();
            a.put("label", DefaultAttribute.createAttribute(e.toString()));
            return a;
        });
        ex.exportGraph(g, out);
    }

    @Override
    public void writeGraphML(Writer out, String focus, int depth) {
        Graph<String, CallEdge> g = neighbourhood(focus, Math.max(0, depth));
        Map<String, String> ids = vertexIds(g);
        GraphMLExporter<String, CallEdge> ex = new GraphMLExporter<>(ids::get);
        ex.registerAttribute("method", GraphMLExporter.AttributeCategory.NODE, org.jgrapht.nio.AttributeType.STRING);
        ex.registerAttribute("kinds", GraphMLExporter.AttributeCategory.EDGE, org.jgrapht.nio.AttributeType.STRING);
        ex.setVertexAttributeProvider(v -> Map.of("method", DefaultAttribute.createAttribute(v)));
        ex.setEdgeAttributeProvider(e -> Map.of("kinds", DefaultAttribute.createAttribute(e.toString())));
        ex.exportGraph(g, out);
    }

    /** Short, stable exporter ids (n0, n1, ...) in sorted vertex order; the full id is an attribute. */
    private static Map<String, String> vertexIds(Graph<String, CallEdge> g) {
        Map<String, String> ids = new HashMap<>();
        int i = 0;
        for (String v : new TreeSet<>(g.vertexSet())) {
            ids.put(v, "n" + i++);
        }
        return ids;
    }
}
