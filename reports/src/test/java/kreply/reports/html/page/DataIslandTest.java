// contract: JSON embedded in a script element contains no '<', '>', '&', U+2028 or U+2029 (so no markup can end the element) and still parses to exactly the same data.
package kreply.reports.html.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import gg.jte.output.StringOutput;

class DataIslandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void hostileStringsRoundTripWithoutRawMarkupCharacters() throws Exception {
        List<String> hostile = List.of("</script><script>alert(1)</script>", "<!-- <script>", "a & b > c", "\u2028\u2029",
                "\"quoted\" 'single' \\back", "]]>", "\u202Ebidi");
        String json = JSON.writeValueAsString(Map.of("s", hostile));
        DataIsland island = new DataIsland(json);
        StringOutput out = new StringOutput();
        island.writeTo(out);

        assertThat(out.toString()).isEqualTo(island.escapedJson()).doesNotContain("<", ">", "&", "\u2028", "\u2029")
                .contains("\\u003c/script\\u003e");
        assertThat(JSON.readValue(out.toString(), Map.class)).isEqualTo(Map.of("s", hostile));
    }
}
