// contract: progress appears on stderr only for terminal runs longer than the delay, and is erased when the run ends.
package kreply.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ProgressDisplayTest {
    private final StringWriter sink = new StringWriter();
    private final AtomicLong now = new AtomicLong(1_000);

    private ProgressDisplay display(boolean terminal) {
        return ProgressDisplay.manual(new PrintWriter(sink), terminal, 2000, now::get);
    }

    @Test
    void shortRunsShowNothing() {
        try (ProgressDisplay d = display(true)) {
            now.addAndGet(1999);
            d.progress("model", 10, 100);
        }
        assertThat(sink.toString()).isEmpty();
    }

    @Test
    void longRunsShowPhaseCountsAndElapsedTimeThenEraseTheLine() {
        try (ProgressDisplay d = display(true)) {
            now.addAndGet(2500);
            d.progress("callgraph", 30, 120);
            assertThat(sink.toString()).isEqualTo("\r\033[Kkreply: callgraph 30/120 (25%) 2.5s");
            now.addAndGet(1000);
            d.paintIfDue();
            assertThat(sink.toString()).endsWith("\r\033[Kkreply: callgraph 30/120 (25%) 3.5s");
        }
        assertThat(sink.toString()).endsWith("3.5s\r\033[K");
    }

    @Test
    void unknownTotalShowsOnlyTheCount() {
        try (ProgressDisplay d = display(true)) {
            now.addAndGet(3000);
            d.progress("facts", 42, 0);
        }
        assertThat(sink.toString()).contains("kreply: facts 42 3.0s");
    }

    @Test
    void notATerminalShowsNothingEvenForLongRuns() {
        try (ProgressDisplay d = display(false)) {
            now.addAndGet(60_000);
            d.progress("model", 1, 2);
            d.paintIfDue();
        }
        assertThat(sink.toString()).isEmpty();
    }

    @Test
    void terminalNeedsTheLauncherHintAndNoCi() {
        assertThat(CliContext.stderrIsTerminal(Map.of())).isFalse();
        assertThat(CliContext.stderrIsTerminal(Map.of("KREPLY_STDERR_TTY", "1"))).isTrue();
        assertThat(CliContext.stderrIsTerminal(Map.of("KREPLY_STDERR_TTY", "0"))).isFalse();
        assertThat(CliContext.stderrIsTerminal(Map.of("KREPLY_STDERR_TTY", "1", "CI", "true"))).isFalse();
        assertThat(CliContext.stderrIsTerminal(Map.of("KREPLY_STDERR_TTY", "1", "TERM", "dumb"))).isFalse();
        assertThat(CliContext.stderrIsTerminal(Map.of("KREPLY_STDERR_TTY", "1", "CI", "false"))).isTrue();
    }

    @Test
    void analyzeShowsNoProgressWhenStderrIsNotATerminal(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        CliRun cli = new CliRun(tmp);
        cli.terminal = false;
        cli.run("analyze");
        assertThat(cli.err).doesNotContain("\r");
    }
}
