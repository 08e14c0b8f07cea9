// contract: a report full of hostile text (</script>, <img onerror>, <svg onload>, attribute-breaking quotes, javascript: and data: URLs, bidi controls) runs none of it in real Chromium: no payload executes, no markup or event handler is created, no link leads to script, and every string shows as text with hidden characters made visible.
package kreply.reports.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;

class HostileReportBrowserTest {
    /** Typed into the call graph's method search: matches no method, so it is echoed back. */
    static final String SEARCH = "<svg/onload=window.__pwned='search'>";
    @TempDir
    static Path tmp;
    static Browser browser;

    @BeforeAll
    static void openHostileReport() {
        Browser.requireBinaries();
        HostileSample sample = new HostileSample(tmp);
        Path html = HtmlFiles.write(sample.outcome, sample.context, tmp.resolve("out/index.html"));
        browser = new Browser();
        browser.open(html);
        // show everything a reviewer can open: all findings, every detail, the rule doc, the call graph
        browser.find("input[name=status][value=all]").click();
        for (WebElement toggle : browser.all("#findings-body button.toggle")) {
            toggle.click();
        }
        for (WebElement summary : browser.all("details.ruledoc-copy summary")) {
            summary.click();
        }
        for (WebElement node : browser.all("svg.path-diagram a.node")) {
            node.click();
        }
        for (WebElement show : browser.all("button.show-in-graph")) {
            show.click();
            browser.all("#cg-view svg a.node").stream().findFirst().ifPresent(WebElement::click);
        }
        browser.find("#cg-input").clear();
        browser.find("#cg-input").sendKeys(SEARCH);
        browser.find("#cg-go").click();
        browser.screenshot("hostile-report");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void noPayloadRan() {
        assertThatThrownBy(() -> browser.driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.js("return typeof window.__pwned")).isEqualTo("undefined");
        assertThat((List<?>) browser.js("return window.kreplyReport.cspViolations")).isEmpty();
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void noMarkupCameFromTheData() {
        // only the report's own two script elements, no element that loads or embeds anything
        assertThat(browser.all("script")).hasSize(2);
        assertThat(browser.all("img, iframe, object, embed, link, base, form, meta[http-equiv=refresh]")).isEmpty();
        assertThat(browser.all("svg")).extracting(e -> e.getAttribute("class"))
                .allSatisfy(c -> assertThat(c).isIn("defs", "path-diagram", "graph-diagram"));
        // and no event-handler attribute anywhere
        Object handlers = browser.js("var n = 0; document.querySelectorAll('*').forEach(function (e) {"
                + " for (var i = 0; i < e.attributes.length; i++) { if (/^on/i.test(e.attributes[i].name)) n++; } });"
                + " return n;");
        assertThat(handlers).isEqualTo(0L);
    }

    @Test
    void linksLeadOnlyWithinTheReportOrToHttpPages() {
        // the attributes as written (HTML and SVG links alike)
        List<String> hrefs = browser.all("a[href]").stream().map(e -> e.getDomAttribute("href")).toList();
        assertThat(hrefs).isNotEmpty().allSatisfy(h -> assertThat(h).satisfiesAnyOf(
                v -> assertThat(v).startsWith("#"), v -> assertThat(v).startsWith("https://")));
        assertThat(hrefs).noneSatisfy(h -> assertThat(h.toLowerCase()).contains("javascript:"))
                .noneSatisfy(h -> assertThat(h.toLowerCase()).startsWith("data:"));
        Object svgLinks = browser.js("return Array.prototype.map.call(document.querySelectorAll('svg a'),"
                + " function (a) { return a.getAttribute('href'); }).filter(function (h) { return h.charAt(0) !== '#'; })"
                + ".length");
        assertThat(svgLinks).isEqualTo(0L);
    }

    @Test
    void everyHostileStringShowsAsText() {
        String page = (String) browser.js("return document.body.innerText");
        String script = HostileSample.SCRIPT;
        String img = HostileSample.IMG;
        assertThat(page)
                .contains("Title " + script) // rule title, server-side template
                .contains("Message " + script + " " + img) // finding message, built by the page script
                .contains("// " + script) // source excerpt
                .contains("String a = \"" + img + "\";")
                .contains("Raw HTML " + img + " and " + HostileSample.SVG + " stay text.") // markdown raw HTML
                .contains("<script>window.__pwned='doc'</script>")
                .contains("a javascript link (" + HostileSample.JS_URL + ")") // refused link shown as text
                .contains("![an image](javascript:alert(1))")
                .contains("</code></pre>" + script) // fenced code
                .contains("+    String a = \"" + script + "\";") // fix diff
                .contains("reason " + script) // suppression reason
                .contains("parse " + img) // parse problem
                .contains("evil.Gone#x" + script) // stale baseline entry
                .contains("the documentation path ../../etc/passwd leaves the rules folder")
                .contains("Source not available: ../../outside/" + img + ".java could not be read under the analysed root.")
                .contains("No method in the report matches “" + SEARCH + "”.");
        assertThat(browser.find("title").getAttribute("textContent")).isEqualTo("kreply report: root");
    }

    @Test
    void hiddenCharactersAreShownNotApplied() {
        // no text node of the page (outside the two script elements) carries a bidi control or
        // invisible character: each one is shown as a U+XXXX badge instead
        Object raw = browser.js("var w = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT); var bad = [];"
                + " while (w.nextNode()) { var t = w.currentNode; if (t.parentNode.closest('script, style')) continue;"
                + " if (/[\\u202a-\\u202e\\u2066-\\u2069\\u200b-\\u200f\\u0000-\\u0008]/.test(t.data)) bad.push(t.data); }"
                + " return bad;");
        assertThat((List<?>) raw).isEmpty();
        List<String> badges = browser.all(".hidden-char").stream().map(e -> e.getText()).distinct().toList();
        assertThat(badges).contains("U+202E", "U+2066", "U+2069", "U+200B");
        // in the server-rendered rule description and in the script-rendered message alike
        assertThat(browser.find("#rule-0 .rule-description").getText()).contains("access U+202Eresu");
        assertThat(browser.all("tr.detail p.message")).anySatisfy(
                m -> assertThat(m.getText()).contains("access U+202Eresu"));
        assertThat(browser.all("tr.detail figure.excerpt")).anySatisfy(
                m -> assertThat(m.getText()).contains("access U+202Eresu"));
    }
}
