// contract: in headless Chromium the kernel-src report opens from disk with no script error or CSP violation, filters (status, rule, code, file, text), sorts and pages the findings, expands a finding into its message, rule doc, highlighted source line, witness diagram and fix diff, follows a path node to its source, and drives the call-graph view.
package kreply.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import kreply.analyzer.report.Finding;
import kreply.analyzer.report.FindingStatus;
import kreply.analyzer.report.PathStep;
import kreply.reports.render.RenderContext;

class KernelReportBrowserTest {
    @TempDir
    static Path tmp;
    static KernelSrcSample sample;
    static Path html;
    static Browser browser;

    @BeforeAll
    static void renderAndStart() {
        Browser.requireBinaries();
        sample = new KernelSrcSample();
        html = HtmlFiles.write(sample.outcome, new RenderContext(KernelSrcSample.rulesDir()), tmp.resolve("index.html"));
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @BeforeEach
    void open() {
        browser.open(html);
    }

    @AfterEach
    void nothingWentWrong() {
        assertThat(browser.consoleErrors()).isEmpty();
        assertThat((List<?>) browser.js("return window.kreplyReport.cspViolations")).isEmpty();
    }

    private long count(FindingStatus s) {
        return sample.outcome.count(s);
    }

    private int row(Finding f) {
        return sample.outcome.result().findings().indexOf(f);
    }

    private void showAll() {
        browser.find("input[name=status][value=all]").click();
    }

    @Test
    void opensOnTheNewFindingsWithTheOverviewCounts() {
        int total = sample.outcome.result().findings().size();
        assertThat(browser.find("#result-count").getText())
                .isEqualTo("Showing 1–" + count(FindingStatus.NEW) + " of " + count(FindingStatus.NEW)
                        + " matching findings (" + total + " in total).");
        assertThat(browser.rows()).hasSize((int) count(FindingStatus.NEW)).allSatisfy(r -> assertThat(r).contains(" new "));
        assertThat(browser.find(".card.status-baselined .card-count").getText())
                .isEqualTo(String.valueOf(count(FindingStatus.BASELINED)));
        assertThat(browser.find(".card.status-suppressed .card-count").getText())
                .isEqualTo(String.valueOf(count(FindingStatus.SUPPRESSED)));
        assertThat(browser.find("title").getAttribute("textContent")).isEqualTo("kreply report: kernel-src");
    }

    @Test
    void statusRuleCodeFileAndTextFiltersCombine() {
        browser.find("input[name=status][value=suppressed]").click();
        assertThat(browser.rows()).hasSize((int) count(FindingStatus.SUPPRESSED))
                .allSatisfy(r -> assertThat(r).contains("TcbInvocations#invokeConfigureSingleStepping"));

        showAll();
        new Select(browser.find("#filter-rule")).selectByValue("queue-block-while-queued");
        assertThat(browser.rows()).hasSize(2).anySatisfy(r -> assertThat(r).contains("Vcpus#VGICMaintenance"));

        new Select(browser.find("#filter-rule")).selectByValue("");
        new Select(browser.find("#filter-code")).selectByValue("R~");
        assertThat(browser.rows()).hasSize(3);
        new Select(browser.find("#filter-file")).selectByValue(sample.byKey.get("X86VcpuInvocations#invokeReadVMCS/reply-clobbered").file());
        assertThat(browser.rows()).hasSize(1).first().asString().contains("X86VcpuInvocations#invokeReadVMCS");

        browser.find("#filter-reset").click();
        browser.find("#filter-text").sendKeys("yielder");
        assertThat(browser.rows()).hasSize(1).first().asString().contains("schedContext_completeYieldTo");
        browser.find("#filter-text").sendKeys(" no such thing");
        assertThat(browser.rows()).isEmpty();
        assertThat(browser.find("#result-count").getText()).startsWith("No findings match the filters");
    }

    @Test
    void overviewRowsFilterTheTable() {
        browser.find(".count-code button[data-value=Q]").click();
        assertThat(browser.rows()).hasSize(2).allSatisfy(r -> assertThat(r).contains("queue-block-while-queued"));
        assertThat(browser.find("input[name=status][value=all]").isSelected()).isTrue();
        assertThat(new Select(browser.find("#filter-code")).getFirstSelectedOption().getAttribute("value")).isEqualTo("Q");
    }

    @Test
    void sortingByAColumnAndPaging() {
        showAll();
        browser.find("button[data-sort=method]").click();
        List<String> methods = browser.all("#findings-body td.method").stream().map(WebElement::getText).toList();
        assertThat(methods).isSortedAccordingTo(String::compareTo);
        assertThat(browser.find("button[data-sort=method]").findElement(org.openqa.selenium.By.xpath(".."))
                .getAttribute("aria-sort")).isEqualTo("ascending");
        browser.find("button[data-sort=method]").click();
        List<String> reversed = browser.all("#findings-body td.method").stream().map(WebElement::getText).toList();
        assertThat(reversed).isSortedAccordingTo((a, b) -> b.compareTo(a));
        // one page holds every finding of this report: paging is disabled both ways
        assertThat(browser.find("#page-prev").isEnabled()).isFalse();
        assertThat(browser.find("#page-next").isEnabled()).isFalse();
        assertThat(browser.find("#page-info").getText()).isEqualTo("Page 1 of 1");
    }

    @Test
    void expandedFindingShowsMessageDocSourceDiagramAndFix() throws Exception {
        Finding f = sample.byKey.get("TcbInvocations#invokeGetBreakpoint/reply-hardcoded-length");
        int n = row(f);
        WebElement toggle = browser.find("#finding-" + n + " button.toggle");
        assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("false");
        toggle.click();
        assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");
        WebElement detail = browser.find("#detail-" + n);

        assertThat(detail.findElement(org.openqa.selenium.By.cssSelector("p.message")).getText()).isEqualTo(f.message());
        // the highlighted line is the finding's line of the real file, with its number
        WebElement hit = detail.findElement(org.openqa.selenium.By.cssSelector("figure.excerpt mark.hit"));
        String realLine = Files.readAllLines(sample.root.resolve(f.file())).get(f.line() - 1);
        assertThat(hit.findElement(org.openqa.selenium.By.cssSelector(".src")).getAttribute("textContent"))
                .isEqualTo(realLine);
        assertThat(hit.findElement(org.openqa.selenium.By.cssSelector(".ln")).getText()).isEqualTo(String.valueOf(f.line()));
        assertThat(detail.findElements(org.openqa.selenium.By.cssSelector("figure.excerpt")).get(0)
                .findElements(org.openqa.selenium.By.cssSelector(".src-line"))).hasSize(2 * 8 + 1);

        // the witness diagram: one linked node per step, one labelled edge between consecutive steps
        List<WebElement> nodes = detail.findElements(org.openqa.selenium.By.cssSelector("svg.path-diagram a.node"));
        assertThat(nodes).hasSize(f.witness().size());
        List<String> kinds = detail.findElements(org.openqa.selenium.By.cssSelector("svg.path-diagram text.edge-kind"))
                .stream().map(WebElement::getText).toList();
        assertThat(kinds).containsExactlyElementsOf(f.witness().stream().skip(1).map(PathStep::edgeKind).toList());
        assertThat(nodes.get(0).getAttribute("aria-label")).contains("Syscalls#handleSyscall");

        // the fix preview is the diff, coloured by line kind
        List<WebElement> added = detail.findElements(org.openqa.selenium.By.cssSelector("pre.diff .diff-line.add"));
        assertThat(added).anySatisfy(e -> assertThat(e.getText()).contains("seL4_MessageInfo_new(0, 0, 0, length)"));
        assertThat(detail.findElements(org.openqa.selenium.By.cssSelector("pre.diff .diff-line.del"))).isNotEmpty();

        // this rule has no documentation page: the detail says so and links to the rule's section
        assertThat(detail.findElement(org.openqa.selenium.By.cssSelector("p.no-doc")).getText())
                .isEqualTo("The rule reply-hardcoded-length has no documentation page.");
        assertThat(browser.find("#rule-6").getText())
                .contains("No documentation page: no documentation page at rules/docs/reply-hardcoded-length.md");

        browser.js("arguments[0].scrollIntoView()", detail);
        assertThat(browser.screenshot("kernel-report-finding")).isNotEmptyFile();

        toggle.click();
        assertThat(browser.all("#detail-" + n)).isEmpty();
    }

    @Test
    void ruleDocumentationIsRenderedMarkdown() {
        Finding f = sample.byKey.get("Vcpus#VPPIEvent/queue-block-while-queued");
        int n = row(f);
        browser.find("#finding-" + n + " button.toggle").click();
        WebElement doc = browser.find("#detail-" + n + " details.ruledoc-copy");
        assertThat(doc.getText()).isEqualTo("Rule documentation: queue-block-while-queued");
        doc.findElement(org.openqa.selenium.By.tagName("summary")).click();
        assertThat(doc.findElement(org.openqa.selenium.By.cssSelector("pre.code code")).getText())
                .contains("if (ks.ksCurThread.tcbQueued || !k.thread.isSchedulable(ks.ksCurThread)) {");
        assertThat(doc.findElements(org.openqa.selenium.By.cssSelector("ul li"))).hasSize(3);
        // a link to another rule's page jumps to that rule's section of the report
        WebElement clobbered = browser.find("#rule-0");
        WebElement link = clobbered.findElement(org.openqa.selenium.By.linkText("reply-write-without-authority"));
        assertThat(link.getAttribute("href")).endsWith("#rule-4");
    }

    @Test
    void pathNodeLeadsToTheStepSource() {
        Finding f = sample.byKey.get("VSpaceInvocations#performPageGetAddress/reply-clobbered");
        showAll();
        int n = row(f);
        browser.find("#finding-" + n + " button.toggle").click();
        int k = 3; // AArch64#Arch_decodeInvocation, reached by a virtual call
        PathStep step = f.witness().get(k);
        browser.find("#detail-" + n + " svg.path-diagram a.node:nth-of-type(" + (k + 1) + ")").click();

        assertThat(browser.js("return location.hash")).isEqualTo("#step-" + n + "-" + k);
        assertThat(browser.js("return document.activeElement.id")).isEqualTo("step-" + n + "-" + k);
        WebElement target = browser.find("#step-" + n + "-" + k);
        assertThat(target.getText()).contains("called via virtual").contains("AArch64#Arch_decodeInvocation")
                .contains(step.file() + ":" + step.line());
        assertThat(target.findElement(org.openqa.selenium.By.cssSelector("mark.hit .src")).getText())
                .contains("Arch_decodeInvocation(");
        assertThat(browser.screenshot("kernel-report-path-step")).isNotEmptyFile();
    }

    @Test
    void keyboardAloneExpandsAFinding() {
        WebElement first = browser.find("#findings-body button.toggle");
        first.sendKeys(Keys.ENTER);
        assertThat(first.getAttribute("aria-expanded")).isEqualTo("true");
        assertThat(browser.all("tr.detail")).hasSize(1);
    }

    @Test
    void callGraphViewShowsCallersAndCalleesAndRecentres() {
        Finding f = sample.byKey.get("TcbInvocations#invokeGetBreakpoint/reply-write-without-authority");
        int n = row(f);
        browser.find("#finding-" + n + " button.toggle").click();
        browser.find("#detail-" + n + " button.show-in-graph").click();

        assertThat(browser.find("#cg-view h3").getText()).isEqualTo("TcbInvocations#invokeGetBreakpoint");
        assertThat(browser.find("#cg-input").getAttribute("value")).isEqualTo(f.methodId());
        List<WebElement> neighbours = browser.all("#cg-view svg a.node");
        assertThat(neighbours).extracting(e -> e.getAttribute("aria-label"))
                .anySatisfy(l -> assertThat(l).startsWith("TcbInvocations#decodeGetBreakpoint, calls it via call"));
        assertThat(browser.find("#cg-view figure.excerpt mark.hit").getText()).contains("invokeGetBreakpoint(");

        neighbours.get(0).click(); // re-centre on the caller
        assertThat(browser.find("#cg-view h3").getText()).isEqualTo("TcbInvocations#decodeGetBreakpoint");
        assertThat(browser.all("#cg-view svg a.node")).extracting(e -> e.getAttribute("aria-label"))
                .anySatisfy(l -> assertThat(l).startsWith("TcbInvocations#invokeGetBreakpoint, called via call"))
                .anySatisfy(l -> assertThat(l).startsWith("TcbInvocations#decodeTCBInvocation, calls it via call"));

        WebElement input = browser.find("#cg-input");
        input.clear();
        input.sendKeys("Vcpus#VGICMaintenance", Keys.ENTER);
        assertThat(browser.find("#cg-view h3").getText()).isEqualTo("Vcpus#VGICMaintenance");
        input.clear();
        input.sendKeys("handleReservedIRQ", Keys.ENTER);
        assertThat(browser.find("#cg-matches").getText()).startsWith("2 methods match");
        browser.js("document.getElementById('callgraph').scrollIntoView()");
        assertThat(browser.screenshot("kernel-report-callgraph")).isNotEmptyFile();
    }

    @Test
    void fullPageScreenshotOfTheOverview() {
        assertThat(browser.screenshot("kernel-report-overview")).isNotEmptyFile();
    }
}
