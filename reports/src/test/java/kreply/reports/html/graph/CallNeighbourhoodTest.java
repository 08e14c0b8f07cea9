// contract: the call-graph view's model holds every witness method with its location and the witness edges with their kinds, and, given the analysis's call graph, each witness method's callers and callees up to a cap with the rest counted.
package kreply.reports.html.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import kreply.analyzer.graph.CallGraph;
import kreply.analyzer.report.Finding;
import kreply.analyzer.report.PathStep;
import kreply.analyzer.report.Severity;

class CallNeighbourhoodTest {
    static Finding finding(String method, List<PathStep> path) {
        return new Finding("r", List.of("C"), Severity.ERROR, method, method + "()", "F.java", 9, "m", path, "fp", null,
                null, null);
    }

    static final List<PathStep> PATH_A = List.of(new PathStep("e()", "E.java", 1, null),
            new PathStep("m()", "M.java", 5, "virtual"), new PathStep("a()", "A.java", 7, "call"));
    static final List<PathStep> PATH_B = List.of(new PathStep("e()", "E.java", 1, null),
            new PathStep("m()", "M.java", 5, "call"), new PathStep("b()", "B.java", 3, "lambda"));

    @Test
    void witnessPathsAloneGiveTheirUnion() {
        CallNeighbourhood n = CallNeighbourhood.of(List.of(finding("a", PATH_A), finding("b", PATH_B)), null, 5);
        assertThat(n.nodes()).extracting(CallNeighbourhood.Node::id).containsExactly("e()", "m()", "a()", "b()");
        assertThat(n.nodes().get(1)).isEqualTo(new CallNeighbourhood.Node("m()", "M.java", 5, true, 0, 0));
        assertThat(n.edges()).containsExactly(new CallNeighbourhood.Edge("e()", "m()", List.of("call", "virtual")),
                new CallNeighbourhood.Edge("m()", "a()", List.of("call")),
                new CallNeighbourhood.Edge("m()", "b()", List.of("lambda")));
    }

    @Test
    void findingWithoutWitnessStillHasItsMethod() {
        CallNeighbourhood n = CallNeighbourhood.of(List.of(finding("x", List.of())), null, 5);
        assertThat(n.nodes()).containsExactly(new CallNeighbourhood.Node("x()", "F.java", 9, true, 0, 0));
        assertThat(n.edges()).isEmpty();
    }

    @Test
    void callGraphAddsCappedCallersAndCallees() {
        CallGraph g = new MapGraph(Map.of("e()", Set.of("m()"), "m()", Set.of("a()", "b()", "c()", "d()"),
                "z1()", Set.of("a()"), "z2()", Set.of("a()"), "z3()", Set.of("a()")));
        CallNeighbourhood n = CallNeighbourhood.of(List.of(finding("a", PATH_A)), g, 2);
        CallNeighbourhood.Node a = n.nodes().stream().filter(x -> x.id().equals("a()")).findFirst().orElseThrow();
        // callers of a(): m(), z1(), z2(), z3() sorted; two shown, two counted
        assertThat(a.moreCallers()).isEqualTo(2);
        assertThat(n.edges()).contains(new CallNeighbourhood.Edge("m()", "a()", List.of("call")),
                new CallNeighbourhood.Edge("m()", "b()", List.of("call")));
        assertThat(n.nodes()).filteredOn(x -> x.id().equals("b()")).singleElement()
                .isEqualTo(new CallNeighbourhood.Node("b()", null, 0, false, 0, 0));
        CallNeighbourhood.Node m = n.nodes().stream().filter(x -> x.id().equals("m()")).findFirst().orElseThrow();
        assertThat(m.moreCallees()).isEqualTo(2); // a, b shown; c, d counted
        assertThat(m.onWitness()).isTrue();
    }

    /** A call graph given as caller → callees; every edge is a plain call. */
    record MapGraph(Map<String, Set<String>> calls) implements CallGraph {
        @Override
        public Set<String> methods() {
            return calls.keySet();
        }

        @Override
        public Set<String> callees(String id) {
            return calls.getOrDefault(id, Set.of());
        }

        @Override
        public Set<String> callers(String id) {
            return Set.copyOf(calls.entrySet().stream().filter(e -> e.getValue().contains(id)).map(Map.Entry::getKey)
                    .toList());
        }

        @Override
        public Set<String> edgeKinds(String from, String to) {
            return callees(from).contains(to) ? Set.of("call") : Set.of();
        }

        @Override
        public List<String> shortestPath(Set<String> entries, String target) {
            return List.of();
        }

        @Override
        public List<String> resolve(String name) {
            return List.of();
        }

        @Override
        public void writeDot(Writer out, String focus, int depth) {
        }

        @Override
        public void writeGraphML(Writer out, String focus, int depth) {
        }
    }
}
