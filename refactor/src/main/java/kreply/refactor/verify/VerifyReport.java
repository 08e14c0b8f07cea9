package kreply.refactor.verify;

import java.util.List;

/**
 * What verification found: whether the result compiles (with the first diagnostics if not), the
 * test counts, failures split into reply-conformance tests and other tests, and the findings the
 * analyzer still reports (null when re-analysis could not run, with the reason in {@code notes}).
 */
public record VerifyReport(boolean compiled, List<String> compileErrors, long testsRun, long testsFailed,
                           long testsSkipped, long conformanceRun, long conformanceFailed,
                           List<Failure> failures, List<String> legacyFormFailures, List<String> remainingFindings,
                           List<String> notes) {
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

    /**
     * Regressions only: a non-conformance test that also fails on the unchanged tree is not one
     * (it is reported in the notes). Conformance tests must pass on the result whatever the
     * original did — failing there is what the fix is for.
     */
    public VerifyReport againstOriginal(VerifyReport original) {
        java.util.Set<String> before = new java.util.HashSet<>();
        original.failures().forEach(f -> before.add(f.id()));
        List<Failure> regressions = new java.util.ArrayList<>();
        List<String> n = new java.util.ArrayList<>(notes);
        int preexisting = 0;
        for (Failure f : failures) {
            if (!f.conformance() && before.contains(f.id())) {
                preexisting++;
                n.add("also failing on the unchanged tree (not a regression): " + f.id());
            } else {
                regressions.add(f);
            }
        }
        return new VerifyReport(compiled, compileErrors, testsRun, testsFailed - preexisting, testsSkipped,
                conformanceRun, conformanceFailed, regressions, legacyFormFailures, remainingFindings, n);
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
            failures.stream().limit(50).forEach(f -> sb.append("  FAILED ").append(f).append('\n'));
            if (failures.size() > 50) {
                sb.append("  … and ").append(failures.size() - 50).append(" more\n");
            }
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
