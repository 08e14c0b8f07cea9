package kreply.explore.trace;

import java.util.List;
import kreply.explore.config.SystemConfig;

/**
 * A replayable scenario: the configured system it runs on (embedded, so the file is
 * self-contained), the events, and the violation it ended in when it was recorded (null for a
 * clean trace). {@code kernel} says which kernel it was found on; {@code seed} and
 * {@code strategy} how.
 */
public record Trace(SystemConfig config, String kernel, String strategy, long seed, List<TraceEvent> events,
                    TraceViolation violation) {

    public Trace {
        events = List.copyOf(events);
    }
}
