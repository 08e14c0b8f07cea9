package kreply.reports.html.markdown;

import java.util.List;

/**
 * A block of a parsed markdown page. The set is deliberately small (what rule documentation uses);
 * the HTML templates render each kind with escaping, so a page can never inject markup.
 */
public sealed interface Block {
    /** {@code # Title}: level 1 to 6 as written; the page shifts levels to fit under its own headings. */
    record Heading(int level, List<Inline> content) implements Block {
        public Heading {
            content = List.copyOf(content);
        }
    }

    record Paragraph(List<Inline> content) implements Block {
        public Paragraph {
            content = List.copyOf(content);
        }
    }

    /** A fenced or indented code block; {@code language} is the fence's info word or empty. */
    record CodeBlock(String language, String code) implements Block {
    }

    record ListBlock(boolean ordered, int start, List<ListItem> items) implements Block {
        public ListBlock {
            items = List.copyOf(items);
        }
    }

    /**
     * One list item. {@code tight} items whose only block is a paragraph are rendered without a
     * paragraph element, as markdown renderers do.
     */
    record ListItem(List<Block> blocks) {
        public ListItem {
            blocks = List.copyOf(blocks);
        }

        public boolean simple() {
            return blocks.size() == 1 && blocks.get(0) instanceof Paragraph;
        }

        public List<Inline> simpleContent() {
            return ((Paragraph) blocks.get(0)).content();
        }
    }

    record Quote(List<Block> blocks) implements Block {
        public Quote {
            blocks = List.copyOf(blocks);
        }
    }

    /** A GitHub-style pipe table; every row has as many cells as the header. */
    record Table(List<Cell> header, List<List<Cell>> rows) implements Block {
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /** A table cell; {@code align} is {@code left}, {@code center}, {@code right} or empty. */
    record Cell(List<Inline> content, String align) {
        public Cell {
            content = List.copyOf(content);
        }
    }

    record ThematicBreak() implements Block {
    }
}
