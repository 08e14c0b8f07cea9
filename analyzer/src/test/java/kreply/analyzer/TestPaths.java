package kreply.analyzer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Test helper: repository paths and the {@code // expect: <rule-id>...} markers of fixtures. */
public final class TestPaths {
    private static final Pattern EXPECT = Pattern.compile("//\\s*expect:\\s*([A-Za-z0-9~ ,_-]+)");

    private TestPaths() {
    }

    public static Path repo() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("rules/packs"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("repository root with rules/packs not found");
        }
        return p;
    }

    public static Path rules() {
        return repo().resolve("rules");
    }

    public static Path kernelPack() {
        return rules().resolve("packs/sel4-kernel.yaml");
    }

    /** Markers under {@code dir}: "relative-file:line" → rule ids, paths relative to {@code root}. */
    public static TreeMap<String, TreeSet<String>> markers(Path root, Path dir) {
        TreeMap<String, TreeSet<String>> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(x -> x.toString().endsWith(".java")).sorted().toList()) {
                List<String> lines = Files.readAllLines(f);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = EXPECT.matcher(lines.get(i));
                    if (m.find()) {
                        String key = root.relativize(f).toString().replace('\\', '/') + ":" + (i + 1);
                        for (String id : m.group(1).trim().split("[ ,]+")) {
                            out.computeIfAbsent(key, k -> new TreeSet<>()).add(id);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The "file:line" keys expected for one rule. */
    public static TreeSet<String> expected(TreeMap<String, TreeSet<String>> markers, String ruleId) {
        TreeSet<String> r = new TreeSet<>();
        markers.forEach((k, v) -> {
            if (v.contains(ruleId)) {
                r.add(k);
            }
        });
        return r;
    }

    public static List<Path> javaFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return new ArrayList<>(s.filter(x -> x.toString().endsWith(".java")).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
