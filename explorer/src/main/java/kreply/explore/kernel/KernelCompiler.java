package kreply.explore.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;

/**
 * Compiles a kernel source tree with the platform compiler ({@code javax.tools}) into a temporary
 * folder, with an empty class path, so nothing of the bundled kernel leaks into the result. A
 * compile error is reported as one line: the first error's file, line and message.
 */
public final class KernelCompiler {
    private KernelCompiler() {
    }

    /** Compiles every {@code .java} file under {@code sourceRoot}; returns the class folder. */
    public static Path compile(Path sourceRoot, String what) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new KernelLoadException(what + ": compiling a kernel needs a JDK, and this Java runtime has no compiler");
        }
        List<Path> sources;
        try (Stream<Path> walk = Files.walk(sourceRoot)) {
            sources = walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new KernelLoadException(what + ": cannot read the kernel sources: " + e.getMessage());
        }
        Path out;
        try {
            out = Files.createTempDirectory("kreply-kernel-");
        } catch (IOException e) {
            throw new KernelLoadException(what + ": cannot create a temporary folder: " + e.getMessage());
        }
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            fm.setLocationFromPaths(StandardLocation.CLASS_OUTPUT, List.of(out));
            fm.setLocationFromPaths(StandardLocation.CLASS_PATH, List.of());
            fm.setLocationFromPaths(StandardLocation.SOURCE_PATH, List.of(sourceRoot));
            Iterable<? extends JavaFileObject> units = fm.getJavaFileObjectsFromPaths(sources);
            List<String> options = List.of("--release", "17", "-proc:none", "-nowarn", "-Xlint:none", "-encoding", "UTF-8");
            boolean ok = compiler.getTask(null, fm, diagnostics, options, null, units).call();
            if (!ok) {
                delete(out);
                throw new KernelLoadException(what + ": the kernel does not compile: " + firstError(diagnostics, sourceRoot));
            }
        } catch (IOException e) {
            delete(out);
            throw new KernelLoadException(what + ": compiling the kernel failed: " + e.getMessage());
        }
        return out;
    }

    private static String firstError(DiagnosticCollector<JavaFileObject> diagnostics, Path root) {
        List<Diagnostic<? extends JavaFileObject>> errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
        if (errors.isEmpty()) {
            return "the compiler failed without an error message";
        }
        Diagnostic<? extends JavaFileObject> d = errors.get(0);
        String file = d.getSource() == null ? "" : root.relativize(Path.of(d.getSource().toUri())) + ":" + d.getLineNumber() + ": ";
        String msg = d.getMessage(Locale.ROOT).strip().replaceAll("\\s*\\R\\s*", " ");
        return file + msg + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more errors)" : "");
    }

    /** Deletes a folder tree (best effort: a temporary folder left behind is harmless). */
    static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // left for the system's temporary-file cleanup
        }
    }
}
