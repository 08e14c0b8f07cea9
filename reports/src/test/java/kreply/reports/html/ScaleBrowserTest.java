// contract: a report with 10,000 findings over the real kernel-src files loads in headless Chromium with one page of rows in the DOM, and its filters, search, sorting and paging give the same counts as the data; load and filter times are measured (Performance API) against the small kernel report in the same browser and written to target/html-scale.txt, not asserted.
package kreply.reports.html;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;

import kreply.analyzer.report.AnalysisResult;
import kreply.analyzer.report.Finding;
import kreply.analyzer.report.FindingStatus;
import kreply.analyzer.report.PathStep;
import kreply.reports.gate.GateOutcome;
import kreply.reports.render.RenderContext;

class ScaleBrowserTest {
    static final int FINDINGS = 10_000;
    static final int RUNS = 5;

    @TempDir
    static Path tmp;
    static Browser browser;
    static KernelSrcSample sample;
    static GateOutcome big;
    static Path bigHtml;
    static Path smallHtml;
    static long renderMillis;

    @BeforeAll
    static void renderBoth() throws IOException {
        Browser.requireBinaries();
        sample = new KernelSrcSample();
        big = tenThousand(sample);
        RenderContext ctx = new RenderContext(KernelSrcSample.rulesDir());
        long t0 = System.nanoTime();
        bigHtml = HtmlFiles.write(big, ctx, tmp.resolve("big/index.html"));
        renderMillis = (System.nanoTime() - t0) / 1_000_000;
        smallHtml = HtmlFiles.write(sample.outcome, ctx, tmp.resolve("small/index.html"));
        browser = new Browser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    /**
     * Ten thousand findings spread over every kernel-src file: each reuses a witness path of the
     * sample and ends in a method of its own file, at a real line, with one of the sample's rules;
     * statuses alternate 60 % new, 30 % baselined, 10 % suppressed.
     */
    static GateOutcome tenThousand(KernelSrcSample s) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(s.root.resolve("src/main/java"))) {
            files = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        List<Finding> templates = s.outcome.result().findings();
        List<Finding> out = new ArrayList<>(FINDINGS);
        for (int i = 0; i < FINDINGS; i++) {
            Finding t = templates.get(i % templates.size());
            Path file = files.get(i % files.size());
            String rel = s.root.relativize(file).toString().replace('\\', '/');
            int lines = Files.readAllLines(file, StandardCharsets.UTF_8).size();
            int line = 1 + (i * 37) % Math.max(1, lines);
            String cls = rel.substring("src/main/java/".length(), rel.length() - 5).replace('/', '.');
            String method = cls + "#m" + (i % 40);
            List<PathStep> path = new ArrayList<>(t.witness().subList(0, t.witness().size() - 1));
            path.add(new PathStep(method + "(long)", rel, line, "call"));
            FindingStatus status = i % 10 == 9 ? FindingStatus.SUPPRESSED : i % 10 >= 6 ? FindingStatus.BASELINED
                    : FindingStatus.NEW;
            out.add(new Finding(t.ruleId(), t.kinds(), t.severity(), method, method + "(long)", rel, line,
                    t.message() + " (#" + i + ")", path, "fp" + i, t.fix(), status,
                    status == FindingStatus.SUPPRESSED ? "accepted for the scale test" : null));
        }
        AnalysisResult r = s.outcome.result().withFindings(out);
        return new GateOutcome(r, "kreply-baseline.json", List.of(), List.of(), List.of());
    }

    private long expected(java.util.function.Predicate<Finding> p) {
        return big.result().findings().stream().filter(p).count();
    }

    private String countText() {
        return browser.find("#result-count").getText();
    }

