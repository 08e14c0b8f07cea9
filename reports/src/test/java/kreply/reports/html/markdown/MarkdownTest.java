// contract: the rule-doc markdown parser builds headings, paragraphs, emphasis, code, lists, quotes and tables, keeps seL4 underscores literal, and turns everything it does not understand or trust (raw HTML, images, unsafe links) into plain text.
package kreply.reports.html.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import kreply.reports.html.markdown.Block.CodeBlock;
import kreply.reports.html.markdown.Block.Heading;
import kreply.reports.html.markdown.Block.ListBlock;
import kreply.reports.html.markdown.Block.Paragraph;
import kreply.reports.html.markdown.Block.Quote;
import kreply.reports.html.markdown.Block.Table;
import kreply.reports.html.markdown.Inline.Code;
import kreply.reports.html.markdown.Inline.Emphasis;
import kreply.reports.html.markdown.Inline.Link;
import kreply.reports.html.markdown.Inline.Strong;
import kreply.reports.html.markdown.Inline.Text;

class MarkdownTest {
    private final Markdown md = new Markdown(new LinkPolicy(
            t -> t.equals("other-rule.md") ? Optional.of("#rule-3") : Optional.empty()));

    private List<Inline> inline(String s) {
        return ((Paragraph) md.parse(s).get(0)).content();
    }

    @Test
    void headingsAndParagraphs() {
        List<Block> b = md.parse("# Title #\n\n## What\nfirst line\nsecond line\n\nnext");
        assertThat(b).containsExactly(new Heading(1, List.of(new Text("Title"))), new Heading(2, List.of(new Text("What"))),
                new Paragraph(List.of(new Text("first line\nsecond line"))), new Paragraph(List.of(new Text("next"))));
    }

    @Test
    void emphasisStrongAndCode() {
        assertThat(inline("**Code C** · a *reply root* and `setMR(t, b, 0, v)` or __x__ _y_")).containsExactly(
                new Strong(List.of(new Text("Code C"))), new Text(" · a "), new Emphasis(List.of(new Text("reply root"))),
                new Text(" and "), new Code("setMR(t, b, 0, v)"), new Text(" or "), new Strong(List.of(new Text("x"))),
                new Text(" "), new Emphasis(List.of(new Text("y"))));
    }

    @Test
    void underscoresInsideNamesAreNotEmphasis() {
        assertThat(inline("replyFromKernel_success_empty and schedContext_completeYieldTo_x"))
                .containsExactly(new Text("replyFromKernel_success_empty and schedContext_completeYieldTo_x"));
        assertThat(inline("a * b * c and 2*3")).containsExactly(new Text("a * b * c and 2*3"));
    }

    @Test
    void codeSpansKeepTheirContentLiterally() {
        assertThat(inline("``a `b` **c**`` and `<img src=x>`")).containsExactly(new Code("a `b` **c**"),
                new Text(" and "), new Code("<img src=x>"));
        assertThat(inline("unclosed `tick")).containsExactly(new Text("unclosed `tick"));
        assertThat(inline("\\*not emphasis\\* and \\`x\\`")).containsExactly(new Text("*not emphasis* and `x`"));
    }

    @Test
    void linksPassThePolicyOrBecomeText() {
        assertThat(inline("[seL4](https://sel4.systems/About/ \"title\") and [other](other-rule.md)")).containsExactly(
                new Link(List.of(new Text("seL4")), "https://sel4.systems/About/", true), new Text(" and "),
                new Link(List.of(new Text("other")), "#rule-3", false));
        assertThat(inline("[x](javascript:alert(1))")).containsExactly(new Text("x"), new Text(" (javascript:alert(1))"));
        assertThat(inline("[x](README.md) [y](//evil.example/) [z](data:text/html,hi)")).containsExactly(new Text("x"),
                new Text(" (README.md) "), new Text("y"), new Text(" (//evil.example/) "), new Text("z"),
                new Text(" (data:text/html,hi)"));
        assertThat(inline("<https://example.org/a> <javascript:alert(1)>")).containsExactly(
                new Link(List.of(new Text("https://example.org/a")), "https://example.org/a", true),
                new Text(" <javascript:alert(1)>"));
    }

