package kreply.reports.html.page;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into plain runs and the characters a reviewer must see but a browser would hide or
 * act on: C0/C1 controls (except tab and newline), bidirectional embeddings, overrides, isolates
 * and marks (the "Trojan Source" characters that make code read differently from how it compiles),
 * zero-width characters and the line/paragraph separators. The templates show each such character
 * as a visible {@code U+XXXX} badge instead of the character itself. The report's script applies
 * the same set ({@code report.js}, {@code HIDDEN}) to text it puts on the page.
 */
public final class VisibleText {
    private VisibleText() {
    }

    /** A run of text; {@code hidden} runs are one hidden character shown as {@code label}. */
    public record Segment(String text, boolean hidden, String label, String name) {
        static Segment plain(String s) {
            return new Segment(s, false, s, null);
        }
    }

    public static boolean isHidden(int cp) {
        return (cp <= 0x1f && cp != '\t' && cp != '\n') || (cp >= 0x7f && cp <= 0x9f) || cp == 0x061c
                || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x2028 && cp <= 0x202e)
                || (cp >= 0x2060 && cp <= 0x2064) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0xfeff;
    }

    public static List<Segment> of(String s) {
        if (s == null || s.isEmpty()) {
            return List.of();
        }
        List<Segment> out = new ArrayList<>();
        int start = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int len = Character.charCount(cp);
            if (isHidden(cp)) {
                if (i > start) {
                    out.add(Segment.plain(s.substring(start, i)));
                }
                String name = Character.getName(cp);
                out.add(new Segment(s.substring(i, i + len), true, label(cp),
                        name == null ? label(cp) : name.toLowerCase(Locale.ROOT)));
                start = i + len;
            }
            i += len;
        }
        if (start < s.length()) {
            out.add(Segment.plain(s.substring(start)));
        }
        return out;
    }

    /**
     * The text with each hidden character replaced by its {@code U+XXXX} label, for places that
     * cannot hold markup (attribute values, option labels, the page title).
     */
    public static String flat(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (Segment seg : of(s)) {
            b.append(seg.hidden() ? seg.label() : seg.text());
        }
        return b.toString();
    }

    public static String label(int cp) {
        return String.format(Locale.ROOT, "U+%04X", cp);
    }
}
