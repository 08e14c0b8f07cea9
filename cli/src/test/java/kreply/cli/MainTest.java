// contract: kreply --version, kreply help and bad top-level usage behave as documented with exit codes 0 and 2.
package kreply.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {
    @TempDir
    Path tmp;
    CliRun cli;

    @BeforeEach
    void setUp() {
        cli = new CliRun(tmp);
    }

    @Test
    void versionPrintsTheBuildVersion() {
        assertThat(cli.run("--version")).isZero();
        assertThat(cli.out.strip()).matches("kreply \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(cli.out.strip()).isEqualTo("kreply " + Version.current());
    }

    @Test
    void helpListsTheSubcommandsAndExitCodes() {
        assertThat(cli.run("help")).isZero();
        assertThat(cli.out).contains("analyze").contains("graph").contains("Exit codes:")
                .contains("2  usage or input error");
    }

    @Test
    void helpForASubcommandShowsItsOptions() {
        assertThat(cli.run("help", "analyze")).isZero();
        assertThat(cli.out).contains("--fail-on").contains("--update-baseline").contains("--baseline")
                .contains("--format").contains("--rta").contains("--quiet").contains("--pack").contains("--out");
        assertThat(cli.run("graph", "--help")).isZero();
        assertThat(cli.out).contains("--method").contains("--depth");
    }

    @Test
    void noSubcommandIsAUsageErrorWithUsageOnStderr() {
        assertThat(cli.run()).isEqualTo(2);
        assertThat(cli.out).isEmpty();
        assertThat(cli.err).contains("Usage: kreply");
    }

    @Test
    void unknownSubcommandIsAUsageError() {
        assertThat(cli.run("analyse-everything")).isEqualTo(2);
        assertThat(cli.err).startsWith("kreply: Unmatched argument at index 0: 'analyse-everything'")
                .endsWith("(see 'kreply help')" + System.lineSeparator()).hasLineCount(1);
    }

    @Test
    void oneLineJoinsMultiLineMessages() {
        assertThat(Main.oneLine("first\n  second\r\nthird\n")).isEqualTo("first; second; third");
    }
}
