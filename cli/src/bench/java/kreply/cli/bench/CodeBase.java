package kreply.cli.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One code base of the benchmark: its Java sources, the root kreply reports against, and the
 * class path javac and PMD need to resolve what the sources import.
 */
record CodeBase(String name, Path sources, Path root, String classpath) {

    List<Path> javaFiles() {
        try (Stream<Path> s = Files.walk(sources)) {
            return s.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long lines() {
        long n = 0;
        for (Path p : javaFiles()) {
            try (Stream<String> l = Files.lines(p)) {
                n += l.count();
            } catch (IOException | UncheckedIOException e) {
                // an unreadable or non-UTF-8 file still counts as a file, not as lines
            }
        }
        return n;
    }
}
