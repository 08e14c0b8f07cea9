package kreply.reports.render;

import java.io.IOException;
import java.io.Writer;

import kreply.reports.gate.GateOutcome;

/**
 * One output format of a gated analysis. Renderers read only the shared report model
 * ({@link GateOutcome} wrapping the engine's {@code AnalysisResult}) and never decide the gate
 * themselves, so every format tells the same story.
 */
public interface Renderer {
    /** The name used with {@code --format}, e.g. {@code sarif}. */
    String format();

    /** The file the report is written to inside the output folder, e.g. {@code kreply.sarif}. */
    String fileName();

    void render(GateOutcome outcome, RenderContext context, Writer out) throws IOException;
}
