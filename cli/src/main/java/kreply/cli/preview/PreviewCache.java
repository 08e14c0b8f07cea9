package kreply.cli.preview;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import kreply.cli.io.AtomicFiles;
import kreply.refactor.config.RecipeConfig;
import kreply.refactor.findings.FindingRef;

/**
 * Fix previews kept between runs in the report folder ({@code fix-previews.cache.json}). A dry
 * run of a recipe over a whole source tree costs several times the analysis itself, and an
 * unchanged tree gives the same previews, so a batch is keyed by a SHA-256 of everything its
 * result depends on: the kreply build, the recipe and its configuration, the tree's files and
 * their text, and the methods with their findings in order. Any change to any of them misses.
 * The file is only a cache: unreadable or stale content is ignored and rewritten, and it holds
 * exactly the batches of the last run, so it never grows.
 */
final class PreviewCache {
    static final String FILE_NAME = "fix-previews.cache.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What a batch produced, in a form that stores as JSON. */
    record Entry(String diff, List<String> skipped) {
    }

    private final Path file;
    private final Map<String, Map<String, Entry>> old;
    private final Map<String, Map<String, Entry>> used = new LinkedHashMap<>();

    /** A cache in {@code dir}; null means no caching (nothing read or written). */
    PreviewCache(Path dir) {
        this.file = dir == null ? null : dir.resolve(FILE_NAME);
        this.old = read(file);
    }

    /** The batch's previews from the cache, or computed by {@code compute} and remembered. */
    Map<String, RecipePreview.Result> get(SourceTrees.Tree tree, RecipeConfig config, String recipe,
                                          Map<String, List<FindingRef>> byMethod,
                                          Supplier<Map<String, RecipePreview.Result>> compute) {
        String key = key(tree, config, recipe, byMethod);
        Map<String, Entry> hit = old.get(key);
        if (hit != null && hit.keySet().equals(byMethod.keySet())) {
            used.put(key, hit);
            Map<String, RecipePreview.Result> out = new LinkedHashMap<>();
            hit.forEach((m, e) -> out.put(m, new RecipePreview.Result(e.diff(), e.skipped())));
            return out;
        }
        Map<String, RecipePreview.Result> computed = compute.get();
        Map<String, Entry> stored = new LinkedHashMap<>();
        computed.forEach((m, r) -> stored.put(m, new Entry(r.diff(), r.skipped())));
        used.put(key, stored);
        return computed;
    }

    /** Writes the batches of this run (atomically); a cache that cannot be written is just not kept. */
    void save() {
        if (file == null || used.equals(old)) {
            return;
        }
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, w -> JSON.writeValue(w, used));
        } catch (IOException | RuntimeException e) {
            // only a cache: the next run computes the previews again
        }
    }

    private static Map<String, Map<String, Entry>> read(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return JSON.readValue(file.toFile(), new TypeReference<Map<String, Map<String, Entry>>>() {
            });
        } catch (IOException | RuntimeException e) {
            return Map.of(); // a damaged cache is as good as none
        }
    }

    private static String key(SourceTrees.Tree tree, RecipeConfig config, String recipe,
                              Map<String, List<FindingRef>> byMethod) {
        MessageDigest d;
        try {
            d = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        feed(d, BUILD);
        feed(d, recipe);
        feed(d, config.toString());
        feed(d, tree.prefix());
        for (Map.Entry<String, String> f : new TreeMap<>(tree.workspace().texts()).entrySet()) {
            feed(d, f.getKey());
            feed(d, f.getValue());
        }
        byMethod.forEach((m, refs) -> {
            feed(d, m);
            feed(d, refs.toString());
        });
        return HexFormat.of().formatHex(d.digest());
    }

    /** Length-prefixed, so no two different sequences of strings hash alike. */
    private static void feed(MessageDigest d, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        d.update(Integer.toString(b.length).getBytes(StandardCharsets.US_ASCII));
        d.update((byte) ':');
        d.update(b);
    }

    /**
     * The running kreply build: its jar's path, size and time, so a rebuilt tool never reuses old
     * previews. Run from a classes folder (tests, the IDE) there is no such identity, so the cache
     * only lives as long as the JVM.
     */
    private static final String BUILD = build();

    private static String build() {
        try {
            Path code = Path.of(PreviewCache.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(code) ? code + "@" + Files.size(code) + "@" + Files.getLastModifiedTime(code)
                    : code + "@" + java.util.UUID.randomUUID();
        } catch (Exception e) {
            return "unknown@" + java.util.UUID.randomUUID();
        }
    }
}
