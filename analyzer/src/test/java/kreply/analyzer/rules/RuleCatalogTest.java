// contract: every rule has a doc page and positive and negative fixtures, and on the fixtures it reports exactly the lines marked "// expect: <rule-id>" — no more, no fewer.
package kreply.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import kreply.analyzer.TestPaths;
import kreply.analyzer.engine.AnalyzeRequest;
import kreply.analyzer.engine.Analyzer;
import kreply.analyzer.report.AnalysisResult;
import kreply.analyzer.report.Finding;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class RuleCatalogTest {
    static final Path FIXTURES = TestPaths.rules().resolve("fixtures");
    static AnalysisResult result;

    @BeforeAll
    static void analyseAllFixtures() throws Exception {
        List<Path> sources = new ArrayList<>();
        for (Rule r : Rules.all()) {
            sources.add(FIXTURES.resolve(r.id()));
        }
        sources.add(FIXTURES.resolve("support"));
        result = new Analyzer().analyze(new AnalyzeRequest(sources, FIXTURES, List.of(TestPaths.kernelPack()),
                null, null));
    }

    @Test
    void ruleIdsAreUniqueAndDescribed() {
        List<String> ids = Rules.all().stream().map(Rule::id).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(result.rules()).extracting(d -> d.id()).containsExactlyElementsOf(ids);
        for (Rule r : Rules.all()) {
            assertThat(r.descriptor().codes()).as(r.id()).isNotEmpty();
            assertThat(r.descriptor().docPath()).isEqualTo("docs/" + r.id() + ".md");
        }
        List<String> codes = Rules.all().stream().flatMap(r -> r.descriptor().codes().stream()).toList();
        assertThat(codes).containsExactlyInAnyOrder("C", "I", "G", "B", "R", "R~", "T", "L", "O", "P", "S", "E", "Q");
    }

    @Test
    void fixturesParseCleanly() {
        assertThat(result.parseProblems()).isEmpty();
    }

    @TestFactory
    List<DynamicTest> everyRuleIsCatalogued() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Rule r : Rules.all()) {
            String id = r.id();
            tests.add(DynamicTest.dynamicTest(id + " has a doc page", () -> {
                Path doc = TestPaths.rules().resolve(r.descriptor().docPath());
                assertThat(doc).as("doc page of " + id).isRegularFile();
                String text = Files.readString(doc);
                assertThat(text).as(id + " doc").contains("# " + id).containsIgnoringCase("## Why")
                        .containsIgnoringCase("## How to fix").containsIgnoringCase("## Examples");
            }));
            tests.add(DynamicTest.dynamicTest(id + " has positive and negative fixtures", () -> {
                assertThat(TestPaths.javaFiles(FIXTURES.resolve(id).resolve("positive"))).as(id + " positive")
                        .isNotEmpty();
                assertThat(TestPaths.javaFiles(FIXTURES.resolve(id).resolve("negative"))).as(id + " negative")
                        .isNotEmpty();
                TreeMap<String, TreeSet<String>> pos = TestPaths.markers(FIXTURES, FIXTURES.resolve(id + "/positive"));
                TreeMap<String, TreeSet<String>> neg = TestPaths.markers(FIXTURES, FIXTURES.resolve(id + "/negative"));
                assertThat(TestPaths.expected(pos, id)).as(id + " positive markers").isNotEmpty();
                assertThat(TestPaths.expected(neg, id)).as(id + " negative markers").isEmpty();
            }));
            tests.add(DynamicTest.dynamicTest(id + " reports exactly the marked lines", () -> {
                TreeSet<String> expected = TestPaths.expected(TestPaths.markers(FIXTURES, FIXTURES.resolve(id)), id);
                TreeSet<String> actual = result.findings().stream()
                        .filter(f -> f.ruleId().equals(id) && f.file().startsWith(id + "/"))
                        .map(f -> f.file() + ":" + f.line()).collect(Collectors.toCollection(TreeSet::new));
                assertThat(actual).as(id + " findings: " + messages(id)).isEqualTo(expected);
            }));
        }
        return tests;
    }

    @Test
    void findingsCarryMessageFingerprintFixAndWitness() {
        for (Finding f : result.findings()) {
            assertThat(f.message()).isNotBlank();
            assertThat(f.fingerprint()).hasSize(32);
            assertThat(f.witness()).isNotEmpty();
            assertThat(f.witness().get(f.witness().size() - 1).methodId()).isEqualTo(f.methodId());
            assertThat(f.fix()).as(f.ruleId()).isNotNull();
            assertThat(f.method()).isEqualTo(f.methodId().substring(0, f.methodId().indexOf('(')));
        }
    }

    private static String messages(String id) {
        return result.findings().stream().filter(f -> f.ruleId().equals(id))
                .map(f -> "\n  " + f.file() + ":" + f.line() + " " + f.message()).collect(Collectors.joining());
    }
}
