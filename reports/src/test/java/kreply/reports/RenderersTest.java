// contract: --format names resolve to renderers; html is known but refused with a reason until its renderer exists.
package kreply.reports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RenderersTest {
    private final Renderers renderers = new Renderers();

    @Test
    void availableFormatsInDefaultOrder() {
        assertThat(renderers.availableFormats()).containsExactly("json", "sarif", "text");
        assertThat(renderers.find("SARIF")).get().extracting(r -> r.fileName()).isEqualTo("kreply.sarif");
    }

    @Test
    void htmlIsKnownButNotAvailable() {
        assertThat(renderers.find("html")).isEmpty();
        assertThat(renderers.unavailableReason("html")).get().asString().contains("not available");
    }

    @Test
    void unknownFormatHasNoRendererAndNoReason() {
        assertThat(renderers.find("xml")).isEmpty();
        assertThat(renderers.unavailableReason("xml")).isEmpty();
    }
}
