// contract: --format names resolve to renderers (json, sarif, html, text, case-insensitively); an unknown name has neither a renderer nor a reason.
package kreply.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RenderersTest {
    private final Renderers renderers = new Renderers();

    @Test
    void availableFormatsInDefaultOrder() {
        assertThat(renderers.availableFormats()).containsExactly("json", "sarif", "html", "text");
        assertThat(renderers.find("SARIF")).get().extracting(r -> r.fileName()).isEqualTo("kreply.sarif");
    }

    @Test
    void htmlWritesIndexHtml() {
        assertThat(renderers.find(" HTML ")).get().extracting(r -> r.fileName()).isEqualTo("index.html");
        assertThat(renderers.unavailableReason("html")).isEmpty();
    }

    @Test
    void unknownFormatHasNoRendererAndNoReason() {
        assertThat(renderers.find("xml")).isEmpty();
        assertThat(renderers.unavailableReason("xml")).isEmpty();
    }
}
