// contract: the report's inlined stylesheet and script load from the class path with the SHA-256 the CSP names, and an asset that could close its own element is refused.
package kreply.reports.html.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import gg.jte.output.StringOutput;

class AssetTest {
    @Test
    void shippedAssetsLoadWithTheirDigest() throws Exception {
        for (String name : new String[] {"report.js", "report.css"}) {
            Asset a = Asset.load(name);
            String sha = Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(a.text().getBytes(StandardCharsets.UTF_8)));
            assertThat(a.cspSource()).isEqualTo("'sha256-" + sha + "'");
            StringOutput out = new StringOutput();
            a.writeTo(out);
            assertThat(out.toString()).isEqualTo(a.text()).isNotBlank();
        }
    }

    @Test
    void anAssetThatCouldEndItsElementIsRefused() {
        assertThatThrownBy(() -> new Asset("x.js", "var s = '</SCRIPT>';")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("x.js");
        assertThatThrownBy(() -> Asset.load("missing.js")).hasMessageContaining("missing report asset");
    }
}
