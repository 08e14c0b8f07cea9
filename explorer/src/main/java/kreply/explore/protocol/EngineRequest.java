package kreply.explore.protocol;

import java.util.List;

/**
 * What the host asks the exploration engine to do, as it crosses the boundary to a kernel loaded
 * in its own class loader (only JSON text crosses it). {@code mode} is {@code search},
 * {@code variants}, {@code replay} or {@code bench} (a variants search over the whole budget,
 * for measurements); {@code config} is the validated configuration as JSON; {@code trace} the
 * trace file's text for a replay and {@code traceSource} its name; {@code targets} the variants a
 * variants search may stop after.
 */
public record EngineRequest(String mode, String config, String kernelLabel, String strategy, long seed, long maxEvents,
                            int depth, int threads, boolean shrink, String trace, String traceSource, List<String> targets) {

    public EngineRequest {
        targets = targets == null ? List.of() : List.copyOf(targets);
    }
}
