package kreply.analyzer.graph;

import java.io.Writer;
import java.util.List;
import java.util.Set;

/**
 * The interprocedural call graph: vertices are stable method ids ({@code pkg.Class#name(T1,T2)}),
 * edges record why they exist (call, virtual, constructor, super, method-ref, lambda). Backed by
 * JGraphT.
 */
public interface CallGraph {
    Set<String> methods();

    Set<String> callees(String methodId);

    Set<String> callers(String methodId);

    /** Edge kinds between two methods (several reasons can justify one edge). */
    Set<String> edgeKinds(String from, String to);

    /** Shortest path (entry first) from any of the entries to the target, or empty if unreachable. */
    List<String> shortestPath(Set<String> entries, String target);

    /** Ids whose {@code pkg.Class#name} or simple name matches the given text. */
    List<String> resolve(String methodNameOrId);

    /** Writes the whole graph, or the neighbourhood of {@code focus} up to {@code depth} edges, as DOT. */
    void writeDot(Writer out, String focus, int depth);

    /** Same as {@link #writeDot} but GraphML. */
    void writeGraphML(Writer out, String focus, int depth);
}
