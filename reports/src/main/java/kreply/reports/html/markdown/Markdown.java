package kreply.reports.html.markdown;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small markdown parser for rule documentation pages: ATX headings, paragraphs, fenced and
 * indented code, bullet and ordered lists (nested by indentation), block quotes, pipe tables and
 * thematic breaks, with the inline forms of {@link InlineParser}. It produces a {@link Block} tree,
 * never HTML: the report's templates render the tree with escaping, so whatever the parser does not
 * understand (raw HTML, setext headings, reference links, images) ends up as visible text rather
 * than as markup.
 */
public final class Markdown {
    /** Pages longer than this are cut: rule docs are a few kilobytes, and the parser must stay cheap. */
    public static final int MAX_CHARS = 256 * 1024;

    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^( {0,3})(`{3,}|~{3,})[ \\t]*([^`\\s]*).*$");
    private static final Pattern THEMATIC = Pattern.compile("^ {0,3}((\\*[ \\t]*){3,}|(-[ \\t]*){3,}|(_[ \\t]*){3,})$");
    private static final Pattern ITEM = Pattern.compile("^( {0,3})([-*+]|(\\d{1,9})[.)])( +|$)(.*)$");
    private static final Pattern QUOTE = Pattern.compile("^ {0,3}> ?(.*)$");
    private static final Pattern DELIMITER_ROW =
            Pattern.compile("^ {0,3}\\|?[ \\t]*:?-+:?[ \\t]*(\\|[ \\t]*:?-+:?[ \\t]*)*\\|?[ \\t]*$");

    private final InlineParser inline;

    public Markdown(LinkPolicy links) {
        this.inline = new InlineParser(links);
    }

    public List<Block> parse(String text) {
        String t = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        List<String> lines = new ArrayList<>();
        for (String l : t.split("\r\n|\r|\n", -1)) {
            lines.add(expandTabs(l));
        }
        List<Block> blocks = blocks(lines);
        if (text.length() > MAX_CHARS) {
            blocks = new ArrayList<>(blocks);
            blocks.add(new Block.Paragraph(List.of(new Inline.Text("(page truncated: longer than "
                    + MAX_CHARS / 1024 + " KiB)"))));
        }
        return blocks;
    }

    private List<Block> blocks(List<String> lines) {
        List<Block> out = new ArrayList<>();
        int i = 0;
        int n = lines.size();
        while (i < n) {
            String line = lines.get(i);
            if (line.isBlank()) {
                i++;
                continue;
            }
            Matcher m;
            if ((m = FENCE.matcher(line)).matches()) {
                i = fenced(lines, i, m, out);
            } else if ((m = HEADING.matcher(line)).matches()) {
                out.add(new Block.Heading(m.group(1).length(), inline.parse(m.group(2) == null ? "" : m.group(2))));
                i++;
            } else if (THEMATIC.matcher(line).matches()) {
                out.add(new Block.ThematicBreak());
                i++;
            } else if (QUOTE.matcher(line).matches()) {
                List<String> inner = new ArrayList<>();
                while (i < n && (m = QUOTE.matcher(lines.get(i))).matches()) {
                    inner.add(m.group(1));
                    i++;
                }
                out.add(new Block.Quote(blocks(inner)));
            } else if (ITEM.matcher(line).matches()) {
                i = list(lines, i, out);
            } else if (i + 1 < n && line.indexOf('|') >= 0 && DELIMITER_ROW.matcher(lines.get(i + 1)).matches()
                    && lines.get(i + 1).indexOf('-') >= 0) {
                i = table(lines, i, out);
            } else if (indent(line) >= 4) {
                i = indentedCode(lines, i, out);
            } else {
                i = paragraph(lines, i, out);
            }
        }
        return out;
    }

    private static int fenced(List<String> lines, int start, Matcher open, List<Block> out) {
        String fence = open.group(2);
        int fenceIndent = open.group(1).length();
        StringBuilder code = new StringBuilder();
        int i = start + 1;
        while (i < lines.size()) {
            String l = lines.get(i);
            String stripped = l.stripLeading();
            if (indent(l) < 4 && stripped.startsWith(fence.substring(0, 3)) && stripped.charAt(0) == fence.charAt(0)
                    && run(stripped, 0, fence.charAt(0)) >= fence.length() && stripped.strip().chars()
                    .allMatch(c -> c == fence.charAt(0))) {
                i++;
                break;
            }
            code.append(l, Math.min(fenceIndent, indent(l)), l.length()).append('\n');
            i++;
        }
        out.add(new Block.CodeBlock(open.group(3), code.toString()));
        return i;
    }

    private static int indentedCode(List<String> lines, int start, List<Block> out) {
        List<String> code = new ArrayList<>();
        int i = start;
        while (i < lines.size() && (lines.get(i).isBlank() || indent(lines.get(i)) >= 4)) {
            String l = lines.get(i);
            code.add(l.length() >= 4 ? l.substring(4) : "");
            i++;
        }
        while (!code.isEmpty() && code.get(code.size() - 1).isBlank()) {
            code.remove(code.size() - 1);
        }
        out.add(new Block.CodeBlock("", String.join("\n", code) + "\n"));
        return i;
    }

    private int paragraph(List<String> lines, int start, List<Block> out) {
        StringBuilder text = new StringBuilder(lines.get(start).strip());
        int i = start + 1;
        while (i < lines.size() && !lines.get(i).isBlank() && !interrupts(lines.get(i))) {
            text.append('\n').append(lines.get(i).strip());
            i++;
        }
        out.add(new Block.Paragraph(inline.parse(text.toString())));
        return i;
    }

    /** Lines that end a paragraph without a blank line before them. */
    private static boolean interrupts(String line) {
        if (FENCE.matcher(line).matches() || HEADING.matcher(line).matches() || THEMATIC.matcher(line).matches()
                || QUOTE.matcher(line).matches()) {
            return true;
        }
        Matcher m = ITEM.matcher(line);
        // as in CommonMark: a bullet, or an ordered item numbered 1, with content
        return m.matches() && !m.group(5).isBlank() && (m.group(3) == null || m.group(3).equals("1"));
    }

    private int list(List<String> lines, int start, List<Block> out) {
        Matcher first = ITEM.matcher(lines.get(start));
        first.matches();
        boolean ordered = first.group(3) != null;
        char marker = ordered ? first.group(2).charAt(first.group(2).length() - 1) : first.group(2).charAt(0);
        int startNumber = ordered ? parseStart(first.group(3)) : 1;
        List<Block.ListItem> items = new ArrayList<>();
        int i = start;
        int n = lines.size();
        while (i < n) {
            Matcher m = ITEM.matcher(lines.get(i));
            if (!m.matches() || (m.group(3) != null) != ordered
                    || (ordered ? m.group(2).charAt(m.group(2).length() - 1) : m.group(2).charAt(0)) != marker) {
                break;
            }
            int contentIndent = m.group(1).length() + m.group(2).length()
                    + (m.group(5).isEmpty() ? 1 : Math.min(m.group(4).length(), 4));
            List<String> body = new ArrayList<>();
            body.add(m.group(5));
            i++;
            while (i < n) {
                String l = lines.get(i);
                if (l.isBlank()) {
                    int j = i;
                    while (j < n && lines.get(j).isBlank()) {
                        j++;
                    }
                    if (j < n && indent(lines.get(j)) >= contentIndent) {
                        while (i < j) {
                            body.add("");
                            i++;
                        }
                        continue;
                    }
                    break;
                }
                if (indent(l) >= contentIndent) {
                    body.add(l.substring(contentIndent));
                } else if (ITEM.matcher(l).matches() || interrupts(l)) {
                    break;
                } else {
                    body.add(l.strip()); // lazy continuation of the item's paragraph
                }
                i++;
            }
            items.add(new Block.ListItem(blocks(body)));
            // blank lines between two items of the same list
            int j = i;
            while (j < n && lines.get(j).isBlank()) {
                j++;
            }
            if (j > i && j < n && sameList(lines.get(j), ordered, marker)) {
                i = j;
            }
        }
        out.add(new Block.ListBlock(ordered, startNumber, items));
        return i;
    }

    private static boolean sameList(String line, boolean ordered, char marker) {
        Matcher m = ITEM.matcher(line);
        return m.matches() && (m.group(3) != null) == ordered
                && (ordered ? m.group(2).charAt(m.group(2).length() - 1) : m.group(2).charAt(0)) == marker;
    }

    private static int parseStart(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return 1;
        }
    }

    private int table(List<String> lines, int start, List<Block> out) {
        List<String> head = cells(lines.get(start));
        List<String> delim = cells(lines.get(start + 1));
        List<String> align = new ArrayList<>();
        for (String d : delim) {
            String s = d.strip();
            boolean left = s.startsWith(":");
            boolean right = s.endsWith(":");
            align.add(left && right ? "center" : right ? "right" : left ? "left" : "");
        }
        int width = head.size();
        List<Block.Cell> header = new ArrayList<>();
        for (int c = 0; c < width; c++) {
            header.add(new Block.Cell(inline.parse(head.get(c).strip()), c < align.size() ? align.get(c) : ""));
        }
        List<List<Block.Cell>> rows = new ArrayList<>();
        int i = start + 2;
        while (i < lines.size() && !lines.get(i).isBlank() && lines.get(i).indexOf('|') >= 0
                && !interrupts(lines.get(i))) {
            List<String> raw = cells(lines.get(i));
            List<Block.Cell> row = new ArrayList<>();
            for (int c = 0; c < width; c++) {
                row.add(new Block.Cell(inline.parse(c < raw.size() ? raw.get(c).strip() : ""),
                        c < align.size() ? align.get(c) : ""));
            }
            rows.add(row);
            i++;
        }
        out.add(new Block.Table(header, rows));
        return i;
    }

    /** Splits a table row at pipes that are neither escaped nor inside a code span ({@code \|} is a literal pipe). */
    static List<String> cells(String row) {
        String r = row.strip();
        if (r.startsWith("|")) {
            r = r.substring(1);
        }
        if (r.endsWith("|") && !r.endsWith("\\|")) {
            r = r.substring(0, r.length() - 1);
        }
        List<String> out = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        while (i < r.length()) {
            char c = r.charAt(i);
            if (c == '\\' && i + 1 < r.length() && r.charAt(i + 1) == '|') {
                cell.append('|');
                i += 2;
            } else if (c == '`') {
                int k = run(r, i, '`');
                int close = InlineParser.closingBackticks(r, i + k, k);
                int end = close < 0 ? i + k : close + k;
                cell.append(r.substring(i, end).replace("\\|", "|")); // GFM: \| is a pipe even in code
                i = end;
            } else if (c == '|') {
                out.add(cell.toString());
                cell.setLength(0);
                i++;
            } else {
                cell.append(c);
                i++;
            }
        }
        out.add(cell.toString());
        return out;
    }

    static int run(String s, int from, char c) {
        int k = 0;
        while (from + k < s.length() && s.charAt(from + k) == c) {
            k++;
        }
        return k;
    }

    private static int indent(String line) {
        int k = 0;
        while (k < line.length() && line.charAt(k) == ' ') {
            k++;
        }
        return k;
    }

    private static String expandTabs(String line) {
        if (line.indexOf('\t') < 0) {
            return line;
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\t') {
                do {
                    b.append(' ');
                } while (b.length() % 4 != 0);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
