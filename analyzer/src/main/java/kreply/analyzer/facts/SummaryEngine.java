package kreply.analyzer.facts;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kreply.analyzer.graph.CallEdge;
import kreply.analyzer.model.MethodInfo;
import org.jgrapht.Graph;
import org.jgrapht.Graphs;

/**
 * Computes per-method summaries bottom-up over the strongly connected components of the part of
 * the call graph reachable from the start methods: callees before callers, and inside a recursive
 * component the members are re-walked until their summaries stop changing. Summaries are cached
 * by method id.
 */
final class SummaryEngine {
    static final int MAX_ROUNDS = 8;
    static final int LARGE_SCC = 64;

    private final FactsEnv env;
    private final PathWalker.Mode mode;
    private final Map<String, Summary> summaries = new HashMap<>();
    private int truncated;
    private final java.util.Set<String> truncatedIds = new java.util.TreeSet<>();
    private int sccRounds;

    SummaryEngine(FactsEnv env, PathWalker.Mode mode) {
        this.env = env;
        this.mode = mode;
    }

    Map<String, Summary> compute(Collection<String> starts) {
        Graph<String, CallEdge> g = env.graph().graph();
        Set<String> reach = new LinkedHashSet<>();
        Deque<String> work = new ArrayDeque<>();
        for (String s : starts) {
            if (hasBody(s) && reach.add(s)) {
                work.add(s);
            }
        }
        while (!work.isEmpty()) {
            String v = work.poll();
            for (String n : Graphs.successorListOf(g, v)) {
                if (hasBody(n) && reach.add(n)) {
                    work.add(n);
                }
            }
        }
        List<List<String>> order = Components.bottomUp(reach, v -> {
            List<String> succ = new ArrayList<>();
            for (String n : Graphs.successorListOf(g, v)) {
                if (reach.contains(n)) {
                    succ.add(n);
                }
            }
            return succ;
        });
        for (List<String> scc : order) {
            solve(scc, g);
        }
        return summaries;
    }

    private boolean hasBody(String id) {
        MethodInfo m = env.table().get(id);
        return m != null && m.hasBody();
    }

    private void solve(List<String> scc, Graph<String, CallEdge> g) {
        List<String> members = new ArrayList<>(scc);
        members.sort(null);
        boolean recursive = members.size() > 1 || g.containsEdge(members.get(0), members.get(0));
        if (!recursive) {
            walk(members.get(0));
            return;
        }
        // least fixpoint: start from "no path returns" and let the base cases grow the summaries
        for (String m : members) {
            summaries.put(m, new Summary(List.of(), false));
        }
        // very large components (generated or tangled code) get fewer rounds: bounded time over precision
        int rounds = members.size() > LARGE_SCC ? 2 : MAX_ROUNDS;
        for (int round = 0; round < rounds; round++) {
            sccRounds++;
            boolean changed = false;
            for (String m : members) {
                Summary old = summaries.get(m);
                Summary now = walk(m);
                if (!now.equals(old)) {
                    changed = true;
                }
            }
            if (!changed) {
                return;
            }
        }
    }

    private Summary walk(String id) {
        Summary s = new PathWalker(env, mode, env.table().get(id), summaries::get).run();
        if (s.truncated()) {
            truncated++;
            truncatedIds.add(id);
        }
        summaries.put(id, s);
        return s;
    }

    int truncatedCount() {
        return truncatedIds.size();
    }

    java.util.Set<String> truncatedIds() {
        return truncatedIds;
    }

    int sccRounds() {
        return sccRounds;
    }
}
