package kreply.reports.render;

import java.nio.file.Path;

import kreply.analyzer.graph.CallGraph;

/**
 * What renderers may need beyond the report model: the repository's {@code rules/} folder, where
 * rule documentation pages live ({@code RuleDescriptor.docPath} is relative to it), and the call
 * graph the analysis ran on, which the HTML report uses to show callers and callees around the
 * findings' witness paths. Either is null when it is not known (for example a bare jar run without
 * a kreply home, or an analysis that did not hand out its graph); renderers then omit doc links or
 * fall back to what the findings themselves contain.
 */
public record RenderContext(Path rulesDir, CallGraph callGraph) {
    public static final RenderContext NONE = new RenderContext(null, null);

    public RenderContext(Path rulesDir) {
        this(rulesDir, null);
    }
}
