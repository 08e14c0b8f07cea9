package kreply.cli.preview;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kreply.refactor.config.RecipeConfig;
import kreply.refactor.source.Workspace;

/**
 * The refactoring workspaces behind an analysis: for a finding's file (relative to the analysed
 * root), the in-memory tree a recipe edits. The refactoring engine finds classes by package path
 * under one source root, while {@code kreply analyze} takes any files or folders, so the source
 * root is worked out from the file's package declaration. A source root that ends in one of the
 * recipe file's source roots ({@code src/main/java}) is loaded with its module's tests, whose call
 * sites follow a signature change, exactly as {@code kreply refactor} loads a module. Each tree is
 * read and parsed once and shared by every preview in it.
 */
final class SourceTrees {
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    /**
     * One workspace and where it sits under the analysed root: {@code prefix} is the workspace
     * root relative to the analysed root ("" when they are the same).
     */
    record Tree(String prefix, Workspace workspace) {
        /** A workspace path as a path relative to the analysed root, which is how reports name files. */
        String toRootPath(String workspaceFile) {
            return prefix.isEmpty() ? workspaceFile : prefix + "/" + workspaceFile;
        }

        /** A path relative to the analysed root as a workspace path. */
        String toWorkspacePath(String rootFile) {
            return prefix.isEmpty() ? rootFile : rootFile.substring(prefix.length() + 1);
        }
    }

    /** A tree that cannot be set up for a file (unreadable, package not matching its folder). */
    static final class NoTree extends Exception {
        private static final long serialVersionUID = 1L;

        NoTree(String message) {
            super(message);
        }
    }

    private final Path root;
    private final RecipeConfig config;
    private final Map<String, Tree> byWorkspaceRoot = new HashMap<>();

    SourceTrees(Path root, RecipeConfig config) {
        this.root = root;
        this.config = config;
    }

    /** The tree holding {@code file} (relative to the analysed root, forward slashes). */
    Tree treeFor(String file) throws NoTree {
        String sourceRoot = sourceRootOf(file);
        for (String configured : config.sourceRoots()) {
            String module = moduleOf(sourceRoot, configured);
            if (module != null) {
                return tree(module, List.of(configured), config.testRoots());
            }
        }
        return tree(sourceRoot, List.of(""), List.of());
    }

    private Tree tree(String prefix, List<String> sourceRoots, List<String> testRoots) {
        return byWorkspaceRoot.computeIfAbsent(prefix, p -> new Tree(p,
                Workspace.load(p.isEmpty() ? root : root.resolve(p), sourceRoots, testRoots)));
    }

    /** The module folder when {@code sourceRoot} is {@code configured} under it, else null. */
    private static String moduleOf(String sourceRoot, String configured) {
        if (configured.isEmpty()) {
            return null;
        }
        if (sourceRoot.equals(configured)) {
            return "";
        }
        return sourceRoot.endsWith("/" + configured)
                ? sourceRoot.substring(0, sourceRoot.length() - configured.length() - 1) : null;
    }

    /** The folder (relative to the analysed root) whose package tree holds {@code file}. */
    private String sourceRootOf(String file) throws NoTree {
        String text;
        try {
            text = Files.readString(root.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new NoTree("cannot read " + file + ": " + e.getMessage());
        }
        int slash = file.lastIndexOf('/');
        String dir = slash < 0 ? "" : file.substring(0, slash);
        Matcher m = PACKAGE.matcher(text);
        if (!m.find()) {
            return dir;
        }
        String pkgPath = m.group(1).replace('.', '/');
        if (dir.equals(pkgPath)) {
            return "";
        }
        if (dir.endsWith("/" + pkgPath)) {
            return dir.substring(0, dir.length() - pkgPath.length() - 1);
        }
        throw new NoTree(file + " declares package " + m.group(1) + ", which does not match its folder");
    }
}
