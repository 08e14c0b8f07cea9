package sel4.conformance;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the reply-conformance suite — every test tagged {@value ReplyConformance#TAG} in package
 * {@value ReplyConformance#PACKAGE} on the classpath — through the JUnit Platform Launcher and
 * compares the failing tests with an expected-failure manifest. This is the entry point the
 * refactoring tool uses on a refactored kernel (with an empty manifest); the ordinary test
 * {@link ReplyConformanceManifestTest} uses it on the legacy kernel.
 *
 * <pre>
 * java -cp &lt;kernel classes&gt;:&lt;kernel-src test classes&gt;:&lt;test dependencies&gt; \
 *     sel4.conformance.ConformanceRunner [--manifest &lt;file&gt; | --manifest none]
 * </pre>
 * Without {@code --manifest} the system property {@value ReplyConformance#MANIFEST_PROPERTY} is
 * used, else {@value ReplyConformance#DEFAULT_MANIFEST} in the working directory. Exit codes: 0
 * the failing set equals the manifest, 1 it differs (the differences are printed), 2 usage or
 * manifest error (one line on stderr).
 */
public final class ConformanceRunner {
    static final String USAGE = "usage: ConformanceRunner [--manifest <file>|none]";

    private ConformanceRunner() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command line: returns the exit code instead of exiting. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, List.of(selectPackage(ReplyConformance.PACKAGE)));
    }

    /** The command line over the tagged tests among {@code selectors}. */
    static int run(String[] args, PrintStream out, PrintStream err, List<? extends DiscoverySelector> selectors) {
        String manifestArg = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--manifest" -> {
                    if (i + 1 >= args.length || manifestArg != null) {
                        err.println(USAGE);
                        return 2;
                    }
                    manifestArg = args[++i];
                }
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    err.println("unknown argument '" + args[i] + "'; " + USAGE);
                    return 2;
                }
            }
        }
        ConformanceManifest manifest;
        try {
            manifest = ConformanceManifest.load(manifestArg != null ? manifestArg : defaultManifest());
        } catch (ConformanceManifest.ManifestException e) {
            err.println(e.getMessage());
            return 2;
        }
        ConformanceReport report = execute(manifest, selectors);
        out.print(report.format());
        return report.conforms() ? 0 : 1;
    }

    /** The manifest the property names, or the module's default manifest. */
    static String defaultManifest() {
        String p = System.getProperty(ReplyConformance.MANIFEST_PROPERTY);
        return p != null && !p.isBlank() ? p.trim() : ReplyConformance.DEFAULT_MANIFEST;
    }

    /** Runs the whole tagged suite and compares it with {@code manifest}. */
    public static ConformanceReport execute(ConformanceManifest manifest) {
        return execute(manifest, List.of(selectPackage(ReplyConformance.PACKAGE)));
    }

    /** Runs the tagged tests among {@code selectors} and compares them with {@code manifest}. */
    static ConformanceReport execute(ConformanceManifest manifest, List<? extends DiscoverySelector> selectors) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors)
                .filters(TagFilter.includeTags(ReplyConformance.TAG), EngineFilter.includeEngines("junit-jupiter"))
                .build();
        // An isolated launcher: no listeners or session hooks from the surrounding run (surefire).
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .build());
        Recorder recorder = new Recorder();
        launcher.execute(request, recorder);
        return new ConformanceReport(manifest, recorder.results, recorder.containerProblems);
    }

    /** The manifest id of a test: {@code TestClassSimpleName#method}. */
    static String testId(TestIdentifier id) {
        if (id.getSource().orElse(null) instanceof MethodSource m) {
            String cls = m.getClassName();
            return cls.substring(cls.lastIndexOf('.') + 1).replace('$', '.') + "#" + m.getMethodName();
        }
        return id.getUniqueId();
    }

    private static String where(TestIdentifier id) {
        if (id.getSource().orElse(null) instanceof ClassSource c) {
            return c.getClassName();
        }
        return id.getDisplayName();
    }

    /** Collects the end of every test and every container-level error. */
    private static final class Recorder implements TestExecutionListener {
        final Map<String, ConformanceReport.Result> results = new LinkedHashMap<>();
        final List<String> containerProblems = new ArrayList<>();

        @Override
        public void executionSkipped(TestIdentifier id, String reason) {
            if (id.isTest()) {
                results.put(testId(id), new ConformanceReport.Result(ConformanceReport.Status.NOT_RUN, "skipped: " + reason));
            } else {
                containerProblems.add(where(id) + " skipped: " + reason);
            }
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            String message = result.getThrowable().map(ConformanceRunner::describe).orElse("");
            if (id.isTest()) {
                ConformanceReport.Status status = switch (result.getStatus()) {
                    case SUCCESSFUL -> ConformanceReport.Status.PASSED;
                    case FAILED -> ConformanceReport.Status.FAILED;
                    case ABORTED -> ConformanceReport.Status.NOT_RUN;
                };
                results.put(testId(id), new ConformanceReport.Result(status, message));
            } else if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                containerProblems.add(where(id) + " " + result.getStatus() + ": " + message);
            }
        }
    }

    /** A failure as text: the exception type unless it is an assertion, and its message. */
    static String describe(Throwable t) {
        String msg = t.getMessage() == null ? "" : t.getMessage().strip();
        boolean assertion = t instanceof AssertionError;
        return assertion ? msg : t.getClass().getName() + (msg.isEmpty() ? "" : ": " + msg);
    }
}
