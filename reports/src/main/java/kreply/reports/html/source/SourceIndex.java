package kreply.reports.html.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Collects the source lines a report needs (around each finding, each witness step, each call-graph
 * node) and hands them out as merged chunks per file. A report embeds each needed line once, however
 * many findings show it: with thousands of findings in the same files, excerpts would otherwise
 * repeat the same code over and over.
 */
public final class SourceIndex {
    private final SourceFiles files;
    /** file → (first line → last line) of requested ranges, 1-based and inclusive. */
    private final Map<String, TreeMap<Integer, Integer>> wanted = new LinkedHashMap<>();

    public SourceIndex(SourceFiles files) {
        this.files = files;
    }

    /** Asks for {@code line} of {@code file} with {@code context} lines before and after. */
    public void request(String file, int line, int context) {
        if (file == null || line <= 0) {
            return;
        }
        Optional<List<String>> lines = files.lines(file);
        if (lines.isEmpty()) {
            return;
        }
        int last = lines.get().size();
        int from = Math.max(1, line - context);
        int to = Math.min(last, line + context);
        if (from > to) {
            return;
        }
        wanted.computeIfAbsent(file, f -> new TreeMap<>()).merge(from, to, Math::max);
    }

    /** A run of consecutive lines starting at line {@code first} (1-based). */
    public record Chunk(int first, List<String> lines) {
    }

    /** Requested lines per file, overlapping and adjacent ranges merged, in request order of files. */
    public Map<String, List<Chunk>> chunks() {
        Map<String, List<Chunk>> out = new LinkedHashMap<>();
        wanted.forEach((file, ranges) -> {
            List<String> lines = files.lines(file).orElseThrow();
            List<Chunk> cs = new ArrayList<>();
            int from = -1;
            int to = -1;
            for (Map.Entry<Integer, Integer> r : ranges.entrySet()) {
                if (from < 0) {
                    from = r.getKey();
                    to = r.getValue();
                } else if (r.getKey() <= to + 1) {
                    to = Math.max(to, r.getValue());
                } else {
                    cs.add(new Chunk(from, lines.subList(from - 1, to)));
                    from = r.getKey();
                    to = r.getValue();
                }
            }
            if (from > 0) {
                cs.add(new Chunk(from, lines.subList(from - 1, to)));
            }
            out.put(file, cs);
        });
        return out;
    }
}
