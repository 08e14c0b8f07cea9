package kreply.analyzer.report;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One reported defect. {@code method} is {@code pkg.Class#name}; {@code methodId} is the full
 * call-graph id with parameter types; {@code file} is relative to the analysed root with forward
 * slashes; {@code witness} is the shortest call path from an entry point to the method (entry
 * first, the flagged method last). {@code fingerprint} is stable under line shifts: it hashes the
 * rule, the method and the method's normalised code.
 */
public record Finding(String ruleId, List<String> kinds, Severity severity, String method, String methodId,
                      String file, int line, String message, List<PathStep> witness, String fingerprint,
                      FixSuggestion fix, FindingStatus status, String suppressionReason) {
    public Finding {
        kinds = List.copyOf(kinds);
        witness = List.copyOf(witness);
        if (status == null) {
            status = FindingStatus.NEW;
        }
    }

    /** The witness as method ids (the JSON {@code callPath}). */
    public List<String> callPath() {
        return witness.stream().map(PathStep::methodId).collect(Collectors.toList());
    }

    public Finding withStatus(FindingStatus s, String reason) {
        return new Finding(ruleId, kinds, severity, method, methodId, file, line, message, witness, fingerprint, fix,
                s, reason);
    }

    public Finding withFix(FixSuggestion f) {
        return new Finding(ruleId, kinds, severity, method, methodId, file, line, message, witness, fingerprint, f,
                status, suppressionReason);
    }
}