    @Test
    void tenThousandFindingsFilterSearchSortAndPage() {
        browser.open(bigHtml);
        long fresh = expected(f -> f.status() == FindingStatus.NEW);
        assertThat(countText()).isEqualTo("Showing 1–50 of " + fresh + " matching findings (" + FINDINGS + " in total).");
        assertThat(browser.all("#findings-body tr")).hasSize(50);

        browser.find("input[name=status][value=all]").click();
        new Select(browser.find("#filter-rule")).selectByValue("queue-block-while-queued");
        long q = expected(f -> f.ruleId().equals("queue-block-while-queued"));
        assertThat(countText()).contains(" of " + q + " matching");
        browser.find("#filter-text").sendKeys("vcpus");
        long qv = expected(f -> f.ruleId().equals("queue-block-while-queued")
                && (f.message() + f.method() + f.file()).toLowerCase(Locale.ROOT).contains("vcpus"));
        assertThat(countText()).contains(" of " + qv + " matching");

        browser.find("#filter-reset").click();
        browser.find("button[data-sort=severity]").click();
        browser.find("#page-next").click();
        assertThat(browser.find("#page-info").getText()).isEqualTo("Page 2 of " + (FINDINGS + 49) / 50);
        assertThat(countText()).startsWith("Showing 51–100 of " + FINDINGS);
        assertThat(browser.all("#findings-body tr.finding")).hasSize(50);
        browser.find("#findings-body button.toggle").click();
        assertThat(browser.all("#findings-body tr.detail svg.path-diagram")).hasSize(1);
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void measureLoadAndFilterAgainstTheKernelReport() throws IOException {
        Map<String, Double> small = measure(smallHtml);
        Map<String, Double> large = measure(bigHtml);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "HTML report scale (headless Chromium, median of %d runs)%n", RUNS));
        b.append(String.format(Locale.ROOT, "report               findings  size      render(Java)%n"));
        b.append(String.format(Locale.ROOT, "kernel-src sample    %8d  %7.1f KB%n", sample.outcome.result().findings().size(),
                Files.size(smallHtml) / 1024.0));
        b.append(String.format(Locale.ROOT, "scale                %8d  %7.1f KB  %d ms%n", FINDINGS,
                Files.size(bigHtml) / 1024.0, renderMillis));
        b.append(String.format(Locale.ROOT, "%-34s %10s %10s %8s%n", "metric (ms)", "kernel", "10k", "ratio"));
        for (String k : small.keySet()) {
            if (!large.containsKey(k)) {
                continue;
            }
            b.append(String.format(Locale.ROOT, "%-34s %10.1f %10.1f %8.2f%n", k, small.get(k), large.get(k),
                    large.get(k) / Math.max(0.1, small.get(k))));
        }
        Files.writeString(Path.of("target/html-scale.txt"), b.toString());
        System.out.print(b);
        assertThat(large).containsKeys("first render (script done)", "search keystroke, to next frame");
    }

    /** Median timings of one report over {@link #RUNS} fresh loads. */
    private Map<String, Double> measure(Path html) {
        Map<String, List<Double>> runs = new java.util.LinkedHashMap<>();
        for (int i = 0; i < RUNS; i++) {
            browser.open(html);
            @SuppressWarnings("unchecked")
            Map<String, Object> nav = (Map<String, Object>) browser.js(
                    "var n = performance.getEntriesByType('navigation')[0];"
                            + " var fcp = performance.getEntriesByName('first-contentful-paint')[0];"
                            + " return {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd,"
                            + " ready: performance.getEntriesByName('kreply-rendered')[0].startTime,"
                            + " fcp: fcp ? fcp.startTime : -1};");
            add(runs, "DOMContentLoaded", nav.get("dcl"));
            add(runs, "first render (script done)", nav.get("ready"));
            if (((Number) nav.get("fcp")).doubleValue() >= 0) { // not always reported yet when the script is done
                add(runs, "first contentful paint", nav.get("fcp"));
            }
            add(runs, "load event", nav.get("load"));
            browser.find("input[name=status][value=all]").click();
            add(runs, "status filter (script)", lastFilter());
            new Select(browser.find("#filter-rule")).selectByValue("reply-clobbered");
            add(runs, "rule filter (script)", lastFilter());
            new Select(browser.find("#filter-rule")).selectByValue("");
            add(runs, "search keystroke, to next frame", browser.driver.executeAsyncScript(
                    "var done = arguments[arguments.length - 1]; var s = document.getElementById('filter-text');"
                            + " var t0 = performance.now(); s.value = 'handlefault';"
                            + " s.dispatchEvent(new Event('input'));"
                            + " requestAnimationFrame(function () { requestAnimationFrame(function () {"
                            + " done(performance.now() - t0); }); });"));
            add(runs, "sort by message (script)", sortByMessage());
        }
        Map<String, Double> medians = new java.util.LinkedHashMap<>();
        runs.forEach((k, v) -> medians.put(k, v.stream().sorted().toList().get(v.size() / 2)));
        return medians;
    }

    private Object sortByMessage() {
        browser.find("button[data-sort=message]").click();
        return lastFilter();
    }

    private Object lastFilter() {
        return browser.js("var m = performance.getEntriesByName('kreply-filter'); return m[m.length - 1].duration;");
    }

    private static void add(Map<String, List<Double>> runs, String key, Object value) {
        runs.computeIfAbsent(key, k -> new ArrayList<>()).add(((Number) value).doubleValue());
    }
}
