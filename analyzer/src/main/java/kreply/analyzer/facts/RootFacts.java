package kreply.analyzer.facts;

import java.util.List;
import kreply.analyzer.model.MethodInfo;
import kreply.analyzer.pack.RootSpec;

/**
 * The facts of one reply root, resolved for the rules: its paths (buffers resolved through the
 * callers, parameter guards that are call flags turned into {@code CALL}, infeasible paths
 * dropped), its root specification and whether it is a perform-stage function.
 */
public record RootFacts(MethodInfo method, RootSpec spec, List<Path> paths) {
    public RootFacts {
        paths = List.copyOf(paths);
    }

    public boolean perform() {
        return spec.perform();
    }
}
