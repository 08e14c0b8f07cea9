package kreply.reports.render;

import java.nio.file.Path;

/**
 * What renderers may need beyond the report model: the repository's {@code rules/} folder, where
 * rule documentation pages live ({@code RuleDescriptor.docPath} is relative to it). Null when it is
 * not known (for example a bare jar run without a kreply home); renderers then omit doc links.
 */
public record RenderContext(Path rulesDir) {
    public static final RenderContext NONE = new RenderContext(null);
}
