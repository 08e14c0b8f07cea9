package kreply.refactor.write;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import kreply.refactor.RefactorException;
import kreply.refactor.change.FileChange;

/**
 * {@code --out DIR}: a refactored copy of the tree (build output and VCS folders left out). The
 * copy is assembled in a temporary sibling folder and renamed into place at the end, so DIR either
 * does not exist or holds the complete result.
 */
public final class TreeCopy {
    private static final Set<String> SKIP = Set.of("target", ".git", ".kreply-build", "node_modules");

    private TreeCopy() {
    }

    public static void write(Path tree, Path out, List<FileChange> changes) {
        if (Files.exists(out)) {
            try (Stream<Path> s = Files.list(out)) {
                if (s.findAny().isPresent()) {
                    throw new RefactorException("--out folder " + out + " exists and is not empty");
                }
            } catch (IOException e) {
                throw new RefactorException("cannot read --out folder " + out + ": " + e.getMessage());
            }
        }
        if (out.normalize().startsWith(tree.normalize())) {
            throw new RefactorException("--out folder " + out + " is inside the refactored tree " + tree);
        }
        Path tmp = out.resolveSibling("." + out.getFileName() + ".kreply-tmp");
        try {
            deleteTree(tmp);
            copy(tree, tmp);
            for (FileChange c : changes) {
                Path f = tmp.resolve(c.file());
                Files.createDirectories(f.getParent());
                Files.writeString(f, c.after());
            }
            if (Files.exists(out)) {
                Files.delete(out); // empty, checked above
            }
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                deleteTree(tmp);
            } catch (IOException ignored) {
                // best effort: the half-written copy is in a hidden temporary folder
            }
            throw new RefactorException("cannot write " + out + ": " + e.getMessage(), e);
        }
    }

    public static void copy(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(from) && SKIP.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(x);
            }
        }
    }
}
