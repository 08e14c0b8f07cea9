package kreply.reports.html.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Inline markdown: backslash escapes, code spans, {@code **strong**} / {@code __strong__},
 * {@code *emphasis*} / {@code _emphasis_}, {@code [text](url)} and {@code <https://...>} links.
 * Underscores inside words (seL4 names such as {@code replyFromKernel_success_empty}) are never
 * emphasis. Images, raw HTML and entities are kept as literal text, and so are links whose target
 * the {@link LinkPolicy} refuses — shown as {@code text (target)} so the reader still sees where
 * they pointed.
 */
final class InlineParser {
    private final LinkPolicy links;

    InlineParser(LinkPolicy links) {
        this.links = links;
    }

    List<Inline> parse(String s) {
        return parse(s, 0);
    }

    private List<Inline> parse(String s, int depth) {
        List<Inline> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < n && isAsciiPunctuation(s.charAt(i + 1))) {
                text.append(s.charAt(i + 1));
                i += 2;
            } else if (c == '`') {
                int k = Markdown.run(s, i, '`');
                int close = closingBackticks(s, i + k, k);
                if (close < 0) {
                    text.append(s, i, i + k);
                    i += k;
                } else {
                    flush(text, out);
                    out.add(new Inline.Code(codeSpan(s.substring(i + k, close))));
                    i = close + k;
                }
            } else if ((c == '*' || c == '_') && depth < 8) {
                int k = Markdown.run(s, i, c);
                int used = k >= 2 ? 2 : 1;
                int close = canOpen(s, i, k, c) ? closing(s, i + used, c, used) : -1;
                if (close < 0 && used == 2) {
                    used = 1;
                    close = canOpen(s, i, k, c) ? closing(s, i + used, c, used) : -1;
                }
                if (close < 0) {
                    text.append(s, i, i + k);
                    i += k;
                } else {
                    flush(text, out);
                    List<Inline> inner = parse(s.substring(i + used, close), depth + 1);
                    out.add(used == 2 ? new Inline.Strong(inner) : new Inline.Emphasis(inner));
                    i = close + used;
                }
            } else if (c == '!' && i + 1 < n && s.charAt(i + 1) == '[') {
                // images are not rendered: keep the whole construct as text
                int end = linkEnd(s, i + 1);
                int stop = end < 0 ? i + 2 : end;
                text.append(s, i, stop);
                i = stop;
            } else if (c == '[' && depth < 8) {
                int labelEnd = bracketEnd(s, i);
                int end = labelEnd < 0 ? -1 : linkEnd(s, i);
                if (end < 0) {
                    text.append(c);
                    i++;
                } else {
                    String label = s.substring(i + 1, labelEnd);
                    String url = s.substring(labelEnd + 2, end - 1);
                    url = stripTitle(url);
                    Optional<LinkPolicy.Target> target = links.resolve(url);
                    if (target.isPresent()) {
                        flush(text, out);
                        out.add(new Inline.Link(parse(label, depth + 1), target.get().href(), target.get().external()));
                    } else {
                        flush(text, out);
                        out.addAll(parse(label, depth + 1));
                        text.append(" (").append(url.strip()).append(')');
                    }
                    i = end;
                }
            } else if (c == '<') {
                int close = s.indexOf('>', i + 1);
                String inside = close < 0 ? "" : s.substring(i + 1, close);
                Optional<LinkPolicy.Target> target = inside.matches("(?i)https?://[^\\s<>]+") ? links.resolve(inside)
                        : Optional.empty();
                if (target.isPresent()) {
                    flush(text, out);
                    out.add(new Inline.Link(List.of(new Inline.Text(inside)), target.get().href(), true));
                    i = close + 1;
                } else {
                    text.append(c);
                    i++;
                }
            } else {
                text.append(c);
                i++;
            }
        }
        flush(text, out);
        return out;
    }

    private static void flush(StringBuilder text, List<Inline> out) {
        if (text.length() > 0) {
            out.add(new Inline.Text(text.toString()));
            text.setLength(0);
        }
    }

    /** The start of the next run of exactly {@code k} backticks at or after {@code from}, or -1. */
    static int closingBackticks(String s, int from, int k) {
        int i = from;
        while (i < s.length()) {
            if (s.charAt(i) == '`') {
                int r = Markdown.run(s, i, '`');
                if (r == k) {
                    return i;
                }
                i += r;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** CommonMark: line endings become spaces, and one space is stripped from both ends if both have one. */
    private static String codeSpan(String raw) {
        String c = raw.replace('\n', ' ');
        if (c.length() >= 2 && c.startsWith(" ") && c.endsWith(" ") && !c.isBlank()) {
            c = c.substring(1, c.length() - 1);
        }
        return c;
    }

    private static boolean canOpen(String s, int i, int k, char c) {
        char next = i + k < s.length() ? s.charAt(i + k) : ' ';
        if (Character.isWhitespace(next)) {
            return false;
        }
        if (c == '_') {
            char prev = i > 0 ? s.charAt(i - 1) : ' ';
            return !Character.isLetterOrDigit(prev);
        }
        return true;
    }

    private static boolean canClose(String s, int j, int used, char c) {
        char prev = j > 0 ? s.charAt(j - 1) : ' ';
        if (Character.isWhitespace(prev)) {
            return false;
        }
        if (c == '_') {
            char next = j + used < s.length() ? s.charAt(j + used) : ' ';
            return !Character.isLetterOrDigit(next);
        }
        return true;
    }

    /**
     * The closing delimiter run for an opener of {@code used} characters: the next run of the same
     * character of exactly that length (a single {@code *} does not close on a {@code **}) that can
     * close, skipping code spans and escapes. -1 when there is none or the content would be empty.
     */
    private static int closing(String s, int from, char c, int used) {
        int j = from;
        while (j < s.length()) {
            char d = s.charAt(j);
            if (d == '\\') {
                j += 2;
            } else if (d == '`') {
                int k = Markdown.run(s, j, '`');
                int close = closingBackticks(s, j + k, k);
                j = close < 0 ? j + k : close + k;
            } else if (d == c) {
                int r = Markdown.run(s, j, c);
                if (r == used && j > from && canClose(s, j, used, c)) {
                    return j;
                }
                j += r;
            } else {
                j++;
            }
        }
        return -1;
    }

    /** Index of the {@code ]} matching the {@code [} at {@code open}, skipping code spans; -1 if none. */
    private static int bracketEnd(String s, int open) {
        int depth = 0;
        int i = open;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == '`') {
                int k = Markdown.run(s, i, '`');
                int close = closingBackticks(s, i + k, k);
                i = close < 0 ? i + k : close + k;
                continue;
            }
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                depth--;
                if (depth == 0) {
                    return i;
                }
            }
            i++;
        }
        return -1;
    }

    /** For {@code [label](url)} starting at {@code open}: the index just after {@code )}, or -1. */
    private static int linkEnd(String s, int open) {
        int labelEnd = bracketEnd(s, open);
        if (labelEnd < 0 || labelEnd + 1 >= s.length() || s.charAt(labelEnd + 1) != '(') {
            return -1;
        }
        int depth = 0;
        for (int i = labelEnd + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                return -1;
            }
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    /** {@code url "title"}: the title is dropped (the report shows no tooltips from documents). */
    private static String stripTitle(String url) {
        String u = url.strip();
        int sp = u.indexOf(' ');
        if (sp > 0 && (u.endsWith("\"") || u.endsWith("'"))) {
            return u.substring(0, sp);
        }
        if (u.startsWith("<") && u.endsWith(">")) {
            return u.substring(1, u.length() - 1);
        }
        return u;
    }

    private static boolean isAsciiPunctuation(char c) {
        return c < 128 && "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".indexOf(c) >= 0;
    }
}
