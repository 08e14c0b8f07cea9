// contract: the explorer API searches the bundled kernel, returns the violation with its shrunk, printable trace and a trace file that replays to the same violation at the same step, and reports bad inputs as ExploreException with one line.
package kreply.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import kreply.explore.config.ShippedConfigs;
import kreply.explore.config.SystemConfig;
import kreply.explore.kernel.KernelRuntime;
import kreply.explore.protocol.EngineResponse;
import kreply.explore.protocol.FindingReport;
import kreply.explore.trace.Trace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExplorerTest {
    private static final Explorer.Options OPTS = new Explorer.Options("random", 1, 200_000, 1000, 2, true);

    @TempDir
    Path tmp;

    @Test
    void searchThenReplayReproducesTheViolationStepByStep() {
        SystemConfig vmm = ShippedConfigs.load("vmm");
        try (KernelRuntime k = Explorer.kernel(null)) {
            EngineResponse r = Explorer.search(k, vmm, OPTS);
            assertThat(r.status()).isEqualTo("violation");
            FindingReport f = r.finding();
            assertThat(f.violation().variant()).isIn("ready-queue", "release-queue");
            assertThat(f.steps()).hasSize(f.violation().step());
            assertThat(f.steps().get(f.steps().size() - 1).change()).startsWith("check failed: ");
            assertThat(f.steps()).allSatisfy(s -> {
                assertThat(s.event()).isNotBlank();
                assertThat(s.current()).isNotBlank();
            });
            assertThat(r.stats().kernelEntries()).isPositive();

            Path file = tmp.resolve("out/trace.json");
            TraceFiles.write(file, f.traceJson());
            Trace trace = Explorer.readTrace(TraceFiles.read(file), file.toString());
            assertThat(trace.violation().step()).isEqualTo(f.violation().step());
            EngineResponse replay = Explorer.replay(k, trace, TraceFiles.read(file), file.toString());
            assertThat(replay.status()).isEqualTo("violation");
            assertThat(replay.replayViolation()).isEqualTo(f.violation());
            assertThat(replay.replay()).isEqualTo(f.steps());
            assertThat(replay.note()).isNull();
        }
    }

    @Test
    void aTraceThatDoesNotFitItsConfigurationIsAnInputError() throws Exception {
        SystemConfig vmm = ShippedConfigs.load("vmm");
        try (KernelRuntime k = Explorer.kernel(null)) {
            FindingReport f = Explorer.search(k, vmm, OPTS).finding();
            String bad = f.traceJson().replaceFirst("\"thread\" : \"guest[01]\"", "\"thread\" : \"ghost\"");
            Trace trace = Explorer.readTrace(bad, "bad.json");
            assertThatThrownBy(() -> Explorer.replay(k, trace, bad, "bad.json")).isInstanceOf(ExploreException.class)
                    .hasMessageStartingWith("bad.json: event ").hasMessageContaining("does not exist in the configured system");
        }
        assertThatThrownBy(() -> Explorer.readTrace("[]", "x.json")).isInstanceOf(ExploreException.class)
                .hasMessage("x.json: not a trace file (no \"format\": \"kreply-explore-trace\")");
        assertThatThrownBy(() -> TraceFiles.read(tmp.resolve("none.json")))
                .hasMessage("trace file not found: " + tmp.resolve("none.json"));
    }

    @Test
    void aReplayThatNoLongerFitsTheKernelSaysWhereItDiverged() {
        SystemConfig vmm = ShippedConfigs.load("vmm");
        try (KernelRuntime k = Explorer.kernel(null)) {
            FindingReport f = Explorer.search(k, vmm, OPTS).finding();
            // Another thread's instruction first: it cannot happen while guest0 runs.
            String json = f.traceJson().replaceFirst("\"events\" : \\[", "\"events\" : [ {\"kind\" : \"syscall\","
                    + " \"thread\" : \"vmm\", \"op\" : \"Recv\", \"cap\" : \"vmm_ep\", \"reply\" : \"vmm_reply\"},");
            Trace trace = Explorer.readTrace(json, "t.json");
            EngineResponse r = Explorer.replay(k, trace, json, "t.json");
            assertThat(r.status()).isEqualTo("diverged");
            assertThat(r.replay()).isEmpty();
            assertThat(r.note()).startsWith("the trace diverged at step 1: vmm: Recv(vmm_ep, reply vmm_reply) cannot happen"
                    + " here (running: guest0");
        }
    }

    @Test
    void longSearchesReportProgress() {
        SystemConfig plain = new kreply.explore.config.ConfigLoader().parse(
                "threads:\n  - {name: a, priority: 10, sc: {budget: 500, period: 500}}\n", "plain.yaml", false, "plain");
        java.util.List<String> lines = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        try (KernelRuntime k = Explorer.kernel(null)) {
            EngineResponse r = Explorer.search(k, plain, new Explorer.Options("random", 1, 400_000, 1000, 1, true),
                    lines::add);
            assertThat(r.status()).isEqualTo("clean");
            assertThat(lines).isNotEmpty().allMatch(l -> l.matches("exploring\\t\\d+\\t400000"));
            assertThat(lines.get(lines.size() - 1)).isEqualTo("exploring\t" + r.stats().events() + "\t400000");
        }
    }

    @Test
    void configurationsAreNamesOrFiles() throws Exception {
        assertThat(Explorer.loadConfig("vmm", tmp).name()).isEqualTo("vmm");
        Files.writeString(tmp.resolve("mine.yaml"), ShippedConfigs.text("passive-server"));
        assertThat(Explorer.loadConfig("mine.yaml", tmp).name()).isEqualTo("passive-server");
        assertThatThrownBy(() -> Explorer.loadConfig("nope.yaml", tmp)).isInstanceOf(ExploreException.class)
                .hasMessage("configuration file not found: " + tmp.resolve("nope.yaml"));
        assertThat(Explorer.variantTargets(ShippedConfigs.load("vmm"))).containsExactly("ready-queue", "release-queue");
        assertThat(Explorer.variantTargets(ShippedConfigs.load("rr-sporadic")))
                .containsExactly("ready-queue", "release-queue", "timeout");
    }
}
