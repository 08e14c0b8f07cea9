package kreply.refactor.verify;

import java.util.List;

/**
 * What verification found: whether the result compiles (with the first diagnostics if not), the
 * test counts, the failures that count (regressions and conformance failures), the failures of
 * tests tagged as pinning the legacy form (expected changes), the conformance failures the tree's
 * own manifest expects when no reply recipe ran, and the findings the analyzer still reports that
 * a recipe should have removed (null when re-analysis could not run, with the reason in
 * {@code notes}).
 */
public record VerifyReport(boolean compiled, List<String> compileErrors, long testsRun, long testsFailed,
                           long testsSkipped, long conformanceRun, long conformanceFailed,
                           List<Failure> failures, List<String> legacyFormFailures,
                           List<String> knownConformanceFailures, List<String> remainingFindings, List<String> notes) {
    /** One failing test: its id ({@code Class#name}), whether it is a conformance test, and why. */
    public record Failure(String id, boolean conformance, String why) {
        @Override
        public String toString() {
            return (conformance ? "[reply-conformance] " : "") + id + " " + why;
        }
    }

    public VerifyReport {
        compileErrors = List.copyOf(compileErrors);
        failures = List.copyOf(failures);
        legacyFormFailures = List.copyOf(legacyFormFailures);
        knownConformanceFailures = List.copyOf(knownConformanceFailures);
        remainingFindings = remainingFindings == null ? null : List.copyOf(remainingFindings);
        notes = List.copyOf(notes);
    }

    /**
     * Passed: it compiles, tests ran and none failed (tests tagged as pinning the legacy form are
     * reported but expected to change), and re-analysis (when it ran) left no finding the recipes
     * should have removed.
     */
    public boolean passed() {
        return compiled && testsFailed == 0 && testsRun > 0
                && (remainingFindings == null || remainingFindings.isEmpty());
    }

    /**
     * The verdict as the user reads it. Every failing test that does not carry a legacy-form tag
     * is a regression; the tagged ones are the expected changes of tests that pin the defects.
     */
    public String render() {
        StringBuilder sb = new StringBuilder();
        if (!compiled) {
            sb.append("verify: the result does not compile\n");
            compileErrors.forEach(e -> sb.append("  ").append(e).append('\n'));
        } else {
            sb.append(String.format("verify: compiled; %d tests run, %d skipped%n", testsRun, testsSkipped));
            sb.append(String.format("verify: reply-conformance: %d run, %d failed%n", conformanceRun,
                    conformanceFailed));
            sb.append(String.format("verify: regressions (failing tests not tagged as pinning the legacy form): %d%n",
                    testsFailed));
            failures.stream().limit(50).forEach(f -> sb.append("  REGRESSION ").append(f).append('\n'));
            if (failures.size() > 50) {
                sb.append("  … and ").append(failures.size() - 50).append(" more\n");
            }
            if (!knownConformanceFailures.isEmpty()) {
                sb.append(String.format("verify: known reply-conformance failures (the tree's manifest lists them;"
                        + " no reply recipe ran): %d%n", knownConformanceFailures.size()));
                knownConformanceFailures.forEach(f -> sb.append("  known ").append(f).append('\n'));
            }
            if (!legacyFormFailures.isEmpty()) {
                sb.append(String.format("verify: expected changes of legacy-pinning tests (not regressions): %d%n",
                        legacyFormFailures.size()));
                legacyFormFailures.forEach(f -> sb.append("  changed ").append(f).append('\n'));
            }
        }
        if (remainingFindings != null) {
            sb.append("verify: re-analysis: ").append(remainingFindings.size()).append(" finding(s) the recipes should have removed remain\n");
            remainingFindings.forEach(f -> sb.append("  ").append(f).append('\n'));
        }
        notes.forEach(n -> sb.append("verify: note: ").append(n).append('\n'));
        sb.append("verify: ").append(passed() ? "PASSED" : "FAILED").append('\n');
        return sb.toString();
    }
}
