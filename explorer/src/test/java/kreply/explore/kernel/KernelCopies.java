package kreply.explore.kernel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * Test helper: copies of the kernel-src sources (the module's own, found through the
 * {@code kreply.kernelSources} property the build sets), optionally with one file edited.
 */
final class KernelCopies {
    private KernelCopies() {
    }

    static Path sources() {
        return Path.of(System.getProperty("kreply.kernelSources", "../kernel-src/src/main/java"));
    }

    /** Copies the sources to {@code root} (a source root) and applies {@code edit} to {@code file}. */
    static Path copy(Path root, String file, UnaryOperator<String> edit) {
        Path src = sources();
        try (Stream<Path> walk = Files.walk(src)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                Path dest = root.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
            if (file != null) {
                Path target = root.resolve(file);
                String before = Files.readString(target);
                String after = edit.apply(before);
                if (after.equals(before)) {
                    throw new IllegalStateException("the edit of " + file + " changed nothing");
                }
                Files.writeString(target, after);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }
}
