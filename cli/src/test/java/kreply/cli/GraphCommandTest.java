// contract: kreply graph writes the whole call graph or one method's neighbourhood as DOT or GraphML, and rejects unknown, ambiguous or inconsistent requests with exit 2.
package kreply.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GraphCommandTest {
    @TempDir
    Path tmp;
    CliRun cli;

    @BeforeEach
    void setUp() {
        cli = new CliRun(tmp);
        cli.backend.graph = new FakeGraph();
    }

    @Test
    void wholeGraphAsDotOnStdout() {
        assertThat(cli.run("graph")).isZero();
        assertThat(cli.out).startsWith("digraph calls { // focus=null");
        assertThat(cli.backend.last().sources()).containsExactly(cli.kernel.resolve("src/main/java"));
        assertThat(cli.backend.last().packs()).isEmpty();
    }

    @Test
    void methodNeighbourhoodWithDefaultAndGivenDepth() {
        cli.run("graph", "--method", FakeGraph.ENTRY);
        assertThat(cli.out).contains("focus=" + FakeGraph.ENTRY + " depth=" + GraphCommand.DEFAULT_DEPTH);
        cli.run("graph", "--method", "handleSyscall", "--depth", "0");
        assertThat(cli.out).contains("focus=" + FakeGraph.ENTRY + " depth=0");
    }

    @Test
    void graphmlToAFile() throws Exception {
        assertThat(cli.run("graph", "--format", "GraphML", "--out", "out/calls.graphml")).isZero();
        assertThat(cli.out).isEmpty();
        assertThat(Files.readString(cli.home.resolve("out/calls.graphml"))).startsWith("<graphml>");
    }

    @Test
    void rtaIsPassedToTheEngine() {
        cli.run("graph", "--rta");
        assertThat(cli.backend.last().dispatch().name()).isEqualTo("RTA");
    }

    @Test
    void unknownMethodIsAnInputError() {
        assertThat(cli.run("graph", "--method", "noSuchThing")).isEqualTo(2);
        assertThat(cli.err).isEqualTo("kreply: --method noSuchThing: no method of the call graph matches"
                + System.lineSeparator());
    }

    @Test
    void ambiguousMethodListsTheCandidates() {
        assertThat(cli.run("graph", "--method", "invokeSetFlags")).isEqualTo(2);
        assertThat(cli.err).isEqualTo("kreply: --method invokeSetFlags is ambiguous, 2 methods match: "
                + FakeGraph.B + ", " + FakeGraph.A + " (give the full id)" + System.lineSeparator());
    }

    @Test
    void fullIdDisambiguates() {
        assertThat(cli.run("graph", "--method", FakeGraph.A)).isZero();
        assertThat(cli.out).contains("focus=" + FakeGraph.A);
    }

    @Test
    void depthWithoutMethodIsAnInputError() {
        assertThat(cli.run("graph", "--depth", "3")).isEqualTo(2);
        assertThat(cli.err).isEqualTo("kreply: --depth needs --method (the whole graph has no depth)"
                + System.lineSeparator());
        assertThat(cli.backend.requests).isEmpty();
    }

    @Test
    void negativeDepthIsAnInputError() {
        assertThat(cli.run("graph", "--method", "handleSyscall", "--depth", "-1")).isEqualTo(2);
        assertThat(cli.err).isEqualTo("kreply: --depth must be 0 or more, was -1" + System.lineSeparator());
    }

    @Test
    void nonNumericDepthAndUnknownFormatAreUsageErrors() {
        assertThat(cli.run("graph", "--method", "x", "--depth", "deep")).isEqualTo(2);
        assertThat(cli.err).startsWith("kreply graph: Invalid value for option '--depth'").hasLineCount(1);
        assertThat(cli.run("graph", "--format", "svg")).isEqualTo(2);
        assertThat(cli.err).startsWith("kreply graph: Invalid value for option '--format'").hasLineCount(1);
    }

    @Test
    void missingPathIsAnInputError() {
        assertThat(cli.run("graph", "missing")).isEqualTo(2);
        assertThat(cli.err).isEqualTo("kreply: no such file or directory: missing" + System.lineSeparator());
    }

    @Test
    void outThatIsAFolderIsAnInputError() {
        assertThat(cli.run("graph", "--out", "rules")).isEqualTo(2);
        assertThat(cli.err).isEqualTo("kreply: --out is a folder, not a file: rules" + System.lineSeparator());
    }
}
