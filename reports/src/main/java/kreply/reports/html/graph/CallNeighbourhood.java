package kreply.reports.html.graph;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import kreply.analyzer.graph.CallGraph;
import kreply.analyzer.report.Finding;
import kreply.analyzer.report.PathStep;

/**
 * The part of the call graph the HTML report can draw around a selected method: every method on a
 * finding's witness path, with the witness edges and their kinds. When the analysis's call graph is
 * available, each of those methods also gets its direct callers and callees from it (at most
 * {@code maxNeighbours} each way; the rest are counted), so a reviewer sees what else reaches a
 * flagged method and what it calls. Without the graph the view is the union of the witness paths,
 * which is exactly what the findings claim. Methods only known from the graph have no location.
 */
public final class CallNeighbourhood {
    /** A method; {@code file} is null and {@code line} 0 when its declaration is unknown to the report. */
    public record Node(String id, String file, int line, boolean onWitness, int moreCallers, int moreCallees) {
    }

    /** A call edge with every kind that justifies it ({@code call}, {@code virtual}, ...), sorted. */
    public record Edge(String from, String to, List<String> kinds) {
    }

    private final List<Node> nodes;
    private final List<Edge> edges;

    private CallNeighbourhood(List<Node> nodes, List<Edge> edges) {
        this.nodes = List.copyOf(nodes);
        this.edges = List.copyOf(edges);
    }

    public List<Node> nodes() {
        return nodes;
    }

    public List<Edge> edges() {
        return edges;
    }

    /**
     * @param graph         the analysis's call graph, or null when only the witness paths are known
     * @param maxNeighbours callers (and callees) taken from the graph per witness method
     */
    public static CallNeighbourhood of(List<Finding> findings, CallGraph graph, int maxNeighbours) {
        Builder b = new Builder();
        for (Finding f : findings) {
            String prev = null;
            for (PathStep s : f.witness()) {
                if (s.methodId() == null) {
                    continue;
                }
                b.node(s.methodId(), s.file(), s.line(), true);
                if (prev != null) {
                    b.edge(prev, s.methodId(), s.edgeKind() == null ? Set.of("call") : Set.of(s.edgeKind()));
                }
                prev = s.methodId();
            }
            if (f.methodId() != null) {
                b.node(f.methodId(), f.file(), f.line(), true);
            }
        }
        if (graph != null) {
            for (String id : List.copyOf(b.nodes.keySet())) {
                List<String> callers = new ArrayList<>(new TreeSet<>(graph.callers(id)));
                List<String> callees = new ArrayList<>(new TreeSet<>(graph.callees(id)));
                for (String c : callers.subList(0, Math.min(maxNeighbours, callers.size()))) {
                    b.node(c, null, 0, false);
                    b.edge(c, id, graph.edgeKinds(c, id));
                }
                for (String c : callees.subList(0, Math.min(maxNeighbours, callees.size()))) {
                    b.node(c, null, 0, false);
                    b.edge(id, c, graph.edgeKinds(id, c));
                }
                b.more(id, Math.max(0, callers.size() - maxNeighbours), Math.max(0, callees.size() - maxNeighbours));
            }
        }
        return b.build();
    }

    private static final class Builder {
        private final Map<String, Node> nodes = new LinkedHashMap<>();
        private final Map<List<String>, TreeSet<String>> edges = new LinkedHashMap<>();

        void node(String id, String file, int line, boolean onWitness) {
            Node old = nodes.get(id);
            if (old == null) {
                nodes.put(id, new Node(id, file, file == null ? 0 : line, onWitness, 0, 0));
            } else if (old.file() == null && file != null || onWitness && !old.onWitness()) {
                boolean located = old.file() != null;
                nodes.put(id, new Node(id, located ? old.file() : file, located ? old.line() : line,
                        old.onWitness() || onWitness, old.moreCallers(), old.moreCallees()));
            }
        }

        void edge(String from, String to, Set<String> kinds) {
            TreeSet<String> ks = edges.computeIfAbsent(List.of(from, to), k -> new TreeSet<>());
            ks.addAll(kinds == null || kinds.isEmpty() ? Set.of("call") : kinds);
        }

        void more(String id, int callers, int callees) {
            Node n = nodes.get(id);
            nodes.put(id, new Node(n.id(), n.file(), n.line(), n.onWitness(), callers, callees));
        }

        CallNeighbourhood build() {
            List<Edge> es = new ArrayList<>();
            edges.forEach((k, v) -> es.add(new Edge(k.get(0), k.get(1), List.copyOf(v))));
            return new CallNeighbourhood(new ArrayList<>(nodes.values()), es);
        }
    }
}
