// contract: kreply analyze turns options into the right analysis request, writes the selected reports, and exits 0 clean / 1 failing findings / 2 on every usage or input error with one line on stderr.
package kreply.cli;

import static kreply.cli.Fixtures.finding;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import kreply.analyzer.engine.AnalysisInputException;
import kreply.analyzer.engine.AnalyzeRequest;
import kreply.analyzer.report.Suppression;

class AnalyzeCommandTest {
    private static final String PGA = "sel4.arch.aarch64.Vspace#performPageGetAddress";
    private static final String GETBP = "sel4.object.tcb.TcbInvocations#invokeGetBreakpoint";

    @TempDir
    Path tmp;
    CliRun cli;

    @BeforeEach
    void setUp() {
        cli = new CliRun(tmp);
    }

    private void engineFinds(kreply.analyzer.report.Finding... fs) {
        cli.backend.result = Fixtures.result(cli.kernel.toString(), fs);
    }

    private void assertOneLineError(String expected) {
        assertThat(cli.exit).isEqualTo(2);
        assertThat(cli.err).isEqualTo(expected + System.lineSeparator());
        assertThat(cli.out).isEmpty();
    }

    private JsonNode json() throws Exception {
        return new ObjectMapper().readTree(cli.reports().resolve("kreply.json").toFile());
    }

    // --- defaults and the request sent to the engine

    @Test
    void noPathAnalysesTheBundledKernelWithTheBundledPacks() {
        cli.run("analyze");

        AnalyzeRequest r = cli.backend.last();
        assertThat(r.sources()).containsExactly(cli.kernel.resolve("src/main/java"));
        assertThat(r.root()).isEqualTo(cli.kernel);
        assertThat(r.packs()).containsExactly(cli.home.resolve("rules/packs/blocking.yaml"),
                cli.home.resolve("rules/packs/reply.yaml"));
        assertThat(r.dispatch()).isEqualTo(AnalyzeRequest.Dispatch.CHA);
    }

    @Test
    void cleanRunExitsZeroAndWritesAllAvailableReports() {
        assertThat(cli.run("analyze")).isZero();

        assertThat(cli.reports().resolve("kreply.json")).isRegularFile();
        assertThat(cli.reports().resolve("kreply.sarif")).isRegularFile();
        assertThat(cli.reports().resolve("kreply.txt")).isRegularFile();
        assertThat(cli.reports().resolve("index.html")).isRegularFile();
        assertThat(cli.out).contains("Findings: 0 (0 new, 0 baselined, 0 suppressed)")
                .contains("PASSED (--fail-on new)");
        assertThat(cli.err).isEmpty();
    }

    @Test
    void newFindingExitsOneAndIsListed() throws Exception {
        engineFinds(finding(PGA, 120, "fp-1"));

        assertThat(cli.run("analyze")).isEqualTo(1);

        assertThat(cli.out).contains("src/main/java/sel4/arch/aarch64/Vspace.java:120 reply-protocol [C G B] " + PGA)
                .contains("FAILED (--fail-on new): 1 new, 0 baselined, 0 suppressed");
        assertThat(json().at("/findings/0/status").asText()).isEqualTo("new");
    }

    @Test
    void rtaOptionSelectsRapidTypeAnalysis() {
        cli.run("analyze", "--rta");
        assertThat(cli.backend.last().dispatch()).isEqualTo(AnalyzeRequest.Dispatch.RTA);
    }

    @Test
    void packOptionsReplaceTheBundledPacks() throws Exception {
        Path mine = Files.writeString(tmp.resolve("mine.yaml"), "pack: mine\n");
        Path other = Files.writeString(tmp.resolve("other.yaml"), "pack: other\n");

        cli.run("analyze", "--pack", mine.toString(), "--pack", other.toString());

        assertThat(cli.backend.last().packs()).containsExactly(mine, other);
    }

