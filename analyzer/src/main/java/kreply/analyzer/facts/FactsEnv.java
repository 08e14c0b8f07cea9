package kreply.analyzer.facts;

import kreply.analyzer.graph.JGraphTCallGraph;
import kreply.analyzer.model.MethodTable;
import kreply.analyzer.pack.RulePack;

/** Everything the fact computations share: model table, call graph, pack, primitives and data flow. */
public record FactsEnv(MethodTable table, JGraphTCallGraph graph, RulePack pack, Primitives prims, DataFlow flow) {
    public static FactsEnv of(MethodTable table, JGraphTCallGraph graph, RulePack pack) {
        Primitives p = new Primitives(pack);
        return new FactsEnv(table, graph, pack, p, new DataFlow(table, graph, pack, p));
    }

    /** A method the pack names as a reply root (and that is not allowlisted). */
    public boolean isRoot(String methodId) {
        String n = kreply.analyzer.model.MethodIds.simpleName(methodId);
        return pack.rootSpec(n).isPresent() && !pack.isAllowlisted(n);
    }

    public boolean isAllowlisted(String methodId) {
        return pack.isAllowlisted(kreply.analyzer.model.MethodIds.simpleName(methodId));
    }
}
