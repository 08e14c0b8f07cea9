package kreply.refactor.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import kreply.refactor.RefactorException;

/**
 * The text of every Java file under the refactored tree's source roots, keyed by its path relative
 * to the tree root (forward slashes). Recipes never touch the disk: they edit this in memory, so a
 * dry run, a review and a rejected change cost nothing, and the writer sees the complete result
 * before anything is written.
 */
public final class Workspace {
    private final Path root;
    private final List<String> sourceRoots;
    private final Map<String, String> texts;
    private final String testRoot;
    /** Shared by every copy: a parse is valid for any workspace whose file has the same text. */
    private final ParseCache parses;

    private Workspace(Path root, List<String> sourceRoots, Map<String, String> texts, String testRoot,
                      ParseCache parses) {
        this.root = root;
        this.sourceRoots = List.copyOf(sourceRoots);
        this.texts = texts;
        this.testRoot = testRoot;
        this.parses = parses;
    }

    /**
     * Reads the Java files of the first configured source root that exists under {@code root}, and
     * those of the first test root: tests call the code directly, so a signature change must
     * update their call sites too (they are never subjects of a recipe themselves).
     */
    public static Workspace load(Path root, List<String> candidateRoots, List<String> testRoots) {
        String test = null;
        Map<String, String> tests = new TreeMap<>();
        for (String tr : testRoots) {
            Path dir = root.resolve(tr);
            if (Files.isDirectory(dir)) {
                test = tr;
                tests = read(root, dir);
                break;
            }
        }
        for (String sr : candidateRoots) {
            Path dir = root.resolve(sr);
            if (Files.isDirectory(dir)) {
                Map<String, String> all = read(root, dir);
                all.putAll(tests);
                return new Workspace(root, List.of(sr), all, test, new ParseCache());
            }
        }
        // The path itself is a source root (e.g. kernel-src/src/main/java was given).
        return new Workspace(root, List.of(""), read(root, root), null, new ParseCache());
    }

    public static Workspace load(Path root, List<String> candidateRoots) {
        return load(root, candidateRoots, List.of());
    }

    /** Whether a workspace file is a test source (its call sites follow changes; it is never rewritten otherwise). */
    public boolean isTest(String file) {
        return testRoot != null && file.startsWith(testRoot + "/");
    }

    /** The main source texts only (what the verifier compiles as the result's main code). */
    public Map<String, String> mainTexts() {
        Map<String, String> out = new TreeMap<>();
        texts.forEach((k, v) -> {
            if (!isTest(k)) {
                out.put(k, v);
            }
        });
        return out;
    }

    private static Map<String, String> read(Path root, Path dir) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.filter(f -> f.toString().endsWith(".java") && Files.isRegularFile(f))::iterator) {
                out.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException | UncheckedIOException e) {
            throw new RefactorException("cannot read sources under " + dir + ": " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw new RefactorException("no Java sources under " + dir);
        }
        return out;
    }

    /** A workspace over given texts (tests, and in-memory copies). */
    public static Workspace of(Path root, String sourceRoot, Map<String, String> texts) {
        return new Workspace(root, List.of(sourceRoot), new TreeMap<>(texts), null, new ParseCache());
    }

    public Workspace copy() {
        return new Workspace(root, sourceRoots, new TreeMap<>(texts), testRoot, parses);
    }

    ParseCache parses() {
        return parses;
    }

    public Path root() {
        return root;
    }

    /** The source root relative to {@link #root()} ("" when the root itself holds the packages). */
    public String sourceRoot() {
        return sourceRoots.get(0);
    }

    public Path sourceDir() {
        return sourceRoot().isEmpty() ? root : root.resolve(sourceRoot());
    }

    public List<String> files() {
        return new ArrayList<>(texts.keySet());
    }

    public String text(String file) {
        return texts.get(file);
    }

    public void put(String file, String text) {
        texts.put(file, text);
    }

    public Map<String, String> texts() {
        return java.util.Collections.unmodifiableMap(texts);
    }

    /** The file that declares top-level class {@code pkg.Class}, or null. */
    public String fileOf(String className) {
        String rel = className.replace('.', '/') + ".java";
        String key = sourceRoot().isEmpty() ? rel : sourceRoot() + "/" + rel;
        return texts.containsKey(key) ? key : null;
    }
}