    @Test
    void pathArgumentsAreAnalysedWithTheirProjectFolderAsRoot() throws Exception {
        Path proj = tmp.resolve("proj");
        Path src = Files.createDirectories(proj.resolve("src/main/java/p"));
        Files.writeString(proj.resolve("pom.xml"), "<project/>");
        Files.writeString(src.resolve("A.java"), "package p; class A {}");
        cli.backend.result = Fixtures.result(proj.toString());

        assertThat(cli.run("analyze", proj.resolve("src/main/java").toString(), "--format", "json")).isZero();

        assertThat(cli.backend.last().sources()).containsExactly(proj.resolve("src/main/java"));
        assertThat(cli.backend.last().root()).isEqualTo(proj);
        assertThat(proj.resolve("target/kreply/kreply.json")).isRegularFile();
    }

    @Test
    void relativePathsResolveAgainstTheWorkingFolder() {
        cli.run("analyze", "kernel-src/src/main/java/sel4/Kernel.java", "--format", "json");
        assertThat(cli.backend.last().sources()).containsExactly(cli.kernel.resolve("src/main/java/sel4/Kernel.java"));
        assertThat(cli.backend.last().root()).isEqualTo(cli.kernel);
    }

    @Test
    void rootOptionOverridesTheDetectedRoot() {
        cli.run("analyze", "kernel-src/src/main/java", "--root", "kernel-src/src", "--format", "json");
        assertThat(cli.backend.last().root()).isEqualTo(cli.kernel.resolve("src"));
    }

    // --- formats and output

    @Test
    void formatOptionSelectsReports() {
        cli.run("analyze", "--format", "sarif,TEXT");

        assertThat(cli.reports().resolve("kreply.sarif")).isRegularFile();
        assertThat(cli.reports().resolve("kreply.txt")).isRegularFile();
        assertThat(cli.reports().resolve("kreply.json")).doesNotExist();
    }

    @Test
    void withoutTextFormatOnlyTheVerdictIsPrinted() {
        cli.run("analyze", "--format", "json");
        assertThat(cli.out).doesNotContain("Findings:").startsWith("PASSED");
    }

    @Test
    void outOptionChoosesTheReportFolder() {
        cli.run("analyze", "--out", "reports/here");
        assertThat(cli.home.resolve("reports/here/kreply.json")).isRegularFile();
        assertThat(cli.reports()).doesNotExist();
    }

    @Test
    void quietPrintsNothingButKeepsTheExitCode() {
        engineFinds(finding(PGA, 120, "fp-1"));
        assertThat(cli.run("analyze", "--quiet")).isEqualTo(1);
        assertThat(cli.out).isEmpty();
        assertThat(cli.err).isEmpty();
        assertThat(cli.reports().resolve("kreply.sarif")).isRegularFile();
    }

    // --- the gate

    @Test
    void failOnNoneNeverFailsAndFailOnAnyFailsOnBaselined() {
        engineFinds(finding(PGA, 120, "fp-1"));
        assertThat(cli.run("analyze", "--fail-on", "none")).isZero();
        assertThat(cli.run("analyze", "--update-baseline")).isZero();
        assertThat(cli.run("analyze")).isZero();
        assertThat(cli.run("analyze", "--fail-on", "ANY")).isEqualTo(1);
    }

    @Test
    void updatedBaselineAcceptsTodaysFindingsButNotTomorrowsDuplicate() throws Exception {
        engineFinds(finding(PGA, 120, "fp-1"), finding(GETBP, 300, "fp-2"));
        assertThat(cli.run("analyze", "--update-baseline")).isZero();
        assertThat(cli.kernel.resolve("kreply-baseline.json")).isRegularFile();
        assertThat(cli.out).contains("Baseline " + cli.kernel.resolve("kreply-baseline.json") + " written: 2 entries.");

        // the same findings after an edit moved them: still accepted
        engineFinds(finding(PGA, 133, "fp-1"), finding(GETBP, 310, "fp-2"));
        assertThat(cli.run("analyze")).isZero();
        assertThat(cli.out).contains("0 new, 2 baselined");

        // a copy of an accepted defect is new
        engineFinds(finding(PGA, 133, "fp-1"), finding(GETBP, 310, "fp-2"), finding(PGA, 400, "fp-1"));
        assertThat(cli.run("analyze")).isEqualTo(1);
        assertThat(cli.out).contains("Vspace.java:400");
    }

