package kreply.reports.html;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import kreply.reports.gate.GateOutcome;
import kreply.reports.render.RenderContext;

/** Renders HTML reports to strings and files for the tests. */
final class HtmlFiles {
    private HtmlFiles() {
    }

    static String render(GateOutcome outcome, RenderContext context) {
        StringWriter w = new StringWriter();
        try {
            new HtmlRenderer().render(outcome, context, w);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    static Path write(GateOutcome outcome, RenderContext context, Path file) {
        try {
            Files.createDirectories(file.getParent());
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                new HtmlRenderer().render(outcome, context, w);
            }
            return file.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
