package kreply.analyzer.graph;

import java.util.Set;
import java.util.TreeSet;

/** A call-graph edge: the reasons (edge kinds) a caller may reach a callee. */
public final class CallEdge {
    private final Set<String> kinds = new TreeSet<>();

    void add(String kind) {
        kinds.add(kind);
    }

    public Set<String> kinds() {
        return java.util.Collections.unmodifiableSet(kinds);
    }

    @Override
    public String toString() {
        return String.join(",", kinds);
    }
}