    @Test
    void fixedFindingLeavesAStaleEntryButPasses() throws Exception {
        engineFinds(finding(PGA, 120, "fp-1"), finding(GETBP, 300, "fp-2"));
        cli.run("analyze", "--update-baseline");
        engineFinds(finding(PGA, 120, "fp-1"));

        assertThat(cli.run("analyze")).isZero();

        assertThat(cli.out).contains("Stale baseline entries (1)").contains(GETBP);
        assertThat(json().at("/baseline/staleEntries/0/fingerprint").asText()).isEqualTo("fp-2");
    }

    @Test
    void explicitBaselineIsUsedAndNamedInTheReports() throws Exception {
        engineFinds(finding(PGA, 120, "fp-1"));
        cli.run("analyze", "--update-baseline", "--baseline", "gate/accepted.json");
        assertThat(cli.home.resolve("gate/accepted.json")).isRegularFile();
        assertThat(cli.kernel.resolve("kreply-baseline.json")).doesNotExist();

        assertThat(cli.run("analyze")).isEqualTo(1);
        assertThat(cli.run("analyze", "--baseline", "gate/accepted.json")).isZero();
        assertThat(json().at("/baseline/file").asText()).isEqualTo(cli.home.resolve("gate/accepted.json").toString());
    }

    @Test
    void suppressionsAreAppliedAndUnusedOnesReported() throws Exception {
        var f = finding(PGA, 120, "fp-1");
        cli.backend.result = Fixtures.result(cli.kernel.toString(), List.of(f), List.of(
                new Suppression("reply-protocol", "debug only", f.file(), 118, 119, 125),
                new Suppression("*", "nothing here", f.file(), 300, 301, 310)));

        assertThat(cli.run("analyze")).isZero();

        assertThat(cli.out).contains("0 new, 0 baselined, 1 suppressed").contains("Unused suppressions (1)");
        assertThat(json().at("/findings/0/suppressionReason").asText()).isEqualTo("debug only");
    }

    // --- input errors: exit 2, one line, nothing on stdout

    @Test
    void missingPathIsAnInputError() {
        cli.run("analyze", "nope/src");
        assertOneLineError("kreply: no such file or directory: nope/src");
        assertThat(cli.backend.requests).isEmpty();
    }

    @Test
    void nonJavaFileIsAnInputError() throws Exception {
        Files.writeString(cli.home.resolve("notes.txt"), "x");
        cli.run("analyze", "notes.txt");
        assertOneLineError("kreply: not a Java source file or folder: notes.txt");
    }

    @Test
    void missingPackIsAnInputError() {
        cli.run("analyze", "--pack", "rules/packs/nope.yaml");
        assertOneLineError("kreply: rule pack not found: rules/packs/nope.yaml");
    }

    @Test
    void homeWithoutPacksIsAnInputError() throws Exception {
        Files.delete(cli.home.resolve("rules/packs/reply.yaml"));
        Files.delete(cli.home.resolve("rules/packs/blocking.yaml"));
        cli.run("analyze");
        assertOneLineError("kreply: no rule packs found in " + cli.home.resolve("rules/packs") + " (pass --pack FILE)");
    }

    @Test
    void unknownHomeWithoutPathIsAnInputError() {
        cli.homeForRun = null;
        cli.run("analyze");
        assertOneLineError("kreply: cannot find the kreply home for the bundled kernel "
                + "(run through ./kreply or pass -Dkreply.home=DIR)");
    }

    @Test
    void badPackReportedByTheEngineIsAnInputError() {
        cli.backend.failure = new AnalysisInputException("rule pack rules/packs/reply.yaml: line 3: unknown key 'when'");
        cli.run("analyze");
        assertOneLineError("kreply: rule pack rules/packs/reply.yaml: line 3: unknown key 'when'");
    }

    @Test
    void missingExplicitBaselineIsAnInputError() {
        cli.run("analyze", "--baseline", "nope.json");
        assertOneLineError("kreply: baseline file not found: nope.json (create it with --update-baseline)");
        assertThat(cli.backend.requests).isEmpty();
    }

    @Test
    void corruptDefaultBaselineIsAnInputError() throws Exception {
        Files.writeString(cli.kernel.resolve("kreply-baseline.json"), "{ entries: oops");
        cli.run("analyze");
        assertThat(cli.exit).isEqualTo(2);
        assertThat(cli.err).startsWith("kreply: baseline file " + cli.kernel.resolve("kreply-baseline.json")
                + " is not valid JSON").doesNotContain("\tat ").hasLineCount(1);
        assertThat(cli.backend.requests).isEmpty();
    }

