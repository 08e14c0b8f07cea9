package sel4.conformance;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The comparison of one run of the conformance suite with a manifest: the suite conforms to the
 * manifest when the set of failing tests equals the manifest's set, every manifest entry names a
 * test that ran, and nothing failed outside a test (a class that could not be set up). The text
 * form lists each difference with the test's failure message, so a failing check says exactly
 * which tests failed or passed unexpectedly.
 */
public final class ConformanceReport {
    /** How one conformance test ended. */
    public enum Status { PASSED, FAILED, NOT_RUN }

    /** The end of one test, with its failure message (empty unless FAILED or NOT_RUN). */
    public record Result(Status status, String message) {
    }

    private final ConformanceManifest manifest;
    private final Map<String, Result> results;
    private final List<String> containerProblems;

    public ConformanceReport(ConformanceManifest manifest, Map<String, Result> results, List<String> containerProblems) {
        this.manifest = manifest;
        this.results = Collections.unmodifiableMap(new TreeMap<>(results));
        this.containerProblems = List.copyOf(containerProblems);
    }

    public Map<String, Result> results() {
        return results;
    }

    public Set<String> failed() {
        return withStatus(Status.FAILED);
    }

    public Set<String> passed() {
        return withStatus(Status.PASSED);
    }

    /** Failed, but the manifest does not expect it. */
    public Set<String> unexpectedFailures() {
        Set<String> s = failed();
        s.removeAll(manifest.tests());
        return s;
    }

    /** Expected to fail by the manifest, but passed. */
    public Set<String> unexpectedPasses() {
        Set<String> s = passed();
        s.retainAll(manifest.tests());
        return s;
    }

    /** In the manifest, but no such test ran (renamed, removed, skipped or aborted). */
    public Set<String> expectedButNotRun() {
        Set<String> s = new TreeSet<>(manifest.tests());
        s.removeAll(failed());
        s.removeAll(passed());
        return s;
    }

    /** Tests that were discovered but neither passed nor failed (skipped or aborted). */
    public Set<String> notRun() {
        return withStatus(Status.NOT_RUN);
    }

    /** Errors outside any single test (a test class that could not be instantiated, ...). */
    public List<String> containerProblems() {
        return containerProblems;
    }

    /** True when the failing set equals the manifest and every test ran. */
    public boolean conforms() {
        return !results.isEmpty() && unexpectedFailures().isEmpty() && unexpectedPasses().isEmpty()
                && expectedButNotRun().isEmpty() && notRun().isEmpty() && containerProblems.isEmpty();
    }

    private Set<String> withStatus(Status st) {
        Set<String> s = new TreeSet<>();
        results.forEach((id, r) -> {
            if (r.status() == st) {
                s.add(id);
            }
        });
        return s;
    }

    /** A readable account: a summary line, then each kind of difference. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append("reply conformance: ").append(results.size()).append(" tests, ").append(passed().size())
                .append(" passed, ").append(failed().size()).append(" failed; manifest ").append(manifest.source())
                .append(" expects ").append(manifest.tests().size()).append(" failure(s): ")
                .append(conforms() ? "CONFORMS" : "DIFFERS").append('\n');
        if (results.isEmpty()) {
            sb.append("no conformance test was found on the classpath (package ").append(ReplyConformance.PACKAGE)
                    .append(", tag ").append(ReplyConformance.TAG).append(")\n");
        }
        section(sb, "failed unexpectedly (not in the manifest)", unexpectedFailures(), true);
        section(sb, "passed unexpectedly (the manifest expects a failure: remove the entry)", unexpectedPasses(), false);
        section(sb, "in the manifest but did not run (unknown test?)", expectedButNotRun(), false);
        section(sb, "did not run (skipped or aborted)", notRun(), true);
        if (!containerProblems.isEmpty()) {
            sb.append("errors outside the tests:\n");
            for (String p : containerProblems) {
                sb.append("  ").append(indent(p)).append('\n');
            }
        }
        return sb.toString();
    }

    private void section(StringBuilder sb, String title, Set<String> tests, boolean withMessage) {
        if (tests.isEmpty()) {
            return;
        }
        sb.append(title).append(":\n");
        for (String t : tests) {
            sb.append("  ").append(t);
            ConformanceManifest.Entry e = manifest.entries().get(t);
            if (e != null) {
                sb.append("  [").append(e.function()).append(": ").append(String.join(" ", e.codes())).append(']');
            }
            Result r = results.get(t);
            if (withMessage && r != null && !r.message().isEmpty()) {
                sb.append("\n      ").append(indent(r.message()));
            }
            sb.append('\n');
        }
    }

    private static String indent(String text) {
        List<String> lines = new ArrayList<>(List.of(text.strip().split("\\R")));
        return String.join("\n      ", lines);
    }
}
