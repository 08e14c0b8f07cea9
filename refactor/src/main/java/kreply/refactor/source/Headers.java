package kreply.refactor.source;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Re-flows method and constructor headers whose parameter list a fix changed. The lexical-preserving
 * printer removes a parameter's tokens but keeps the line break around them, so a wrapped header can
 * end up with a lone {@code ) {} line or a parameter at the indentation of the method. A changed
 * header (one whose text is not in the file before the edit) is joined into one line and, when longer
 * than the file's lines, broken after parameter commas with continuation lines aligned one column
 * after the opening parenthesis, as the kernel's own wrapped headers are. Unchanged headers are
 * never touched.
 */
final class Headers {
    /** A declaration line: modifiers, a type and a name, then the opening parenthesis; no assignment. */
    private static final Pattern START = Pattern.compile(
            "^(public|protected|private|static|final|synchronized|abstract)\\b[^=;]*\\w\\s*\\((.*)$");
    /**
     * A declaration without modifiers (an interface method): a type, a name, the parenthesis. The
     * words that can start a statement of the same shape ({@code return f(}) are excluded.
     */
    private static final Pattern BARE = Pattern.compile(
            "^(?!(?:return|new|throw|else|yield|assert)\\b)[\\w.]+(?:<[^=;()]*>)?(?:\\[\\])*\\s+\\w+\\s*\\((.*)$");

    private Headers() {
    }

    static String rewrap(String before, String after, int limit) {
        List<String> lines = new ArrayList<>(Arrays.asList(after.split("\n", -1)));
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (!START.matcher(t).matches() && !BARE.matcher(t).matches()) {
                continue;
            }
            int end = headerEnd(lines, i);
            if (end <= i) {
                continue; // one line already, or not a header with a body
            }
            String block = String.join("\n", lines.subList(i, end + 1));
            if (before.contains(block)) {
                continue;
            }
            String line = lines.get(i);
            String indent = line.substring(0, line.length() - line.stripLeading().length());
            StringBuilder joined = new StringBuilder(t);
            for (int j = i + 1; j <= end; j++) {
                String part = lines.get(j).strip();
                if (!(part.startsWith(")") || joined.toString().endsWith("("))) {
                    joined.append(' ');
                }
                joined.append(part);
            }
            List<String> flowed = flow(indent, joined.toString(), limit);
            for (int j = end; j >= i; j--) {
                lines.remove(j);
            }
            lines.addAll(i, flowed);
            i += flowed.size() - 1;
        }
        return String.join("\n", lines);
    }

    /**
     * The line holding the header's opening brace, or the semicolon that ends a declaration without
     * a body (an interface or abstract method), or -1 (a call, unbalanced text).
     */
    private static int headerEnd(List<String> lines, int start) {
        int depth = 0;
        boolean closed = false;
        for (int j = start; j < lines.size() && j < start + 12; j++) {
            String l = lines.get(j);
            for (int k = 0; k < l.length(); k++) {
                char c = l.charAt(k);
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                    closed |= depth == 0;
                } else if (c == ';' && depth == 0 && closed) {
                    return j;
                } else if ((c == ';' || c == '"') && depth >= 0) {
                    return -1;
                } else if (c == '{' && depth == 0) {
                    return j;
                }
            }
        }
        return -1;
    }

    /** One line when it fits; else breaks after top-level parameter commas, aligned after the parenthesis. */
    private static List<String> flow(String indent, String header, int limit) {
        if (indent.length() + header.length() <= limit) {
            return List.of(indent + header);
        }
        int open = header.indexOf('(');
        String cont = " ".repeat(indent.length() + open + 1);
        List<String> out = new ArrayList<>();
        String lead = indent;
        String rest = header;
        while (lead.length() + rest.length() > limit) {
            int cut = -1;
            int depth = 0;
            int angle = 0;
            for (int k = 0; k < rest.length() && lead.length() + k < limit; k++) {
                char c = rest.charAt(k);
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                } else if (c == '<') {
                    angle++;
                } else if (c == '>') {
                    angle--;
                } else if (c == ',' && angle == 0 && depth == (out.isEmpty() ? 1 : 0)) {
                    cut = k;
                }
            }
            if (cut < 0) {
                break;
            }
            out.add(lead + rest.substring(0, cut + 1));
            rest = rest.substring(cut + 1).stripLeading();
            lead = cont;
        }
        out.add(lead + rest);
        return out;
    }
}
