package kreply.reports.html;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import kreply.reports.render.RenderContext;

class ScratchRenderTest {
    @Test
    void render() throws Exception {
        KernelSrcSample s = new KernelSrcSample();
        Path out = Path.of("target/scratch/index.html");
        Files.createDirectories(out.getParent());
        try (Writer w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            new HtmlRenderer().render(s.outcome, new RenderContext(KernelSrcSample.rulesDir()), w);
        }
        try (Browser b = new Browser()) {
            b.open(out.toAbsolutePath());
            b.screenshot("scratch-top");
            System.out.println(b.consoleErrors());
            b.find("#findings-body button.toggle").click();
            b.js("document.getElementById('findings').scrollIntoView()");
            b.screenshot("scratch-detail");
            b.js("document.querySelector('svg.path-diagram').scrollIntoView()");
            b.screenshot("scratch-path");
            b.find("svg.path-diagram a:nth-of-type(3)").click();
            b.screenshot("scratch-step");
            b.js("document.getElementById('callgraph').scrollIntoView()");
            b.screenshot("scratch-cg");
            b.js("document.getElementById('rules').scrollIntoView()");
            b.screenshot("scratch-rules");
            System.out.println(b.consoleErrors());
            System.out.println(b.js("return window.kreplyReport.cspViolations"));
        }
    }
}
