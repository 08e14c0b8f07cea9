package kreply.refactor.verify;

import java.util.List;

/**
 * What verification found: whether the result compiles (with the first diagnostics if not), the
 * test counts, failures split into reply-conformance tests and other tests, and the findings the
 * analyzer still reports (null when re-analysis could not run, with the reason in {@code notes}).
 */
public record VerifyReport(boolean compiled, List<String> compileErrors, long testsRun, long testsFailed,
                           long testsSkipped, long conformanceRun, long conformanceFailed,
                           List<String> failures, List<String> legacyFormFailures, List<String> remainingFindings,
                           List<String> notes) {
    public VerifyReport {
        compileErrors = List.copyOf(compileErrors);
        failures = List.copyOf(failures);
        legacyFormFailures = List.copyOf(legacyFormFailures);
        remainingFindings = remainingFindings == null ? null : List.copyOf(remainingFindings);
        notes = List.copyOf(notes);
    }

    /**
     * Passed: it compiles, no test fails (tests tagged as pinning the legacy form are reported but
     * expected to change), and re-analysis (when it ran) reports no bug finding.
     */
    public boolean passed() {
        return compiled && testsFailed == 0 && testsRun > 0
                && (remainingFindings == null || remainingFindings.isEmpty());
    }

    public String render() {
        StringBuilder sb = new StringBuilder();
        if (!compiled) {
            sb.append("verify: the result does not compile\n");
            compileErrors.forEach(e -> sb.append("  ").append(e).append('\n'));
        } else {
            sb.append(String.format("verify: compiled; %d tests run, %d failed, %d skipped%n", testsRun, testsFailed,
                    testsSkipped));
            sb.append(String.format("verify: reply-conformance: %d run, %d failed%n", conformanceRun,
                    conformanceFailed));
            failures.forEach(f -> sb.append("  FAILED ").append(f).append('\n'));
            if (!legacyFormFailures.isEmpty()) {
                sb.append(String.format("verify: %d test(s) tagged as pinning the legacy form failed, as a fix makes them:%n",
                        legacyFormFailures.size()));
                legacyFormFailures.forEach(f -> sb.append("  changed ").append(f).append('\n'));
            }
        }
        if (remainingFindings != null) {
            sb.append("verify: re-analysis: ").append(remainingFindings.size()).append(" bug finding(s) remain\n");
            remainingFindings.forEach(f -> sb.append("  ").append(f).append('\n'));
        }
        notes.forEach(n -> sb.append("verify: note: ").append(n).append('\n'));
        sb.append("verify: ").append(passed() ? "PASSED" : "FAILED").append('\n');
        return sb.toString();
    }
}
