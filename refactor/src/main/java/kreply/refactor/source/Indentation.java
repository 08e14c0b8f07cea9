package kreply.refactor.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.github.difflib.patch.DeltaType;

/**
 * Makes new and changed lines follow the file's indentation. The lexical-preserving printer keeps
 * untouched code byte for byte, but it indents inserted statements from its own idea of the
 * context (and can shift the first original statement after an insertion). This pass looks only
 * at lines the edit changed: each line that starts a statement is indented by its brace depth in
 * the file's own unit (spaces or tabs, width measured from the file); continuation lines keep
 * their offset. Untouched lines are never changed.
 */
public final class Indentation {
    private Indentation() {
    }

    public static String repair(String before, String after) {
        after = groupImports(after);
        List<String> a = split(before);
        List<String> b = split(after);
        boolean[] touched = new boolean[b.size()];
        for (AbstractDelta<String> d : DiffUtils.diff(a, b).getDeltas()) {
            if (d.getType() == DeltaType.DELETE) {
                continue;
            }
            int pos = d.getTarget().getPosition();
            for (int i = 0; i < d.getTarget().size(); i++) {
                touched[pos + i] = true;
            }
        }
        // A line the diff matched to an old one can still sit inside new code (a closing brace that
        // equals an old closing brace): short untouched gaps between changed lines count as changed.
        int last = -1;
        for (int i = 0; i < touched.length; i++) {
            if (touched[i]) {
                if (last >= 0 && i - last - 1 <= 3) {
                    for (int j = last + 1; j < i; j++) {
                        touched[j] = true;
                    }
                }
                last = i;
            }
        }
        Map<Integer, String> oldLineOf = new HashMap<>();
        for (AbstractDelta<String> d : DiffUtils.diff(a, b).getDeltas()) {
            if (d.getType() == DeltaType.CHANGE && d.getSource().size() == d.getTarget().size()) {
                for (int i = 0; i < d.getTarget().size(); i++) {
                    oldLineOf.put(d.getTarget().getPosition() + i, d.getSource().getLines().get(i));
                }
            }
        }
        String unit = unit(a);
        int limit = Math.max(100, a.stream().mapToInt(String::length).max().orElse(120));
        int[] depth = depths(b);
        List<String> out = new ArrayList<>(b.size());
        String prevCode = "";
        // Statements under a "case X:" label sit one unit deeper than the label, braces or not.
        java.util.Deque<Integer> caseDepths = new java.util.ArrayDeque<>();
        for (int i = 0; i < b.size(); i++) {
            String line = b.get(i);
            String t = line.strip();
            while (!caseDepths.isEmpty() && depth[i] < caseDepths.peek()) {
                caseDepths.pop();
            }
            boolean label = (t.startsWith("case ") || t.startsWith("default:")) && t.endsWith(":");
            if (label && (caseDepths.isEmpty() || caseDepths.peek() != depth[i])) {
                caseDepths.push(depth[i]);
            }
            if (touched[i] && !t.isEmpty() && startsStatement(prevCode, t)) {
                int d = depth[i];
                if (!label) {
                    for (int cd : caseDepths) {
                        if (depth[i] >= cd) {
                            d++;
                        }
                    }
                }
                t = t.replaceAll("new (\\w+)\\[\\] \\{ (.*?) \\}", "new $1[] {$2}");
                String indent = unit.repeat(Math.max(0, d)) + (t.startsWith("*") ? " " : "");
                line = wrap(indent, t, unit, limit);
            } else if (touched[i] && !t.isEmpty() && oldLineOf.containsKey(i)) {
                // A continuation line the printer re-flowed (a parameter added to a wrapped list):
                // keep the old line's indentation and drop the alignment run it moved inside.
                String old = oldLineOf.get(i);
                String oldIndent = old.substring(0, old.length() - old.stripLeading().length());
                String body = old.strip().contains("  ") ? t : t.replaceAll("(?<=\\S)\\s{2,}(?=\\S)", " ");
                line = oldIndent + body;
            }
            out.add(line);
            if (!t.isEmpty() && !t.startsWith("//")) {
                prevCode = t;
            }
        }
        joinShortContinuations(out, touched, limit);
        return Headers.rewrap(before, String.join("\n", out), limit);
    }

    /**
     * Joins a changed line that ends in an argument comma with its changed last line when the two
     * fit on one: fixes applied one after another can leave a call broken where an earlier fix
     * had made it too long (a wrapper added, then removed with an argument by a later fix).
     * Untouched lines are never joined.
     */
    private static void joinShortContinuations(List<String> out, boolean[] touched, int limit) {
        for (int i = out.size() - 2; i >= 0; i--) {
            String head = out.get(i);
            String tail = out.get(i + 1);
            if (!touched[i] || !touched[i + 1] || head.contains("\n") || tail.contains("\n")) {
                continue;
            }
            String h = head.stripTrailing();
            String t = tail.strip();
            boolean lastPart = t.endsWith(");") && !t.contains("(") || t.matches("[\\w.]+\\)+;");
            if (h.endsWith(",") && !h.stripLeading().startsWith("//") && lastPart
                    && h.length() + 1 + t.length() <= limit) {
                out.set(i, h + " " + t);
                out.remove(i + 1);
            }
        }
    }

