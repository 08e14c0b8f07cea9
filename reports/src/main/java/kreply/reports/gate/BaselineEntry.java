package kreply.reports.gate;

import java.util.List;

/**
 * One accepted finding in a baseline file. Only {@code fingerprint} takes part in matching (it
 * hashes rule, method and normalised code, so it survives line shifts); the other fields are kept so
 * that a human reading the file, or a stale-entry report, can tell what was accepted.
 */
public record BaselineEntry(String fingerprint, String ruleId, String method, List<String> kinds, String file) {
    public BaselineEntry {
        kinds = kinds == null ? List.of() : List.copyOf(kinds);
    }
}
