// contract: markdown links may only point to absolute http(s) URLs with a host or to in-page fragments the caller maps; every other scheme, protocol-relative URL or malformed target is refused.
package kreply.reports.html.markdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class LinkPolicyTest {
    private final LinkPolicy policy = new LinkPolicy(t -> t.startsWith("ok") ? Optional.of("#" + t) : Optional.empty());

    @Test
    void httpAndHttpsWithAHostAreExternalLinks() {
        assertThat(policy.resolve(" https://sel4.systems/Info/ ")).contains(new LinkPolicy.Target("https://sel4.systems/Info/", true));
        assertThat(policy.resolve("HTTP://example.org")).contains(new LinkPolicy.Target("HTTP://example.org", true));
        assertThat(policy.resolve("https:///nohost")).isEmpty();
    }

    @Test
    void scriptDataFileAndProtocolRelativeTargetsAreRefused() {
        for (String bad : new String[] {"javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "file:///etc/passwd",
                "vbscript:x", "//evil.example/x", "https://exa mple.org", "https://example.org/\u202Eevil", "java\tscript:x",
                ""}) {
            assertThat(policy.resolve(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void relativeTargetsAreMappedOnlyToFragments() {
        assertThat(policy.resolve("ok.md")).contains(new LinkPolicy.Target("#ok.md", false));
        assertThat(policy.resolve("other.md")).isEmpty();
        LinkPolicy sneaky = new LinkPolicy(t -> Optional.of("javascript:alert(1)"));
        assertThat(sneaky.resolve("x.md")).isEmpty();
        assertThat(LinkPolicy.externalOnly().resolve("ok.md")).isEmpty();
    }
}
