package kreply.analyzer.graph;

/** One resolved callee of a call site and the edge kind that justifies it. */
public record Target(String id, String kind) {
}
