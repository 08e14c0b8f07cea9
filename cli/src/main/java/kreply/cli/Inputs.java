package kreply.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns the PATH arguments into what the engine needs: the source paths and the analysed root
 * (report paths, the default output folder and the default baseline are relative to it), and
 * finds the rule packs. With no PATH the bundled kernel is analysed.
 */
final class Inputs {
    /** Files that mark a project folder: the root is the nearest ancestor holding one. */
    private static final List<String> ROOT_MARKERS = List.of("kreply-baseline.json", "pom.xml", "build.gradle",
            "build.gradle.kts", ".git");

    record Sources(List<Path> paths, Path root) {
    }

    private Inputs() {
    }

    static Sources sources(CliContext ctx, List<String> paths, String rootOption) {
        List<Path> resolved = new ArrayList<>();
        Path root;
        if (paths == null || paths.isEmpty()) {
            Path kernel = ctx.requireHome("the bundled kernel").resolve("kernel-src");
            Path src = kernel.resolve("src/main/java");
            if (!Files.isDirectory(src)) {
                throw new CliException("bundled kernel sources not found: " + src);
            }
            resolved.add(src);
            root = kernel;
        } else {
            for (String p : paths) {
                Path abs = ctx.resolve(p);
                if (!Files.exists(abs)) {
                    throw new CliException("no such file or directory: " + p);
                }
                if (!Files.isReadable(abs)) {
                    throw new CliException("cannot read " + p + ": permission denied");
                }
                if (Files.isRegularFile(abs) && !abs.getFileName().toString().endsWith(".java")) {
                    throw new CliException("not a Java source file or folder: " + p);
                }
                // A Maven / Gradle module folder stands for its production sources: its tests
                // are not part of the code under review (they may use IPC buffers freely).
                Path production = abs.resolve("src/main/java");
                if (Files.isDirectory(abs) && Files.isDirectory(production)) {
                    abs = production;
                }
                resolved.add(abs);
            }
            root = projectRoot(resolved);
        }
        if (rootOption != null) {
            root = ctx.resolve(rootOption);
            if (!Files.isDirectory(root)) {
                throw new CliException("--root is not a folder: " + rootOption);
            }
            for (Path p : resolved) {
                if (!p.startsWith(root)) {
                    throw new CliException("--root " + rootOption + " does not contain " + p);
                }
            }
        }
        return new Sources(resolved, root);
    }

    /**
     * The nearest folder at or above the paths' common ancestor that holds a project marker (so
     * {@code kernel-src/src/main/java} maps to {@code kernel-src}, as with no PATH), or the common
     * ancestor itself when there is none.
     */
    static Path projectRoot(List<Path> paths) {
        Path common = null;
        for (Path p : paths) {
            Path dir = Files.isDirectory(p) ? p : p.getParent();
            common = common == null ? dir : commonAncestor(common, dir);
        }
        for (Path d = common; d != null; d = d.getParent()) {
            for (String m : ROOT_MARKERS) {
                if (Files.exists(d.resolve(m))) {
                    return d;
                }
            }
        }
        return common;
    }

    private static Path commonAncestor(Path a, Path b) {
        Path c = a;
        while (c != null && !b.startsWith(c)) {
            c = c.getParent();
        }
        return c == null ? a.getRoot() : c;
    }

    /** {@code --pack} files as given (each must be a readable file), else the bundled packs. */
    static List<Path> packs(CliContext ctx, List<String> packOptions) {
        List<Path> out = new ArrayList<>();
        if (packOptions != null && !packOptions.isEmpty()) {
            for (String p : packOptions) {
                Path abs = ctx.resolve(p);
                if (!Files.isRegularFile(abs)) {
                    throw new CliException("rule pack not found: " + p);
                }
                if (!Files.isReadable(abs)) {
                    throw new CliException("cannot read rule pack " + p + ": permission denied");
                }
                out.add(abs);
            }
            return out;
        }
        Path dir = ctx.requireHome("the bundled rule packs").resolve("rules/packs");
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.{yaml,yml}")) {
                ds.forEach(out::add);
            } catch (IOException e) {
                throw new CliException("cannot list rule packs in " + dir + ": " + e.getMessage());
            }
        }
        if (out.isEmpty()) {
            throw new CliException("no rule packs found in " + dir + " (pass --pack FILE)");
        }
        out.sort(null);
        return out;
    }
}
