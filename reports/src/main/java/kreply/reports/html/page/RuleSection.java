package kreply.reports.html.page;

import java.util.List;

import kreply.reports.html.markdown.Block;

/**
 * A rule as the report documents it: descriptor fields plus its documentation page parsed from
 * markdown; {@code docNote} is null when the page was found, and otherwise says why there is none.
 * {@code index} gives the section its anchor, {@code #rule-<index>}.
 */
public record RuleSection(int index, String id, String title, String severity, List<String> codes,
                          String description, String docPath, List<Block> doc, String docNote, int findings) {
    public RuleSection {
        codes = List.copyOf(codes);
        doc = List.copyOf(doc);
    }

    public String anchor() {
        return "rule-" + index;
    }
}
