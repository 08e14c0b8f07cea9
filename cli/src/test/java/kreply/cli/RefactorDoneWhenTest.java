// contract: the Done-when runs of issue 6 on a fresh copy of the legacy kernel — `refactor --recipe spec-reply,deferred-reply` and `c-reply,deferred-reply`, each `--all --in-place --verify` — exit 0 with every reply-conformance test passing (empty manifest), no untagged kernel test failing (the legacy-form tests listed apart as expected changes), and a re-analysis of the result reporting none of the codes the combination fixes.
package kreply.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import kreply.refactor.findings.EngineFindings;
import kreply.refactor.findings.FindingRef;
import kreply.refactor.write.TreeCopy;

/*
 * The expensive end-to-end runs, once per recipe combination (each compiles the kernel and runs its
 * ~1400 tests in a child JVM, then re-analyses it: about a minute). The refactor module's tests
 * cover the recipes' diffs, compilation and idempotence without running the kernel's tests, so the
 * verifier's kernel run happens only here.
 */
class RefactorDoneWhenTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "spec-reply,deferred-reply | C I G B R R~ T L O S E",
            "c-reply,deferred-reply    | C I G B R R~ T L O"})
    void inPlaceWithVerifyPassesAndClearsTheCodes(String recipes, String codes) throws IOException {
        Path repo = Path.of("").toAbsolutePath().getParent();
        Path tree = tmp.resolve("kernel-src");
        TreeCopy.copy(repo.resolve("kernel-src"), tree); // sources only: build output is not copied
        Files.deleteIfExists(tree.resolve(".jqwik-database")); // left by the build's own kernel test run

        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CliContext ctx = new CliContext(new PrintWriter(o), new PrintWriter(e), repo, tmp, AnalysisBackend.ENGINE,
                false, false);
        int exit = Main.run(new String[] {"refactor", tree.toString(), "--recipe", recipes, "--all", "--in-place",
                "--verify"}, ctx);
        String out = o.toString();

        assertThat(exit).as(out + e).isZero();
        assertThat(out).containsPattern("verify: reply-conformance: [1-9][0-9]* run, 0 failed")
                .contains("verify: regressions (failing tests not tagged as pinning the legacy form): 0")
                .containsPattern("expected changes of legacy-pinning tests \\(not regressions\\): [1-9]")
                .contains("changed sel4.scenario.BudgetScenarioTest#yieldToALowerPriorityThreadReturnsAtOnceWithItsConsumedTime")
                .contains("verify: PASSED");
        assertThat(e.toString()).doesNotContain("restored");
        assertThat(tree.resolve(".jqwik-database")).as("verification leaves nothing behind in the tree").doesNotExist();

        // The result stays on disk, and a fresh analysis of it finds none of the codes.
        Set<String> fixed = Set.of(codes.trim().split(" "));
        List<FindingRef> after = new EngineFindings(packs(repo)).findings(tree, List.of(tree.resolve("src/main/java")));
        assertThat(after).filteredOn(f -> f.kinds().stream().anyMatch(fixed::contains)).isEmpty();
    }

    private static List<Path> packs(Path repo) throws IOException {
        try (Stream<Path> s = Files.list(repo.resolve("rules/packs"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
    }
}
