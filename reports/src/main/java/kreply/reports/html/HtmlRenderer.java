package kreply.reports.html;

import java.io.IOException;
import java.io.Writer;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.TemplateException;
import gg.jte.output.WriterOutput;

import kreply.reports.gate.GateOutcome;
import kreply.reports.html.page.ReportPage;
import kreply.reports.render.RenderContext;
import kreply.reports.render.Renderer;

/**
 * {@code index.html}: the page a reviewer reads. One self-contained file (styles, script and data
 * inlined; no network, opens from disk) with the overview counts, a sortable and filterable
 * findings table, each finding's message, rule documentation, source excerpt, witness path diagram
 * and fix preview, and a call-graph neighbourhood view. The markup comes from jte templates
 * compiled at build time with HTML-context escaping; everything data-driven in the browser is built
 * with DOM text nodes, never parsed as HTML.
 */
public final class HtmlRenderer implements Renderer {
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(null, ContentType.Html,
            HtmlRenderer.class.getClassLoader(), "kreply.reports.html.templates");

    @Override
    public String format() {
        return "html";
    }

    @Override
    public String fileName() {
        return "index.html";
    }

    @Override
    public void render(GateOutcome outcome, RenderContext context, Writer out) throws IOException {
        ReportPage page = new ReportPageBuilder(context).build(outcome);
        try {
            TEMPLATES.render("report.jte", page, new WriterOutput(out));
        } catch (TemplateException e) {
            // jte wraps the writer's failure; a full disk is an I/O problem, not a template bug
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof IOException io) {
                    throw io;
                }
            }
            throw e;
        }
        out.flush();
    }
}
