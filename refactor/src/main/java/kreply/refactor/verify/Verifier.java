package kreply.refactor.verify;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import kreply.refactor.RefactorException;
import kreply.refactor.write.TreeCopy;

/**
 * Verifies a refactored tree without Maven: compiles its main sources and its test sources with
 * the JDK's compiler, then runs the tests in this JVM on the JUnit Platform (launcher API) from a
 * child-first class loader. The reply-conformance suite (JUnit tag {@code reply-conformance}) runs
 * with an empty expected-failure manifest, passed as the system property
 * {@code kreply.conformance.manifest}, so every conformance test must pass. A nested {@code mvn}
 * on a copy is avoided on purpose: the copy has no parent pom.
 */
public final class Verifier {
    public static final String CONFORMANCE_TAG = "reply-conformance";
    public static final String MANIFEST_PROPERTY = "kreply.conformance.manifest";

    /** Verifies the tree whose main sources are {@code mainDir} and tests {@code testDir}. */
    public VerifyReport verify(Path mainDir, Path testDir, List<Path> resourceDirs) {
        return verify(mainDir, testDir, resourceDirs, Set.of());
    }

    /**
     * As {@link #verify(Path, Path, List)}; failures of tests carrying one of {@code legacyFormTags}
     * (tests that pin the legacy behaviour a recipe fixes) are listed apart and do not fail.
     */
    public VerifyReport verify(Path mainDir, Path testDir, List<Path> resourceDirs, Set<String> legacyFormTags) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new RefactorException("--verify needs a JDK (no Java compiler in this runtime)");
        }
        Path work;
        try {
            work = Files.createTempDirectory("kreply-verify");
        } catch (IOException e) {
            throw new RefactorException("cannot create a folder for verification: " + e.getMessage());
        }
        try {
            Path mainOut = work.resolve("main");
            Path testOut = work.resolve("test");
            Files.createDirectories(mainOut);
            Files.createDirectories(testOut);
            List<String> errors = compile(javac, mainDir, mainOut, List.of());
            if (errors.isEmpty() && Files.isDirectory(testDir)) {
                errors = compile(javac, testDir, testOut, List.of(mainOut));
            }
            if (!errors.isEmpty()) {
                return new VerifyReport(false, errors, 0, 0, 0, 0, 0, List.of(), List.of(), null, List.of());
            }
            for (Path r : resourceDirs) {
                if (Files.isDirectory(r)) {
                    TreeCopy.copy(r, testOut);
                }
            }
            Path manifest = work.resolve("empty-manifest.txt");
            Files.writeString(manifest, "");
            return run(mainOut, testOut, manifest, legacyFormTags);
        } catch (IOException e) {
            throw new RefactorException("verification failed to prepare its files: " + e.getMessage());
        } finally {
            try {
                TreeCopy.deleteTree(work);
            } catch (IOException ignored) {
                // temporary folder; the OS cleans it eventually
            }
        }
    }

    /** Compiles a source tree into a scratch folder; returns the first errors (empty: it compiles). */
    public List<String> compileErrors(Path srcDir) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new RefactorException("--verify needs a JDK (no Java compiler in this runtime)");
        }
        Path out = null;
        try {
            out = Files.createTempDirectory("kreply-compile");
            return compile(javac, srcDir, out, List.of());
        } catch (IOException e) {
            throw new RefactorException("cannot compile " + srcDir + ": " + e.getMessage());
        } finally {
            try {
                if (out != null) {
                    TreeCopy.deleteTree(out);
                }
            } catch (IOException ignored) {
                // scratch folder
            }
        }
    }

    private List<String> compile(JavaCompiler javac, Path srcDir, Path out, List<Path> extraCp) throws IOException {
        List<File> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(srcDir)) {
            s.filter(p -> p.toString().endsWith(".java")).forEach(p -> files.add(p.toFile()));
        }
        if (files.isEmpty()) {
            return List.of();
        }
        List<String> cp = new ArrayList<>();
        extraCp.forEach(p -> cp.add(p.toString()));
        cp.addAll(frameworkClassPath());
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diags, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> opts = List.of("-d", out.toString(), "-cp", String.join(File.pathSeparator, cp),
                    "--release", "17", "-proc:none", "-nowarn", "-encoding", "UTF-8", "-Xlint:none");
            StringWriter sink = new StringWriter();
            boolean ok = javac.getTask(sink, fm, diags, opts, null, fm.getJavaFileObjectsFromFiles(files)).call();
            if (ok) {
                return List.of();
            }
        }
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR && errors.size() < 20) {
                String src = d.getSource() == null ? "" : srcDir.relativize(Path.of(d.getSource().toUri())) + ":"
                        + d.getLineNumber() + ": ";
                errors.add(src + String.join(" ", d.getMessage(Locale.ROOT).lines().limit(2).map(String::strip).toList()));
            }
        }
        if (errors.isEmpty()) {
            errors.add("compilation failed");
        }
        return errors;
    }

    /** Jars (or folders) holding the test frameworks, found from classes this module links against. */
    static List<String> frameworkClassPath() {
        Set<String> out = new LinkedHashSet<>();
        for (Class<?> c : new Class<?>[] {org.junit.jupiter.api.Test.class, org.junit.jupiter.params.ParameterizedTest.class,
                org.assertj.core.api.Assertions.class, net.jqwik.api.Property.class, org.opentest4j.AssertionFailedError.class,
                org.apiguardian.api.API.class, org.junit.platform.commons.util.ReflectionUtils.class}) {
            var src = c.getProtectionDomain().getCodeSource();
            if (src != null) {
                try {
                    out.add(Path.of(src.getLocation().toURI()).toString());
                } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                    // not a file location; javac will report the missing classes
                }
            }
        }
        return new ArrayList<>(out);
    }

    private static final java.io.PrintStream QUIET = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());

    private VerifyReport run(Path mainOut, Path testOut, Path manifest, Set<String> legacyTags) throws IOException {
        java.io.PrintStream stdout = System.out;
        java.io.PrintStream stderr = System.err;
        Thread t = Thread.currentThread();
        ClassLoader before = t.getContextClassLoader();
        String oldManifest = System.getProperty(MANIFEST_PROPERTY);
        AtomicLong run = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong skipped = new AtomicLong();
        AtomicLong confRun = new AtomicLong();
        AtomicLong confFailed = new AtomicLong();
        List<VerifyReport.Failure> failures = new ArrayList<>();
        List<String> legacy = new ArrayList<>();
        try (ChildFirstLoader loader = new ChildFirstLoader(new URL[] {testOut.toUri().toURL(), mainOut.toUri().toURL()},
                Verifier.class.getClassLoader())) {
            t.setContextClassLoader(loader);
            System.setProperty(MANIFEST_PROPERTY, manifest.toString());
            // The tests' own console output (jqwik reports, prints) would bury the verdict: keep it
            // out of kreply's output for the duration of the run.
            System.setOut(QUIET);
            System.setErr(QUIET);
            LauncherDiscoveryRequest req = LauncherDiscoveryRequestBuilder.request()
                    .selectors(DiscoverySelectors.selectClasspathRoots(Set.of(testOut)))
                    .configurationParameters(Map.of(MANIFEST_PROPERTY, manifest.toString()))
                    .build();
            Launcher launcher = LauncherFactory.create();
            launcher.execute(req, new TestExecutionListener() {
                @Override
                public void executionSkipped(TestIdentifier id, String reason) {
                    if (id.isTest()) {
                        skipped.incrementAndGet();
                    }
                }

                @Override
                public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                    boolean conformance = id.getTags().stream().anyMatch(g -> g.getName().equals(CONFORMANCE_TAG));
                    boolean bad = result.getStatus() != TestExecutionResult.Status.SUCCESSFUL;
                    if (id.isTest()) {
                        run.incrementAndGet();
                        if (conformance) {
                            confRun.incrementAndGet();
                        }
                    }
                    boolean pinsLegacy = id.getTags().stream().anyMatch(g -> legacyTags.contains(g.getName()));
                    if (bad && pinsLegacy && !conformance) {
                        synchronized (failures) {
                            legacy.add(source(id) + "#" + id.getLegacyReportingName());
                        }
                        return;
                    }
                    if (bad && (id.isTest() || result.getThrowable().isPresent())) {
                        failed.incrementAndGet();
                        if (conformance) {
                            confFailed.incrementAndGet();
                        }
                        String why = result.getThrowable().map(x -> x.getClass().getSimpleName() + ": "
                                + String.valueOf(x.getMessage()).lines().findFirst().orElse("")).orElse("");
                        synchronized (failures) {
                            failures.add(new VerifyReport.Failure(source(id) + "#" + id.getLegacyReportingName(),
                                    conformance, why));
                        }
                    }
                }
            });
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
            t.setContextClassLoader(before);
            if (oldManifest == null) {
                System.clearProperty(MANIFEST_PROPERTY);
            } else {
                System.setProperty(MANIFEST_PROPERTY, oldManifest);
            }
        }
        List<String> notes = new ArrayList<>();
        if (confRun.get() == 0) {
            notes.add("no test tagged " + CONFORMANCE_TAG + " was found; only the other tests verified the result");
        }
        return new VerifyReport(true, List.of(), run.get(), failed.get(), skipped.get(), confRun.get(),
                confFailed.get(), failures, legacy, null, notes);
    }

    private static String source(TestIdentifier id) {
        return id.getSource().filter(x -> x instanceof org.junit.platform.engine.support.descriptor.MethodSource)
                .map(x -> ((org.junit.platform.engine.support.descriptor.MethodSource) x).getClassName())
                .orElse("?");
    }
}
