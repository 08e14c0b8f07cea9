package kreply.refactor.verify;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The main class of the JVM the verifier starts to run a refactored tree's tests, as surefire
 * would: in the tree's folder (tests may read files relative to it), with the result's classes
 * first on the class path. Runs every test under the given class-path root on the JUnit Platform
 * and writes one line per finished test (and per failed container) to the results file:
 * {@code status TAB tags TAB id TAB reason}, tabs and line breaks in the reason replaced. The
 * tests' own console output goes wherever the parent sent this process's output.
 *
 * <p>Usage: {@code TestProcess <test classes folder> <results file>}; the expected-failure
 * manifest arrives as the system property {@value Verifier#MANIFEST_PROPERTY}.
 */
public final class TestProcess {
    /** Status words of the results file. */
    static final String PASSED = "PASSED";
    static final String FAILED = "FAILED";
    static final String SKIPPED = "SKIPPED";
    /** A failed container (class set-up, discovery): not a test, but nothing under it ran. */
    static final String CONTAINER_FAILED = "CONTAINER_FAILED";

    private TestProcess() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: TestProcess <test classes folder> <results file>");
            System.exit(2);
        }
        Path testClasses = Path.of(args[0]);
        Path results = Path.of(args[1]);
        String manifest = System.getProperty(Verifier.MANIFEST_PROPERTY, "");
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(results, StandardCharsets.UTF_8))) {
            LauncherDiscoveryRequest req = LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClasspathRoots(Set.of(testClasses)))
                    .configurationParameters(Map.of(Verifier.MANIFEST_PROPERTY, manifest))
                    .build();
            LauncherFactory.create().execute(req, new TestExecutionListener() {
                private TestPlan plan;

                @Override
                public void testPlanExecutionStarted(TestPlan testPlan) {
                    plan = testPlan;
                }

                /** A test's tags and those of its containers: dynamic tests and nested classes inherit them. */
                private Set<String> tags(TestIdentifier id) {
                    Set<String> out = new TreeSet<>();
                    for (TestIdentifier x = id; x != null; x = plan == null ? null : plan.getParent(x).orElse(null)) {
                        x.getTags().forEach(t -> out.add(t.getName()));
                    }
                    return out;
                }

                @Override
                public void executionSkipped(TestIdentifier id, String reason) {
                    if (id.isTest()) {
                        line(out, SKIPPED, id, tags(id), reason);
                    }
                }

                @Override
                public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                    boolean ok = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
                    String why = result.getThrowable().map(x -> x.getClass().getSimpleName() + ": "
                            + String.valueOf(x.getMessage()).lines().findFirst().orElse("")).orElse("");
                    if (id.isTest()) {
                        line(out, ok ? PASSED : FAILED, id, tags(id), why);
                    } else if (!ok) {
                        line(out, CONTAINER_FAILED, id, tags(id), why);
                    }
                }
            });
        }
        // Tests may leave non-daemon threads behind; the results are complete, so end here.
        System.exit(0);
    }

    private static synchronized void line(PrintWriter out, String status, TestIdentifier id, Set<String> tags,
                                          String why) {
        out.println(status + "\t" + String.join(",", tags) + "\t" + name(id) + "\t"
                + String.valueOf(why).replaceAll("[\t\r\n]+", " "));
    }

    /** {@code pkg.Class#display name} for a test method, the display name otherwise. */
    private static String name(TestIdentifier id) {
        String n = id.getLegacyReportingName().replaceAll("[\t\r\n]+", " ");
        if (id.getSource().orElse(null) instanceof MethodSource m) {
            return m.getClassName() + "#" + n;
        }
        if (id.getSource().orElse(null) instanceof ClassSource c) {
            return c.getClassName();
        }
        return n;
    }
}
