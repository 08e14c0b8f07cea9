// contract: index.html is one self-contained page from jte templates: it matches its golden file, pins its only two scripts with CSP hashes, escapes every hostile string (markup, quotes, javascript: links) in markup and in its JSON data, and reports an unwritable output as an I/O error.
package kreply.reports.html;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import kreply.reports.gate.Baseline;
import kreply.reports.gate.Gate;
import kreply.reports.gate.GateOutcome;
import kreply.reports.html.page.Asset;
import kreply.reports.render.RenderContext;
import kreply.reports.testing.Golden;
import kreply.reports.testing.RichOutcome;
import kreply.reports.testing.Samples;

class HtmlRendererTest {
    @TempDir
    Path tmp;

    private static final Pattern SCRIPT = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL);

    @Test
    void richReportMatchesGoldenFile() throws IOException {
        RichOutcome rich = new RichOutcome(tmp);
        // a source file at the findings' location, so the golden file shows embedded excerpts
        Path vspace = rich.root.resolve(Samples.VSPACE);
        Files.createDirectories(vspace.getParent());
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 130; i++) {
            b.append("    line ").append(i).append(i == 120 ? " <- the finding's line" : "").append('\n');
        }
        Files.writeString(vspace, b);

        String html = rich.render(new HtmlRenderer());
        Map<String, String> volatileParts = new LinkedHashMap<>(rich.volatileParts());
        // the inlined assets are code, not report content: the golden file names them instead
        for (String name : List.of("report.js", "report.css")) {
            Asset a = Asset.load(name);
            volatileParts.put(a.text(), "<" + name + ">");
            volatileParts.put(a.cspSource().replace("'", "&#39;"), "&#39;<" + name + " sha256>&#39;");
        }
        Golden.assertMatches("rich.html", html, volatileParts);
    }

    @Test
    void formatAndFileName() {
        assertThat(new HtmlRenderer().format()).isEqualTo("html");
        assertThat(new HtmlRenderer().fileName()).isEqualTo("index.html");
    }

    @Test
    void onlyTheReportsOwnScriptsWithMatchingCspHashes() throws Exception {
        HostileSample hostile = new HostileSample(tmp);
        String html = HtmlFiles.render(hostile.outcome, hostile.context);
        List<String[]> scripts = new ArrayList<>();
        Matcher m = SCRIPT.matcher(html);
        while (m.find()) {
            scripts.add(new String[] {m.group(1), m.group(2)});
        }
        assertThat(scripts).hasSize(2);
        assertThat(scripts.get(0)[0]).isEmpty();
        assertThat(scripts.get(1)[0]).isEqualTo(" type=\"application/json\" id=\"kreply-data\"");
        String sha = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(scripts.get(0)[1].getBytes(StandardCharsets.UTF_8)));
        assertThat(html).contains("script-src &#39;sha256-" + sha + "&#39;;").contains("default-src &#39;none&#39;");
        assertThat(html).containsOnlyOnce("<style>").containsOnlyOnce("http-equiv=\"Content-Security-Policy\"");
    }

    @Test
    void hostileTextIsEscapedInMarkupAndInData() throws Exception {
        HostileSample hostile = new HostileSample(tmp);
        String html = HtmlFiles.render(hostile.outcome, hostile.context);
        assertThat(html).doesNotContain("<img", "<svg onload", "<script>window", "<b>\"odd", "<i>baseline")
                .contains("Title &lt;/script&gt;&lt;script&gt;window.__pwned=&#39;script&#39;&lt;/script&gt;".replace("&#39;", "'"))
                .contains("data-value=\"evil&#34;&#39; onmouseover=&#34;window.__pwned=&#39;attr&#39;&#34; x=&#39;\"");
        Matcher hrefs = Pattern.compile("href=\"([^\"]*)\"").matcher(html);
        while (hrefs.find()) {
            assertThat(hrefs.group(1)).satisfiesAnyOf(h -> assertThat(h).startsWith("#"),
                    h -> assertThat(h).startsWith("https://"));
        }

        Matcher m = SCRIPT.matcher(html);
        m.find();
        m.find();
        String island = m.group(2);
        assertThat(island).doesNotContain("<", ">", "&", "\u2028", "\u2029");
        JsonNode data = new ObjectMapper().readTree(island);
        JsonNode main = data.get("findings").get(2); // gate order: ../../outside, <b>"odd', Evil.java
        assertThat(main.get("msg").asText()).isEqualTo(hostile.outcome.result().findings().get(2).message())
                .contains(HostileSample.SCRIPT, HostileSample.BIDI);
        assertThat(main.get("fix").get("diff").asText()).contains("+    String a = \"" + HostileSample.SCRIPT);
        // a finding outside the root has no excerpt; the source of the others is embedded
        assertThat(data.get("sources").size()).isEqualTo(2);
    }

    @Test
    void emptyResultStillRendersAPage() {
        GateOutcome empty = Gate.apply(Samples.result("/nowhere", List.of(), List.of()), Baseline.empty(), null);
        String html = HtmlFiles.render(empty, RenderContext.NONE);
        assertThat(html).contains("<title>kreply report: nowhere</title>").contains("\"findings\":[]")
                .contains("No documentation page: the rules folder is not known to this run (docs/reply-protocol.md)")
                .doesNotContain("id=\"diagnostics\"");
    }

    @Test
    void writerFailureIsAnIoError() {
        RichOutcome rich = new RichOutcome(tmp);
        Writer broken = new Writer() {
            @Override
            public void write(char[] cbuf, int off, int len) throws IOException {
                throw new IOException("No space left on device");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        assertThatThrownBy(() -> new HtmlRenderer().render(rich.outcome, rich.context, broken))
                .isInstanceOf(IOException.class).hasMessage("No space left on device");
    }
}
