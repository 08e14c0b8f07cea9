package kreply.refactor.verify;

import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;


import kreply.refactor.RefactorException;
import kreply.refactor.write.TreeCopy;

/**
 * Verifies a refactored tree without Maven: compiles its main sources and its test sources with
 * the JDK's compiler, then runs the tests on the JUnit Platform in a JVM of their own
 * ({@link TestProcess}), started in the tree's folder with the result's classes first on the class
 * path — the way surefire runs them, so tests that read files next to the module or leave state
 * behind behave as in the build, and nothing of kreply's own class path stands in for the result.
 * The reply-conformance suite (JUnit tag {@code reply-conformance}) runs with an empty
 * expected-failure manifest, named by the system property {@code kreply.conformance.manifest},
 * so every conformance test must pass. A nested {@code mvn} on a copy is avoided on purpose: the
 * copy has no parent pom.
 */
public final class Verifier {
    public static final String CONFORMANCE_TAG = "reply-conformance";
    public static final String MANIFEST_PROPERTY = "kreply.conformance.manifest";
    /** The expected-failure manifest of a kernel that must pass every conformance test (docs/reply-conformance.md). */
    static final String EMPTY_MANIFEST = "expected-failures: []\n";
    /** A test run that takes longer than this is stopped and reported: a refactoring may make a test loop. */
    private static final Duration TEST_TIMEOUT = Duration.ofMinutes(30);

    /**
     * How to run a tree's tests.
     *
     * @param workDir        the folder the tests run in (the tree on disk: tests read files next to it)
     * @param legacyFormTags tags of tests that pin the legacy behaviour a recipe fixes: their
     *                       failures are listed apart as expected changes and do not fail verification
     * @param manifest       the expected-failure manifest the conformance suite runs with; null: the
     *                       empty manifest (every conformance test must pass)
     * @param knownConformanceFailures ids ({@code TestClass#method}) of conformance tests that
     *                       {@code manifest} expects to fail: listed apart, not as failures
     */
    public record Options(Path workDir, Set<String> legacyFormTags, Path manifest, Set<String> knownConformanceFailures) {
        public Options {
            legacyFormTags = Set.copyOf(legacyFormTags);
            knownConformanceFailures = Set.copyOf(knownConformanceFailures);
        }

        /** Run in {@code workDir} with the empty manifest and no legacy-form tags. */
        public static Options in(Path workDir) {
            return new Options(workDir, Set.of(), null, Set.of());
        }
    }

    /** Verifies the tree whose main sources are {@code mainDir} and tests {@code testDir}. */
    public VerifyReport verify(Path mainDir, Path testDir, List<Path> resourceDirs, Options options) {
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
                return new VerifyReport(false, errors, 0, 0, 0, 0, 0, List.of(), List.of(), List.of(), null, List.of());
            }
            for (Path r : resourceDirs) {
                if (Files.isDirectory(r)) {
                    TreeCopy.copy(r, testOut);
                }
            }
            Path manifest = options.manifest();
            if (manifest == null) {
                manifest = work.resolve("empty-manifest.yaml");
                Files.writeString(manifest, EMPTY_MANIFEST);
            }
            return run(mainOut, testOut, manifest, options, work);
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

