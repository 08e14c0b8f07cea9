// contract: kreply.sarif validates against the official SARIF 2.1.0 schema and carries rules, relative locations, fingerprints, witness code flows, fixes and suppressions.
package kreply.reports.sarif;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import kreply.analyzer.report.FixSuggestion;
import kreply.reports.gate.Baseline;
import kreply.reports.gate.Gate;
import kreply.reports.render.RenderContext;
import kreply.reports.testing.Golden;
import kreply.reports.testing.RichOutcome;
import kreply.reports.testing.Samples;

class SarifRendererTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private JsonNode rich() throws Exception {
        return JSON.readTree(new RichOutcome(tmp).render(new SarifRenderer()));
    }

    private static JsonNode resultFor(JsonNode log, String methodSuffix) {
        for (JsonNode r : log.at("/runs/0/results")) {
            if (r.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText().endsWith(methodSuffix)) {
                return r;
            }
        }
        throw new AssertionError("no result for " + methodSuffix);
    }

    @Test
    void richLogIsValidSarif() throws Exception {
        assertThat(SarifSchema.validate(rich())).isEmpty();
    }

    @Test
    void emptyRunIsValidSarif() throws Exception {
        var outcome = Gate.apply(Samples.result("/r", List.of(), List.of()), Baseline.empty(), null);
        JsonNode log = new SarifRenderer().toTree(outcome, RenderContext.NONE);
        assertThat(SarifSchema.validate(log)).isEmpty();
        assertThat(log.at("/runs/0/results")).isEmpty();
    }

    @Test
    void schemaValidationRejectsBrokenLogs() throws Exception {
        ObjectNode noMessage = (ObjectNode) rich();
        ((ObjectNode) noMessage.at("/runs/0/results/0")).remove("message");
        ObjectNode badLevel = (ObjectNode) rich();
        ((ObjectNode) badLevel.at("/runs/0/results/0")).put("level", "fatal");
        ObjectNode badVersion = (ObjectNode) rich();
        badVersion.put("version", "2.0.0");

        assertThat(SarifSchema.validate(noMessage)).isNotEmpty();
        assertThat(SarifSchema.validate(badLevel)).isNotEmpty();
        assertThat(SarifSchema.validate(badVersion)).isNotEmpty();
    }

    @Test
    void richLogMatchesGoldenFile() {
        RichOutcome rich = new RichOutcome(tmp);
        Golden.assertMatches("rich.sarif", rich.render(new SarifRenderer()), rich.volatileParts());
    }

    @Test
    void locationsAreRelativeToTheDeclaredRoot() throws Exception {
        RichOutcome rich = new RichOutcome(tmp);
        JsonNode log = JSON.readTree(rich.render(new SarifRenderer()));
        assertThat(log.at("/runs/0/originalUriBaseIds/SRCROOT/uri").asText())
                .isEqualTo(rich.root.toUri().toString().replaceAll("/?$", "/"));
        JsonNode art = resultFor(log, "#invokeGetBreakpoint").at("/locations/0/physicalLocation/artifactLocation");
        assertThat(art.get("uri").asText()).isEqualTo(Samples.TCB);
        assertThat(art.get("uriBaseId").asText()).isEqualTo("SRCROOT");
        assertThat(resultFor(log, "#invokeGetBreakpoint").at("/locations/0/physicalLocation/region/startLine").asInt())
                .isEqualTo(300);
    }

    @Test
    void oneRuleEntryPerRuleWithDocumentation() throws Exception {
        RichOutcome rich = new RichOutcome(tmp);
        JsonNode rules = JSON.readTree(rich.render(new SarifRenderer())).at("/runs/0/tool/driver/rules");
        assertThat(rules).hasSize(2);
        JsonNode reply = rules.get(0);
        assertThat(reply.get("id").asText()).isEqualTo("reply-protocol");
        assertThat(reply.get("name").asText()).isEqualTo("ReplyProtocol");
        assertThat(reply.at("/shortDescription/text").asText()).isEqualTo(Samples.REPLY.title());
        assertThat(reply.at("/fullDescription/text").asText()).isEqualTo(Samples.REPLY.description());
        assertThat(reply.get("helpUri").asText())
                .isEqualTo(rich.rulesDir.resolve("docs/reply-protocol.md").toUri().toString());
        assertThat(reply.at("/help/markdown").asText()).startsWith("# reply-protocol");
        assertThat(reply.at("/defaultConfiguration/level").asText()).isEqualTo("error");
        // the second rule's page does not exist: no link, but still a text help
        JsonNode queued = rules.get(1);
        assertThat(queued.has("helpUri")).isFalse();
        assertThat(queued.at("/help/text").asText()).isEqualTo(Samples.QUEUED.description());
        assertThat(queued.at("/defaultConfiguration/level").asText()).isEqualTo("warning");
    }

    @Test
    void resultsCarryFingerprintRuleIndexAndWitnessFlow() throws Exception {
        JsonNode log = rich();
        JsonNode vppi = resultFor(log, "#VPPIEvent");
        assertThat(vppi.at("/partialFingerprints/" + SarifRenderer.FINGERPRINT_KEY.replace("/", "~1")).asText())
                .isEqualTo("fp-vppi");
        assertThat(vppi.get("ruleIndex").asInt()).isEqualTo(1);
        JsonNode steps = vppi.at("/codeFlows/0/threadFlows/0/locations");
        assertThat(steps).hasSize(9);
        List<String> ids = new ArrayList<>();
        steps.forEach(s -> ids.add(s.at("/location/logicalLocations/0/fullyQualifiedName").asText()));
        assertThat(ids.get(0)).isEqualTo("sel4.api.Syscalls#handleInterruptEntry()");
        assertThat(ids.get(8)).isEqualTo("sel4.arch.aarch64.Vcpu#VPPIEvent(int)");
        assertThat(steps.get(8).get("executionOrder").asInt()).isEqualTo(9);
    }

    @Test
    void statusesBecomeSuppressionsAndBaselineStates() throws Exception {
        JsonNode log = rich();
        JsonNode fresh = resultFor(log, "#invokeGetBreakpoint");
        JsonNode baselined = resultFor(log, "#performPageGetAddress");
        JsonNode suppressed = resultFor(log, "#invokeConfigureSingleStepping");

        assertThat(fresh.get("suppressions")).isEmpty();
        assertThat(fresh.get("baselineState").asText()).isEqualTo("new");
        assertThat(baselined.at("/suppressions/0/kind").asText()).isEqualTo("external");
        assertThat(baselined.at("/suppressions/0/justification").asText()).contains("kreply-baseline.json");
        assertThat(baselined.get("baselineState").asText()).isEqualTo("unchanged");
        assertThat(suppressed.at("/suppressions/0/kind").asText()).isEqualTo("inSource");
        assertThat(suppressed.at("/suppressions/0/justification").asText())
                .isEqualTo("single stepping is debug-only and fixed upstream");
    }

    @Test
    void knownDiffBecomesAFixWithReplacements() throws Exception {
        JsonNode fix = resultFor(rich(), "#invokeGetBreakpoint").at("/fixes/0");
        assertThat(fix.at("/description/text").asText()).startsWith("Look the buffer up");
        JsonNode change = fix.at("/artifactChanges/0");
        assertThat(change.at("/artifactLocation/uri").asText()).isEqualTo(Samples.TCB);
        JsonNode rep = change.at("/replacements/0");
        assertThat(rep.at("/deletedRegion/startLine").asInt()).isEqualTo(302);
        assertThat(rep.at("/deletedRegion/endLine").asInt()).isEqualTo(303);
        assertThat(rep.at("/insertedContent/text").asText())
                .isEqualTo("        IpcBuffer b = k.arch.lookupIPCBuffer(true, ks.ksCurThread);\n");
    }

    @Test
    void fixWithoutDiffIsNamedButNotEmittedAsAFix() throws Exception {
        var f = Samples.finding("reply-protocol", List.of("C"), "p.A#x", Samples.VSPACE, 3, "fp")
                .withFix(new FixSuggestion("spec-reply", "Set Running after the reply", null));
        var outcome = Gate.apply(Samples.result("/r", List.of(f), List.of()), Baseline.empty(), null);
        JsonNode log = new SarifRenderer().toTree(outcome, RenderContext.NONE);
        JsonNode r = log.at("/runs/0/results/0");
        assertThat(r.has("fixes")).isFalse();
        assertThat(r.at("/properties/fix/recipe").asText()).isEqualTo("spec-reply");
        assertThat(r.has("baselineState")).isFalse();
        assertThat(SarifSchema.validate(log)).isEmpty();
    }

    @Test
    void gateDiagnosticsBecomeNotifications() throws Exception {
        JsonNode inv = rich().at("/runs/0/invocations/0");
        List<String> config = new ArrayList<>();
        inv.get("toolConfigurationNotifications").forEach(n -> config.add(n.at("/descriptor/id").asText()));
        assertThat(config).containsExactly("kreply/stale-baseline-entry", "kreply/unused-suppression",
                "kreply/suppression-without-reason");
        assertThat(inv.at("/toolExecutionNotifications/0/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("src/main/java/sel4/Broken.java");
    }

    @Test
    void uriHelpers() {
        assertThat(SarifRenderer.rootUri("/home/me/kernel src")).isEqualTo("file:///home/me/kernel%20src/");
        assertThat(SarifRenderer.rootUri("/r/")).isEqualTo("file:///r/");
        assertThat(SarifRenderer.relativeUri("src/a b/C.java")).isEqualTo("src/a%20b/C.java");
        assertThat(SarifRenderer.pascal("blocked-while-queued")).isEqualTo("BlockedWhileQueued");
    }
}
