package kreply.reports.sarif;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a unified diff into SARIF-style replacements: for each file, a list of (first deleted
 * line, number of deleted lines, inserted text). Each run of consecutive removed / added lines in
 * a hunk becomes one replacement; context lines only advance the position. Line numbers refer to
 * the original file, as SARIF's {@code deletedRegion} does. Hunk bodies are consumed by the counts
 * in their headers, so a removed line that itself starts with {@code --} is not taken for a file
 * header.
 */
final class UnifiedDiff {
    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*");

    /** Delete {@code deletedLines} whole lines starting at {@code startLine}, then insert {@code inserted}. */
    record Replacement(int startLine, int deletedLines, String inserted) {
    }

    private final Map<String, List<Replacement>> out = new LinkedHashMap<>();
    private String file;
    private int oldLine;
    private int delStart = -1;
    private int delCount;
    private StringBuilder inserted;

    private UnifiedDiff(String defaultFile) {
        this.file = defaultFile;
    }

    /**
     * Parses the diff. Files are keyed by the path of the {@code +++} header without its
     * {@code b/} prefix, or by {@code defaultFile} when the diff has no header. Returns an empty
     * map when the text has no hunk (not a diff).
     */
    static Map<String, List<Replacement>> parse(String diff, String defaultFile) {
        UnifiedDiff p = new UnifiedDiff(defaultFile);
        if (diff != null) {
            p.run(diff.split("\r?\n", -1));
        }
        return p.out;
    }

    private void run(String[] lines) {
        String oldHeader = null;
        int oldLeft = 0;
        int newLeft = 0;
        for (String line : lines) {
            if (oldLeft > 0 || newLeft > 0) {
                if (line.startsWith("\\")) {
                    continue; // "\ No newline at end of file"
                }
                char c = line.isEmpty() ? ' ' : line.charAt(0);
                if (c == '-') {
                    startChange();
                    delCount++;
                    oldLine++;
                    oldLeft--;
                } else if (c == '+') {
                    startChange();
                    if (inserted == null) {
                        inserted = new StringBuilder();
                    }
                    inserted.append(line, 1, line.length()).append('\n');
                    newLeft--;
                } else {
                    flush();
                    oldLine++;
                    oldLeft--;
                    newLeft--;
                }
                continue;
            }
            flush();
            Matcher m = HUNK.matcher(line);
            if (line.startsWith("--- ")) {
                oldHeader = headerPath(line.substring(4));
            } else if (line.startsWith("+++ ")) {
                String p = headerPath(line.substring(4));
                file = p != null ? p : oldHeader != null ? oldHeader : file;
            } else if (m.matches()) {
                oldLine = Math.max(1, Integer.parseInt(m.group(1)));
                oldLeft = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
                newLeft = m.group(4) == null ? 1 : Integer.parseInt(m.group(4));
            }
        }
        flush();
    }

    private void startChange() {
        if (delStart < 0) {
            delStart = oldLine;
        }
    }

    private void flush() {
        if (delStart >= 0 && file != null) {
            out.computeIfAbsent(file, k -> new ArrayList<>())
                    .add(new Replacement(delStart, delCount, inserted == null ? null : inserted.toString()));
        }
        delStart = -1;
        delCount = 0;
        inserted = null;
    }

    private static String headerPath(String raw) {
        String p = raw;
        int tab = p.indexOf('\t');
        if (tab >= 0) {
            p = p.substring(0, tab);
        }
        p = p.trim();
        if (p.equals("/dev/null") || p.isEmpty()) {
            return null;
        }
        if (p.startsWith("a/") || p.startsWith("b/")) {
            p = p.substring(2);
        }
        return p;
    }
}
