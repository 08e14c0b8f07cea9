package kreply.cli.bench;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The result of one tool on one code base: wall time, the tool's own phase breakdown when it has
 * one, the peak heap it used, and a one-line note on what it produced (findings, violations,
 * compiler errors), which shows that the tool really did the work being timed.
 */
record Measurement(long wallMillis, Map<String, Long> phases, long peakHeapBytes, String note) {
    Measurement {
        phases = new LinkedHashMap<>(phases);
    }
}
