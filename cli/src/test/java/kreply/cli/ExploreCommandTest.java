// contract: kreply explore exits 1 with the violation, its minimal trace (one line per event) and the speed when it finds one, saves the trace so that --replay reproduces it at the same step, exits 0 when the budget runs out clean, and answers bad flags, configurations and trace files with one line and exit 2.
package kreply.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExploreCommandTest {
    @TempDir
    Path tmp;
    CliRun cli;

    @BeforeEach
    void setUp() {
        cli = new CliRun(tmp);
    }

    @Test
    void findsTheIssue346ViolationSavesTheTraceAndReplaysIt() throws Exception {
        assertThat(cli.run("explore", "--seed", "1", "--max-events", "200000", "--threads", "2")).isEqualTo(1);
        assertThat(cli.err).isEmpty();
        assertThat(cli.out).startsWith("kreply explore: vmm (3 threads, 2 with a VCPU")
                .contains("random search: seed 1, up to 200,000 events (1,000 per trial), 2 threads")
                .containsPattern("VIOLATION Q1[12] .* \\(thread guest[01]\\) during (VPPIEvent|VGICMaintenance)")
                .containsPattern("#346 variant: (ready|release)-queue")
                .contains(" step    time µs  running")
                .containsPattern("violation at step \\d: Q1[12] ")
                .containsPattern("speed: [\\d,]+ events, [\\d,]+ kernel events in [\\d.]+ s: [\\d,]+ kernel events/s");
        Path trace = cli.home.resolve("target/kreply/explore-trace.json");
        assertThat(trace).exists();
        assertThat(cli.out).contains("trace saved: " + trace);
        String step = cli.out.replaceAll("(?s).*violation at step (\\d+):.*", "$1");

        assertThat(cli.run("explore", "--replay", trace.toString())).isEqualTo(1);
        assertThat(cli.out).startsWith("replaying " + trace + ": config vmm")
                .contains("violation at step " + step + ":").doesNotContain("note:");
    }

    @Test
    void aCleanRunExitsZero() {
        Path cfg = tmp.resolve("plain.yaml");
        writeString(cfg, "threads:\n  - {name: a, priority: 10, sc: {budget: 500, period: 500}}\n");
        assertThat(cli.run("explore", "--config", cfg.toString(), "--max-events", "5000", "--depth", "100",
                "--threads", "1")).isZero();
        assertThat(cli.out).contains("no violation in 50 trials").contains("speed: ");
        assertThat(cli.home.resolve("target/kreply/explore-trace.json")).doesNotExist();
    }

    @Test
    void theExhaustiveStrategyFindsTheShortestScenario() {
        assertThat(cli.run("explore", "--strategy", "exhaustive", "--depth", "3", "--threads", "2")).isEqualTo(1);
        assertThat(cli.out).contains("exhaustive search: depth 3").contains("found at depth 2")
                .contains("#346 variant: ready-queue");
    }

    @Test
    void variantsPrintsTheTable() {
        assertThat(cli.run("explore", "--variants", "--seed", "1", "--max-events", "200000")).isEqualTo(1);
        assertThat(cli.out).contains("#346 variants still present (FOUND) per kernel:")
                .containsPattern("bundled legacy kernel\\s+FOUND\\s+FOUND\\s+-");
        assertThat(cli.home.resolve("target/kreply/explore-trace-ready-queue.json")).exists();
        assertThat(cli.home.resolve("target/kreply/explore-trace-release-queue.json")).exists();
    }

    @Test
    void listsTheShippedConfigurations() {
        assertThat(cli.run("explore", "--list-configs")).isZero();
        assertThat(cli.out).startsWith("vmm (default): ").contains("\nrr-sporadic: ").contains("\npassive-server: ");
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        expectUsageError(new String[] {"explore", "--depth", "0"}, "kreply: --depth must be between 1 and 1000000, was 0");
        expectUsageError(new String[] {"explore", "--max-events", "-5"}, "kreply: --max-events must be at least 1, was -5");
        expectUsageError(new String[] {"explore", "--replay", "t.json", "--seed", "3"},
                "kreply: --replay runs the saved trace as it is: the only option it takes is --kernel");
        expectUsageError(new String[] {"explore", "--kernel", "a", "--kernel", "b"},
                "kreply: several --kernel folders need --variants (which compares the kernels)");
        expectUsageError(new String[] {"explore", "--variants", "--strategy", "exhaustive"},
                "kreply: --variants uses the random strategy; drop --strategy exhaustive");
        expectUsageError(new String[] {"explore", "--config", "nope"},
                "kreply: configuration file not found: " + cli.home.resolve("nope"));
        expectUsageError(new String[] {"explore", "--kernel", "nowhere"},
                "kreply: --kernel " + cli.home.resolve("nowhere") + ": no such folder");
        expectUsageError(new String[] {"explore", "--replay", "missing.json"},
                "kreply: trace file not found: " + cli.home.resolve("missing.json"));
        Path cfg = tmp.resolve("bad.yaml");
        writeString(cfg, "threads:\n  - {name: a, priority: 10, sc: {budget: 5}}\n");
        expectUsageError(new String[] {"explore", "--config", cfg.toString()},
                "kreply: " + cfg + ": threads[0].sc.budget: must be between 20 and 3600000000, was 5");
        Path trace = tmp.resolve("bad.json");
        writeString(trace, "{\"format\": \"something else\"}");
        expectUsageError(new String[] {"explore", "--replay", trace.toString()},
                "kreply: " + trace + ": not a trace file (no \"format\": \"kreply-explore-trace\")");
        assertThat(cli.run("explore", "--strategy", "sideways")).isEqualTo(2);
        assertThat(cli.err).startsWith("kreply explore: Invalid value for option '--strategy'").doesNotContain("\tat ");
    }

    @Test
    void engineProgressLinesFeedTheTerminalDisplay() {
        java.io.StringWriter w = new java.io.StringWriter();
        long[] now = {5000};
        ProgressDisplay display = ProgressDisplay.manual(new java.io.PrintWriter(w), true, 0, () -> now[0]);
        ExploreCommand.show(display, "exploring\t250\t1000");
        ExploreCommand.show(display, "not a progress line");
        assertThat(w.toString()).contains("exploring 250/1000 (25%)");
    }

    private void expectUsageError(String[] args, String message) {
        assertThat(cli.run(args)).as(String.join(" ", args)).isEqualTo(2);
        assertThat(cli.err).isEqualTo(message + "\n");
        assertThat(cli.out).isEmpty();
    }

    private static void writeString(Path p, String s) {
        try {
            Files.writeString(p, s);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