    @Test
    void baselineThatIsAFolderIsAnInputError() {
        cli.run("analyze", "--baseline", "kernel-src");
        assertOneLineError("kreply: --baseline is a folder, not a file: kernel-src");
    }

    @Test
    void htmlFormatWritesIndexHtmlWithTheGatedFindings() throws Exception {
        engineFinds(finding(PGA, 120, "fp-1"), finding(GETBP, 300, "fp-2"));
        Files.writeString(cli.kernel.resolve("kreply-baseline.json"), "{\"tool\": \"kreply\", \"format\": 1, "
                + "\"entries\": [{\"fingerprint\": \"fp-1\", \"ruleId\": \"reply-protocol\", \"method\": \"" + PGA
                + "\", \"kinds\": [\"C\", \"G\", \"B\"], \"file\": \"x\"}]}");

        assertThat(cli.run("analyze", "--format", "html")).isEqualTo(1);

        String html = Files.readString(cli.reports().resolve("index.html"));
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>kreply report: kernel-src</title>")
                .contains("\"status\":\"new\"").contains("\"status\":\"baselined\"")
                // the home's rules folder gives the rule its documentation page
                .contains("<div class=\"ruledoc\" id=\"rule-0-doc\">");
        assertThat(cli.reports().resolve("kreply.json")).doesNotExist();
        assertThat(cli.out).contains("FAILED (--fail-on new): 1 new, 1 baselined, 0 suppressed");
    }

    @Test
    void htmlReportGetsTheCallGraphTheAnalysisRanOn() throws Exception {
        engineFinds(finding(PGA, 120, "fp-1"));
        cli.backend.graph = new FakeGraph();

        cli.run("analyze", "--format", "html,json");

        String html = Files.readString(cli.reports().resolve("index.html"));
        assertThat(html).contains("with their direct callers and callees from the analysis's call graph")
                // a callee of the witness entry that no witness path contains
                .contains("\"id\":\"" + FakeGraph.B + "\"");
    }

    @Test
    void unknownFormatIsAnInputError() {
        cli.run("analyze", "--format", "xml");
        assertOneLineError("kreply: --format: unknown format 'xml' (available: json, sarif, html, text)");
    }

    @Test
    void outThatIsAFileIsAnInputError() throws Exception {
        Files.writeString(cli.home.resolve("taken"), "x");
        cli.run("analyze", "--out", "taken");
        assertOneLineError("kreply: --out is a file, not a folder: " + cli.home.resolve("taken"));
    }

    @Test
    void rootThatDoesNotContainThePathsIsAnInputError() {
        cli.run("analyze", "kernel-src/src", "--root", "rules");
        assertOneLineError("kreply: --root rules does not contain " + cli.kernel.resolve("src"));
    }

    @Test
    void unknownOptionIsAUsageError() {
        cli.run("analyze", "--frobnicate");
        assertOneLineError("kreply analyze: Unknown option: '--frobnicate' (see 'kreply help analyze')");
    }

    @Test
    void badFailOnValueIsAUsageError() {
        cli.run("analyze", "--fail-on", "sometimes");
        assertThat(cli.exit).isEqualTo(2);
        assertThat(cli.err).startsWith("kreply analyze: Invalid value for option '--fail-on'").contains("sometimes")
                .hasLineCount(1);
    }

    @Test
    void optionWithoutItsValueIsAUsageError() {
        cli.run("analyze", "--out");
        assertThat(cli.exit).isEqualTo(2);
        assertThat(cli.err).startsWith("kreply analyze: Missing required parameter for option '--out'").hasLineCount(1);
    }

    @Test
    void engineBugIsAnInternalErrorWithoutStackTrace() {
        cli.backend.failure = new IllegalStateException("boom");
        cli.run("analyze");
        assertThat(cli.exit).isEqualTo(3);
        assertThat(cli.err).isEqualTo("kreply: internal error: java.lang.IllegalStateException: boom "
                + "(set KREPLY_DEBUG=1 for details)" + System.lineSeparator());
    }
}