    /**
     * A new statement longer than the file's longest line is broken after the last argument comma
     * (of the outermost call) that fits, continuing two units deeper, as the code base wraps.
     */
    static String wrap(String indent, String code, String unit, int limit) {
        if (indent.length() + code.length() <= limit || code.startsWith("*") || code.startsWith("//")) {
            return indent + code;
        }
        StringBuilder out = new StringBuilder();
        String rest = code;
        String lead = indent;
        String cont = indent + unit + unit;
        while (lead.length() + rest.length() > limit) {
            int cut = -1;
            int depth = 0;
            boolean inStr = false;
            char q = 0;
            int minDepth = Integer.MAX_VALUE;
            for (int j = 0; j < rest.length() && lead.length() + j < limit; j++) {
                char c = rest.charAt(j);
                if (inStr) {
                    if (c == '\\') {
                        j++;
                    } else if (c == q) {
                        inStr = false;
                    }
                    continue;
                }
                if (c == '"' || c == '\'') {
                    inStr = true;
                    q = c;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                } else if (c == ',' && depth >= 1 && j + 1 < rest.length() && rest.charAt(j + 1) == ' ') {
                    if (depth < minDepth) {
                        minDepth = depth;
                        cut = j;
                    } else if (depth == minDepth) {
                        cut = j;
                    }
                }
            }
            if (cut < 0) {
                break;
            }
            out.append(lead).append(rest, 0, cut + 1).append('\n');
            rest = rest.substring(cut + 2);
            lead = cont;
        }
        return out.append(lead).append(rest).toString();
    }

    /**
     * The printer attaches an import inserted at the head of a group to the end of the previous
     * group; move it below the blank line that separates the groups.
     */
    static String groupImports(String text) {
        String t = text.replaceAll("(?m)^(import static [^\\n]+;\\n)(import (?!static)[^\\n]+;\\n)\\n(?=import )",
                "$1\n$2");
        return t.replaceAll("(?m)^(package [^\\n]+;\\n)(import [^\\n]+;\\n)\\n(?=import )", "$1\n$2");
    }

    private static boolean startsStatement(String prev, String t) {
        if (prev.isEmpty() || t.startsWith("*") || t.startsWith("/*") || t.startsWith("//") || t.startsWith("@")) {
            return true;
        }
        if (t.startsWith(".") || t.startsWith("+") || t.startsWith("&&") || t.startsWith("||") || t.startsWith("?")
                || t.startsWith(":")) {
            return false;
        }
        return prev.endsWith(";") || prev.endsWith("{") || prev.endsWith("}") || prev.endsWith(":")
                || prev.endsWith("*/") || prev.startsWith("@") || prev.startsWith("*") || prev.startsWith("/*");
    }

    /** Brace depth at the start of each line, with a leading closing brace counted first. */
    static int[] depths(List<String> lines) {
        int[] out = new int[lines.size()];
        int depth = 0;
        boolean inBlockComment = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            String t = l.strip();
            int lead = 0;
            while (lead < t.length() && (t.charAt(lead) == '}' || t.charAt(lead) == ')')) {
                if (t.charAt(lead) == '}') {
                    lead++;
                } else {
                    break;
                }
            }
            out[i] = Math.max(0, depth - (inBlockComment ? 0 : lead));
            boolean inStr = false;
            char q = 0;
            for (int j = 0; j < l.length(); j++) {
                char c = l.charAt(j);
                if (inBlockComment) {
                    if (c == '*' && j + 1 < l.length() && l.charAt(j + 1) == '/') {
                        inBlockComment = false;
                        j++;
                    }
                    continue;
                }
                if (inStr) {
                    if (c == '\\') {
                        j++;
                    } else if (c == q) {
                        inStr = false;
                    }
                    continue;
                }
                if (c == '"' || c == '\'') {
                    inStr = true;
                    q = c;
                } else if (c == '/' && j + 1 < l.length() && l.charAt(j + 1) == '/') {
                    break;
                } else if (c == '/' && j + 1 < l.length() && l.charAt(j + 1) == '*') {
                    inBlockComment = true;
                    j++;
                } else if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                }
            }
        }
        return out;
    }

    /** The file's indentation unit: a tab, or the most common step between consecutive indents. */
    static String unit(List<String> lines) {
        Map<Integer, Integer> steps = new HashMap<>();
        int prev = 0;
        int tabs = 0;
        for (String l : lines) {
            // Blank lines, and the " * " lines inside a block comment, which sit one column right
            // of its opening "/**" and would make a file with many Javadoc comments look indented
            // by one space.
            if (l.isBlank() || l.stripLeading().startsWith("*")) {
                continue;
            }
            if (l.startsWith("\t")) {
                tabs++;
            }
            int ind = 0;
            while (ind < l.length() && l.charAt(ind) == ' ') {
                ind++;
            }
            if (ind > prev) {
                steps.merge(ind - prev, 1, Integer::sum);
            }
            prev = ind;
        }
        if (tabs > lines.size() / 4) {
            return "\t";
        }
        int best = 4;
        int count = 0;
        for (var e : steps.entrySet()) {
            if (e.getValue() > count && e.getKey() <= 8) {
                best = e.getKey();
                count = e.getValue();
            }
        }
        return " ".repeat(best);
    }

    private static List<String> split(String s) {
        return new ArrayList<>(Arrays.asList(s.split("\n", -1)));
    }
}
