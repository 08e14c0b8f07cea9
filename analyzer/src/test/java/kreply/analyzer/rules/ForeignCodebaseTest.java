// contract: the unchanged rules find the defects of a second codebase with different names when given its own pack — every finding is marked in the sources and every marker is found.
package kreply.analyzer.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import kreply.analyzer.TestPaths;
import kreply.analyzer.engine.AnalyzeRequest;
import kreply.analyzer.engine.Analyzer;
import kreply.analyzer.report.AnalysisResult;
import kreply.analyzer.report.Finding;
import org.junit.jupiter.api.Test;

class ForeignCodebaseTest {
    static final Path DIR = TestPaths.rules().resolve("fixtures/foreign-codebase");

    @Test
    void sameRulesFindTheForeignDefects() throws Exception {
        AnalysisResult r = new Analyzer().analyze(new AnalyzeRequest(List.of(DIR.resolve("src")), DIR,
                List.of(DIR.resolve("pack.yaml")), null, null));
        TreeMap<String, TreeSet<String>> expected = TestPaths.markers(DIR, DIR.resolve("src"));
        TreeMap<String, TreeSet<String>> actual = new TreeMap<>();
        for (Finding f : r.findings()) {
            actual.computeIfAbsent(f.file() + ":" + f.line(), k -> new TreeSet<>()).add(f.ruleId());
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(r.findings()).filteredOn(f -> f.ruleId().equals("reply-write-without-authority"))
                .extracting(Finding::kinds).containsExactly(List.of("R"));
        assertThat(r.findings()).filteredOn(f -> f.ruleId().equals("queue-block-while-queued"))
                .allSatisfy(f -> assertThat(f.callPath()).containsExactly("mv.Irq#onIrq(int)",
                        "mv.Irq#forwardVirq()"));
    }

    @Test
    void theKernelPackFindsNothingHere() throws Exception {
        // the names differ, so the seL4 pack has nothing to match: rules are driven by the pack only
        AnalysisResult r = new Analyzer().analyze(new AnalyzeRequest(List.of(DIR.resolve("src")), DIR,
                List.of(TestPaths.kernelPack()), null, null));
        assertThat(r.findings()).isEmpty();
    }
}