    /**
     * Jars (or folders) holding the test frameworks and libraries the tree's tests link against,
     * and {@link TestProcess}: found from classes kreply itself links against (all one jar when
     * kreply runs from its shaded jar). Optional libraries missing here are simply not offered.
     */
    static List<String> frameworkClassPath() {
        Set<String> out = new LinkedHashSet<>();
        for (String name : List.of("org.junit.jupiter.api.Test", "org.junit.jupiter.params.ParameterizedTest",
                "org.junit.jupiter.engine.JupiterTestEngine", "org.junit.platform.launcher.Launcher",
                "org.junit.platform.engine.TestEngine", "org.junit.platform.commons.util.ReflectionUtils",
                "org.opentest4j.AssertionFailedError", "org.apiguardian.api.API", "org.assertj.core.api.Assertions",
                "net.bytebuddy.ByteBuddy", "net.jqwik.api.Property", "net.jqwik.engine.JqwikTestEngine",
                "com.fasterxml.jackson.databind.ObjectMapper", "com.fasterxml.jackson.core.JsonFactory",
                "com.fasterxml.jackson.annotation.JsonProperty", "com.fasterxml.jackson.dataformat.yaml.YAMLFactory",
                "org.yaml.snakeyaml.Yaml", TestProcess.class.getName())) {
            Class<?> c;
            try {
                c = Class.forName(name, false, Verifier.class.getClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                continue;
            }
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

    /** Runs the compiled tests in their own JVM, in {@code workDir}, and reads back the results. */
    private VerifyReport run(Path mainOut, Path testOut, Path manifest, Options options, Path scratch)
            throws IOException {
        List<String> cp = new ArrayList<>();
        cp.add(testOut.toString());
        cp.add(mainOut.toString());
        cp.addAll(frameworkClassPath());
        Path results = scratch.resolve("results.tsv");
        Path log = scratch.resolve("tests.log");
        // jqwik keeps its failure database in the working folder by default: the tests run in the
        // user's tree, so it goes to the scratch folder instead of leaving a file behind there.
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", String.join(File.pathSeparator, cp), "-D" + MANIFEST_PROPERTY + "=" + manifest,
                "-Djqwik.database=" + scratch.resolve("jqwik-database"),
                TestProcess.class.getName(), testOut.toString(), results.toString());
        Process p = new ProcessBuilder(cmd).directory(options.workDir().toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean finished;
        try {
            finished = p.waitFor(TEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finished = false;
        }
        if (!finished) {
            p.destroyForcibly();
            throw new RefactorException("the tests did not finish within " + TEST_TIMEOUT.toMinutes() + " minutes");
        }
        if (p.exitValue() != 0 || !Files.isRegularFile(results)) {
            List<String> tail = Files.isRegularFile(log) ? Files.readAllLines(log) : List.of();
            String last = tail.stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElse("no output");
            throw new RefactorException("the test process failed (exit " + p.exitValue() + "): " + last.strip());
        }
        return report(Files.readAllLines(results), options);
    }

    /** Counts the results file ({@link TestProcess}'s lines) into a report. */
    static VerifyReport report(List<String> lines, Options options) {
        long run = 0;
        long failed = 0;
        long skipped = 0;
        long confRun = 0;
        long confFailed = 0;
        List<VerifyReport.Failure> failures = new ArrayList<>();
        List<String> legacy = new ArrayList<>();
        List<String> known = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.split("\t", 4);
            if (f.length < 4) {
                continue;
            }
            Set<String> tags = f[1].isEmpty() ? Set.of() : Set.of(f[1].split(","));
            boolean conformance = tags.contains(CONFORMANCE_TAG);
            boolean pinsLegacy = !conformance && tags.stream().anyMatch(options.legacyFormTags()::contains);
            boolean expected = conformance && options.knownConformanceFailures().contains(shortId(f[2]));
            switch (f[0]) {
                case TestProcess.SKIPPED -> skipped++;
                case TestProcess.PASSED -> {
                    run++;
                    confRun += conformance ? 1 : 0;
                }
                case TestProcess.FAILED, TestProcess.CONTAINER_FAILED -> {
                    boolean test = f[0].equals(TestProcess.FAILED);
                    run += test ? 1 : 0;
                    confRun += test && conformance ? 1 : 0;
                    if (pinsLegacy) {
                        legacy.add(f[2]);
                    } else if (expected) {
                        known.add(f[2]);
                    } else {
                        failed++;
                        confFailed += conformance ? 1 : 0;
                        failures.add(new VerifyReport.Failure(f[2], conformance, f[3]));
                    }
                }
                default -> {
                    // an unknown status word: ignore the line rather than guess
                }
            }
        }
        List<String> notes = new ArrayList<>();
        if (confRun == 0) {
            notes.add("no test tagged " + CONFORMANCE_TAG + " was found; only the other tests verified the result");
        }
        return new VerifyReport(true, List.of(), run, failed, skipped, confRun, confFailed, failures, legacy, known,
                null, notes);
    }

    /** {@code pkg.Outer$Class#method()} as the manifest names it: {@code Class#method}. */
    static String shortId(String id) {
        int hash = id.indexOf('#');
        if (hash < 0) {
            return id;
        }
        String cls = id.substring(0, hash);
        cls = cls.substring(Math.max(cls.lastIndexOf('.'), cls.lastIndexOf('$')) + 1);
        String method = id.substring(hash + 1);
        int paren = method.indexOf('(');
        return cls + "#" + (paren < 0 ? method : method.substring(0, paren));
    }
}
