// contract: the report of the real analysis of kernel-src (bundled pack, shipped baseline, rule docs and the analysis's own call graph) opens in headless Chromium without errors, and its counts, highlighted source lines, rule documentation and call-graph neighbours agree with the analysis.
package kreply.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import kreply.analyzer.engine.AnalyzeRequest;
import kreply.analyzer.engine.Analyzer;
import kreply.analyzer.graph.CallGraph;
import kreply.analyzer.report.Finding;
import kreply.analyzer.report.FindingStatus;
import kreply.analyzer.report.RuleDescriptor;
import kreply.reports.gate.Baseline;
import kreply.reports.gate.BaselineFile;
import kreply.reports.gate.Gate;
import kreply.reports.gate.GateOutcome;
import kreply.reports.render.RenderContext;

class RealKernelReportBrowserTest {
    @TempDir
    static Path tmp;
    static Path kernel;
    static GateOutcome outcome;
    static CallGraph graph;
    static Browser browser;
    static Path html;

    @BeforeAll
    static void analyseRenderAndOpen() throws Exception {
        Browser.requireBinaries();
        Path repo = KernelSrcSample.repo();
        kernel = repo.resolve("kernel-src");
        Analyzer.Run run = new Analyzer().analyzeWithGraph(new AnalyzeRequest(List.of(kernel.resolve("src/main/java")),
                kernel, List.of(repo.resolve("rules/packs/sel4-kernel.yaml")), null, null));
        Path baselineFile = kernel.resolve(BaselineFile.DEFAULT_NAME);
        Baseline baseline = Files.exists(baselineFile) ? BaselineFile.read(baselineFile) : Baseline.empty();
        outcome = Gate.apply(run.result(), baseline, BaselineFile.DEFAULT_NAME);
        graph = run.callGraph();
        html = HtmlFiles.write(outcome, new RenderContext(repo.resolve("rules"), graph), tmp.resolve("index.html"));
        browser = new Browser();
    }

    @BeforeEach
    void openShowingAll() {
        browser.open(html);
        browser.find("input[name=status][value=all]").click();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private List<Finding> findings() {
        return outcome.result().findings();
    }

    @Test
    void countsAreTheGatesCounts() {
        assertThat(findings()).isNotEmpty();
        for (FindingStatus s : FindingStatus.values()) {
            String card = browser.find(".card.status-" + s.name().toLowerCase() + " .card-count").getText();
            assertThat(card).as(s.name()).isEqualTo(String.valueOf(outcome.count(s)));
        }
        int shown = Math.min(50, findings().size());
        assertThat(browser.find("#result-count").getText())
                .startsWith("Showing 1–" + shown + " of " + findings().size() + " matching findings");
        assertThat(browser.consoleErrors()).isEmpty();
        assertThat(browser.screenshot("real-kernel-report")).isNotEmptyFile();
    }

    @Test
    void expandedFindingsHighlightTheirRealSourceLines() throws Exception {
        List<WebElement> toggles = browser.all("#findings-body tr.finding button.toggle");
        for (WebElement toggle : toggles.subList(0, Math.min(12, toggles.size()))) {
            toggle.click();
            String n = toggle.getAttribute("data-n");
            Finding f = findings().get(Integer.parseInt(n));
            WebElement detail = browser.find("#detail-" + n);
            WebElement hit = detail.findElement(By.cssSelector("figure.excerpt mark.hit"));
            String real = Files.readAllLines(kernel.resolve(f.file())).get(f.line() - 1);
            assertThat(hit.findElement(By.cssSelector(".src")).getAttribute("textContent")).as(f.method()).isEqualTo(real);
            assertThat(detail.findElements(By.cssSelector("svg.path-diagram a.node"))).hasSize(f.witness().size());
            toggle.click();
        }
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void everyDocumentedRuleShowsItsPage() {
        Path docs = KernelSrcSample.repo().resolve("rules");
        List<RuleDescriptor> rules = outcome.result().rules();
        for (int i = 0; i < rules.size(); i++) {
            boolean documented = rules.get(i).docPath() != null && Files.isRegularFile(docs.resolve(rules.get(i).docPath()));
            assertThat(browser.all("#rule-" + i + "-doc")).as(rules.get(i).id()).hasSize(documented ? 1 : 0);
        }
    }

    @Test
    void callGraphViewUsesTheAnalysisGraph() {
        Finding q = findings().stream().filter(f -> f.kinds().contains("Q")).findFirst().orElseThrow();
        int n = findings().indexOf(q);
        browser.find("#filter-text").sendKeys(q.message());
        browser.find("#finding-" + n + " button.toggle").click();
        browser.find("#detail-" + n + " button.show-in-graph").click();

        assertThat(browser.find("#callgraph p.note").getText()).contains("from the analysis's call graph");
        List<String> labels = browser.all("#cg-view svg a.node").stream().map(e -> e.getAttribute("aria-label")).toList();
        // every caller and callee the graph knows is drawn (up to the report's cap)
        int expected = Math.min(ReportPageBuilder.MAX_NEIGHBOURS, graph.callers(q.methodId()).size())
                + Math.min(ReportPageBuilder.MAX_NEIGHBOURS, graph.callees(q.methodId()).size());
        assertThat(labels).hasSize(expected);
        assertThat(labels).anySatisfy(l -> assertThat(l).contains("calls it via"))
                .anySatisfy(l -> assertThat(l).contains("called via"));
        assertThat(browser.consoleErrors()).isEmpty();
        browser.js("document.getElementById('callgraph').scrollIntoView()");
        assertThat(browser.screenshot("real-kernel-callgraph")).isNotEmptyFile();
    }
}
