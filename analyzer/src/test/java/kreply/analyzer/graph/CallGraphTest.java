// contract: the call graph has one vertex per method id and edges labelled with why they exist (call, virtual, constructor, super, method-ref, lambda), CHA vs RTA dispatch, calls resolved by name in noclasspath mode, shortest paths, name resolution and DOT / GraphML export.
package kreply.analyzer.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kreply.analyzer.TestSources;
import kreply.analyzer.engine.AnalyzeRequest.Dispatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallGraphTest {
    @TempDir
    Path dir;

    @BeforeEach
    void sources() {
        TestSources.write(dir, Map.of("g/Shape.java", """
                package g;
                public interface Shape { double area(); }
                """, "g/Square.java", """
                package g;
                public class Square implements Shape {
                    public double area() { return 1; }
                }
                """, "g/Circle.java", """
                package g;
                public class Circle implements Shape {
                    public double area() { return 3; }
                }
                """, "g/Base.java", """
                package g;
                public class Base {
                    public Base() { }
                    void hook() { }
                }
                """, "g/Child.java", """
                package g;
                import java.util.List;
                import java.util.function.Supplier;
                import missing.Lib;
                public class Child extends Base {
                    public Child() { super(); }
                    @Override void hook() { super.hook(); }
                    double total(Shape s) { return s.area(); }
                    Shape make() { return new Square(); }
                    void refs(List<Shape> l) {
                        Supplier<Shape> f = Square::new;
                        l.forEach(x -> x.area());
                        Runnable r = this::hook;
                    }
                    void unresolved(Lib lib) { helper(lib.thing()); }
                    void helper(Object o) { }
                    void entry() { total(make()); }
                }
                """));
    }

    @Test
    void edgesCarryTheirKinds() throws Exception {
        JGraphTCallGraph g = TestSources.graph(dir, Dispatch.CHA);
        assertThat(g.methods()).contains("g.Child#total(g.Shape)", "g.Square#area()", "g.Base#<init>()");
        assertThat(g.edgeKinds("g.Child#total(g.Shape)", "g.Square#area()")).containsExactly("virtual");
        assertThat(g.edgeKinds("g.Child#total(g.Shape)", "g.Circle#area()")).containsExactly("virtual");
        assertThat(g.edgeKinds("g.Child#make()", "g.Square#<init>()")).containsExactly("constructor");
        assertThat(g.edgeKinds("g.Child#<init>()", "g.Base#<init>()")).containsExactly("super");
        assertThat(g.edgeKinds("g.Child#hook()", "g.Base#hook()")).containsExactly("super");
        assertThat(g.edgeKinds("g.Child#refs(java.util.List)", "g.Square#<init>()")).containsExactly("method-ref");
        assertThat(g.edgeKinds("g.Child#refs(java.util.List)", "g.Child#hook()")).contains("method-ref");
        assertThat(g.edgeKinds("g.Child#refs(java.util.List)", "g.Square#area()")).contains("lambda", "virtual");
        assertThat(g.callers("g.Square#area()")).contains("g.Child#total(g.Shape)", "g.Child#refs(java.util.List)");
    }

    @Test
    void rtaKeepsOnlyInstantiatedClasses() throws Exception {
        JGraphTCallGraph cha = TestSources.graph(dir, Dispatch.CHA);
        JGraphTCallGraph rta = TestSources.graph(dir, Dispatch.RTA);
        assertThat(cha.callees("g.Child#total(g.Shape)")).containsExactlyInAnyOrder("g.Square#area()",
                "g.Circle#area()");
        // only Square is ever instantiated in the model
        assertThat(rta.callees("g.Child#total(g.Shape)")).containsExactly("g.Square#area()");
    }

    @Test
    void unresolvedCallsAreStillRecordedByName() throws Exception {
        JGraphTCallGraph g = TestSources.graph(dir, Dispatch.CHA);
        assertThat(g.callees("g.Child#unresolved(missing.Lib)")).contains("g.Child#helper(java.lang.Object)");
    }

    @Test
    void shortestPathAndResolve() throws Exception {
        JGraphTCallGraph g = TestSources.graph(dir, Dispatch.CHA);
        assertThat(g.shortestPath(Set.of("g.Child#entry()"), "g.Square#<init>()"))
                .containsExactly("g.Child#entry()", "g.Child#make()", "g.Square#<init>()");
        assertThat(g.shortestPath(Set.of("g.Square#area()"), "g.Child#entry()")).isEmpty();
        assertThat(g.resolve("area")).containsExactly("g.Circle#area()", "g.Shape#area()", "g.Square#area()");
        assertThat(g.resolve("g.Child#total")).containsExactly("g.Child#total(g.Shape)");
        assertThat(g.resolve("Square#area")).containsExactly("g.Square#area()");
        assertThat(g.resolve("nothingLikeThis")).isEmpty();
        var w = g.bfs(Set.of("g.Child#entry()")).witness("g.Square#<init>()");
        assertThat(w).extracting(s -> s.edgeKind()).containsExactly(null, "call", "constructor");
        assertThat(w.get(1).file()).isEqualTo("g/Child.java");
    }

    @Test
    void exportsDotAndGraphMl() throws Exception {
        JGraphTCallGraph g = TestSources.graph(dir, Dispatch.CHA);
        StringWriter dot = new StringWriter();
        g.writeDot(dot, null, 0);
        assertThat(dot.toString()).contains("digraph callgraph {").contains("label=\"g.Child#total(g.Shape)\"")
                .contains("label=\"virtual\"");
        StringWriter focus = new StringWriter();
        g.writeDot(focus, "make", 1);
        assertThat(focus.toString()).contains("g.Child#make()").contains("g.Square#<init>()")
                .contains("g.Child#entry()").doesNotContain("g.Circle#area()");
        StringWriter ml = new StringWriter();
        g.writeGraphML(ml, "total", 1);
        assertThat(ml.toString()).contains("<graphml").contains("g.Child#total(g.Shape)").contains("virtual")
                .doesNotContain("g.Child#refs");
        assertThat(List.of(ml.toString())).isNotEmpty();
    }
}
