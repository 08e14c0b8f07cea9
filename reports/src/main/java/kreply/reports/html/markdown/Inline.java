package kreply.reports.html.markdown;

import java.util.List;

/**
 * Inline content of a markdown block. Anything the parser does not understand (raw HTML, images,
 * entities, links it cannot resolve safely) stays {@link Text} and is shown literally.
 */
public sealed interface Inline {
    record Text(String text) implements Inline {
    }

    record Code(String code) implements Inline {
    }

    record Emphasis(List<Inline> content) implements Inline {
        public Emphasis {
            content = List.copyOf(content);
        }
    }

    record Strong(List<Inline> content) implements Inline {
        public Strong {
            content = List.copyOf(content);
        }
    }

    /**
     * A link whose target passed the {@link LinkPolicy}: either an in-page fragment ({@code #...})
     * or an absolute http(s) URL ({@code external}).
     */
    record Link(List<Inline> content, String href, boolean external) implements Inline {
        public Link {
            content = List.copyOf(content);
        }
    }
}
