package kreply.analyzer.facts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Strongly connected components of a directed graph given by successor lists, in bottom-up order:
 * every component comes after all components it reaches (callees before callers). Tarjan's
 * algorithm, iterative so deep call chains cannot overflow the stack. The summaries need only this
 * order; building JGraphT's condensation graph of a subgraph view for it cost more than the
 * summaries of small programs.
 */
final class Components {
    private Components() {
    }

    /** The components of the graph on {@code vertices}, each a list of its members, bottom-up. */
    static List<List<String>> bottomUp(Collection<String> vertices, Function<String, List<String>> successors) {
        Map<String, int[]> state = new HashMap<>(); // vertex -> {index, lowlink, onStack 0/1}
        Deque<String> stack = new ArrayDeque<>();
        List<List<String>> out = new ArrayList<>();
        int next = 0;
        for (String root : vertices) {
            if (state.containsKey(root)) {
                continue;
            }
            Deque<Frame> calls = new ArrayDeque<>();
            state.put(root, new int[] {next, next, 1});
            next++;
            stack.push(root);
            calls.push(new Frame(root, successors.apply(root)));
            while (!calls.isEmpty()) {
                Frame f = calls.peek();
                if (f.pos < f.succ.size()) {
                    String w = f.succ.get(f.pos++);
                    int[] ws = state.get(w);
                    if (ws == null) {
                        state.put(w, new int[] {next, next, 1});
                        next++;
                        stack.push(w);
                        calls.push(new Frame(w, successors.apply(w)));
                    } else if (ws[2] == 1) {
                        int[] vs = state.get(f.v);
                        vs[1] = Math.min(vs[1], ws[0]);
                    }
                    continue;
                }
                calls.pop();
                int[] vs = state.get(f.v);
                if (vs[1] == vs[0]) {
                    List<String> comp = new ArrayList<>();
                    String w;
                    do {
                        w = stack.pop();
                        state.get(w)[2] = 0;
                        comp.add(w);
                    } while (!w.equals(f.v));
                    out.add(comp);
                }
                if (!calls.isEmpty()) {
                    int[] ps = state.get(calls.peek().v);
                    ps[1] = Math.min(ps[1], vs[1]);
                }
            }
        }
        return out;
    }

    private static final class Frame {
        final String v;
        final List<String> succ;
        int pos;

        Frame(String v, List<String> succ) {
            this.v = v;
            this.succ = succ;
        }
    }
}
