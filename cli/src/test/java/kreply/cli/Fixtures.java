package kreply.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import kreply.analyzer.report.AnalysisResult;
import kreply.analyzer.report.Finding;
import kreply.analyzer.report.PathStep;
import kreply.analyzer.report.RuleDescriptor;
import kreply.analyzer.report.Severity;
import kreply.analyzer.report.Suppression;

/** Engine-shaped results for CLI tests (the engine itself is developed in parallel). */
final class Fixtures {
    static final RuleDescriptor REPLY = new RuleDescriptor("reply-protocol", "Reply written outside the C reply protocol",
            Severity.ERROR, List.of("C", "G", "B"), "Data replies must follow the C reply protocol.",
            "docs/reply-protocol.md");

    private Fixtures() {
    }

    static Finding finding(String method, int line, String fingerprint) {
        String file = "src/main/java/" + method.substring(0, method.indexOf('#')).replace('.', '/') + ".java";
        return new Finding("reply-protocol", List.of("C", "G", "B"), Severity.ERROR, method, method + "(long)", file,
                line, "reply written while the current thread is left in Restart",
                List.of(new PathStep("sel4.api.Syscalls#handleSyscall()", "src/main/java/sel4/api/Syscalls.java", 40,
                        null), new PathStep(method + "(long)", file, line, "call")),
                fingerprint, null, null, null);
    }

    static AnalysisResult result(String root, Finding... findings) {
        return result(root, List.of(findings), List.of());
    }

    static AnalysisResult result(String root, List<Finding> findings, List<Suppression> suppressions) {
        return new AnalysisResult("kreply", "0.1.0-SNAPSHOT", root, List.of("rules/packs/reply.yaml"), List.of(REPLY),
                new ArrayList<>(findings), List.of(), suppressions, Map.of("model", 10L, "rules", 2L),
                Map.of("files", 2L));
    }
}