    @Test
    void imagesAndRawHtmlStayText() {
        assertThat(inline("![alt](https://example.org/x.png) <img src=x onerror=alert(1)> &amp;")).containsExactly(
                new Text("![alt](https://example.org/x.png) <img src=x onerror=alert(1)> &amp;"));
        assertThat(md.parse("<script>alert(1)</script>")).containsExactly(
                new Paragraph(List.of(new Text("<script>alert(1)</script>"))));
    }

    @Test
    void fencedAndIndentedCode() {
        assertThat(md.parse("```java\nint x = 1;\n  y();\n```\n\n    indented\n    code\n\nafter")).containsExactly(
                new CodeBlock("java", "int x = 1;\n  y();\n"), new CodeBlock("", "indented\ncode\n"),
                new Paragraph(List.of(new Text("after"))));
        assertThat(md.parse("~~~\nunclosed fence </pre>")).containsExactly(new CodeBlock("", "unclosed fence </pre>\n"));
    }

    @Test
    void nestedListsAndLooseItems() {
        List<Block> b = md.parse("- one\n- two\n  - two.a\n  - two.b\n- three\n  continued\n\n3. c\n4. d");
        ListBlock bullets = (ListBlock) b.get(0);
        assertThat(bullets.ordered()).isFalse();
        assertThat(bullets.items()).hasSize(3);
        assertThat(bullets.items().get(0).simple()).isTrue();
        assertThat(bullets.items().get(1).blocks()).hasSize(2).last().isInstanceOf(ListBlock.class);
        assertThat(bullets.items().get(2).simpleContent()).containsExactly(new Text("three\ncontinued"));
        ListBlock numbered = (ListBlock) b.get(1);
        assertThat(numbered.ordered()).isTrue();
        assertThat(numbered.start()).isEqualTo(3);
        assertThat(numbered.items()).hasSize(2);
    }

    @Test
    void listInterruptsAParagraph() {
        assertThat(md.parse("Guard with:\n- S1\n- S2")).hasSize(2).last().isInstanceOf(ListBlock.class);
        assertThat(md.parse("Year\n2024. was good")).hasSize(1); // only "1." may interrupt
    }

    @Test
    void quotesAndThematicBreaks() {
        assertThat(md.parse("> quoted **text**\n> more\n\n---")).containsExactly(
                new Quote(List.of(new Paragraph(List.of(new Text("quoted "), new Strong(List.of(new Text("text"))),
                        new Text("\nmore"))))), new Block.ThematicBreak());
    }

    @Test
    void pipeTablesWithAlignmentAndCodeCells() {
        Table t = (Table) md.parse("| Rule | Codes | n |\n|:---|:-:|--:|\n| [r](other-rule.md) | `R \\| R~` | 2 |\n| short |")
                .get(0);
        assertThat(t.header()).extracting(Block.Cell::align).containsExactly("left", "center", "right");
        assertThat(t.rows()).hasSize(2);
        assertThat(t.rows().get(0).get(1).content()).containsExactly(new Code("R | R~"));
        assertThat(t.rows().get(0).get(0).content()).containsExactly(new Link(List.of(new Text("r")), "#rule-3", false));
        assertThat(t.rows().get(1)).hasSize(3); // missing cells are filled
    }

    @Test
    void hugePagesAreCutWithANote() {
        String page = "word ".repeat(Markdown.MAX_CHARS / 5 + 100);
        List<Block> b = md.parse(page);
        assertThat(b.get(b.size() - 1)).isEqualTo(new Paragraph(List.of(new Text("(page truncated: longer than 256 KiB)"))));
    }
}
