// contract: kreply.json carries every finding field the CI scripts read (ruleId, kinds, severity, method, root-relative file, line, message, callPath, fingerprint, status) and the gate's summary.
package kreply.reports.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import kreply.reports.testing.Golden;
import kreply.reports.testing.RichOutcome;
import kreply.reports.testing.Samples;

class JsonRendererTest {
    @TempDir
    Path tmp;

    @Test
    void richReportMatchesGoldenFile() {
        RichOutcome rich = new RichOutcome(tmp);
        Golden.assertMatches("rich.json", rich.render(new JsonRenderer()), rich.volatileParts());
    }

    @Test
    void findingHasTheDocumentedFields() throws Exception {
        JsonNode root = new ObjectMapper().readTree(new RichOutcome(tmp).render(new JsonRenderer()));
        JsonNode getBp = null;
        for (JsonNode f : root.get("findings")) {
            if (f.get("method").asText().endsWith("#invokeGetBreakpoint")) {
                getBp = f;
            }
        }
        assertThat(getBp).isNotNull();
        assertThat(getBp.get("ruleId").asText()).isEqualTo("reply-protocol");
        assertThat(getBp.get("kinds")).extracting(JsonNode::asText).containsExactly("R", "L");
        assertThat(getBp.get("severity").asText()).isEqualTo("error");
        assertThat(getBp.get("method").asText()).isEqualTo("sel4.object.tcb.TcbInvocations#invokeGetBreakpoint");
        assertThat(getBp.get("file").asText()).isEqualTo(Samples.TCB);
        assertThat(getBp.get("line").asInt()).isEqualTo(300);
        assertThat(getBp.get("callPath")).hasSize(4);
        assertThat(getBp.get("callPath").get(3).asText()).isEqualTo("sel4.object.tcb.TcbInvocations#invokeGetBreakpoint(long)");
        assertThat(getBp.get("fingerprint").asText()).isEqualTo("fp-getbp");
        assertThat(getBp.get("status").asText()).isEqualTo("new");
        assertThat(getBp.get("fix").get("recipe").asText()).isEqualTo("spec-reply");
    }

    @Test
    void topLevelCarriesToolRootRulesAndSummary() throws Exception {
        RichOutcome rich = new RichOutcome(tmp);
        JsonNode root = new ObjectMapper().readTree(rich.render(new JsonRenderer()));
        assertThat(root.get("tool").asText()).isEqualTo("kreply");
        assertThat(root.get("version").asText()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(root.get("root").asText()).isEqualTo(rich.root.toString());
        assertThat(root.get("rules")).hasSize(2);
        assertThat(root.get("parseProblems")).hasSize(1);
        JsonNode sum = root.get("summary");
        assertThat(sum.get("findings").asInt()).isEqualTo(4);
        assertThat(sum.get("new").asInt()).isEqualTo(2);
        assertThat(sum.get("baselined").asInt()).isEqualTo(1);
        assertThat(sum.get("suppressed").asInt()).isEqualTo(1);
        assertThat(sum.get("byCode").get("B").asInt()).isEqualTo(2);
        assertThat(sum.get("staleBaselineEntries").asInt()).isEqualTo(1);
        assertThat(sum.get("unusedSuppressions").asInt()).isEqualTo(1);
        assertThat(sum.get("suppressionsWithoutReason").asInt()).isEqualTo(1);
        assertThat(root.get("baseline").get("staleEntries").get(0).get("fingerprint").asText()).isEqualTo("fp-gone");
    }
}
