package kreply.explore.protocol;

import java.util.List;

/**
 * A violation found by a search, with its minimal trace: the printed steps, the trace file text,
 * how long the scenario was when found, where it was found (random trial, numbered from 1, or
 * exhaustive depth) and how many replays shrinking took.
 */
public record FindingReport(ViolationReport violation, List<StepReport> steps, String traceJson, int foundLength,
                            long foundAt, int shrinkReplays) {

    public FindingReport {
        steps = List.copyOf(steps);
    }
}
