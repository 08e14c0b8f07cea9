// contract: suppressions written as @SuppressWarnings("kreply:<id>") or "// kreply:suppress <id> -- <reason>" are collected with rule, reason and the covered line range, and cover the findings inside that range only.
package kreply.analyzer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kreply.analyzer.TestSources;
import kreply.analyzer.report.AnalysisResult;
import kreply.analyzer.report.Finding;
import kreply.analyzer.report.Suppression;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuppressionScannerTest {
    @TempDir
    Path dir;

    static final String SRC = """
            package s;
            import fx.*;
            class S extends Module {
                S(Kernel k) { super(k); }
                // reason: legacy form kept as the analyzer's subject
                @SuppressWarnings("kreply:reply-clobbered")
                long performA(long base) {
                    setRegister(ks.ksCurThread, msgRegisters[0], base);
                    return EXCEPTION_NONE;
                }
                @SuppressWarnings({"kreply:reply-badge-not-zeroed", "unchecked"}) // tracked upstream
                long performB(long base) {
                    setRegister(ks.ksCurThread, msgRegisters[0], base);
                    return EXCEPTION_NONE;
                }
                // kreply:suppress reply-not-call-guarded, reply-no-msginfo -- demo of the comment form
                long performC(long base) {
                    setRegister(ks.ksCurThread, msgRegisters[0], base);
                    return EXCEPTION_NONE;
                }
                long performD(long base) {
                    setRegister(ks.ksCurThread, msgRegisters[0], base); // kreply:suppress *
                    return EXCEPTION_NONE;
                }
            }
            """;

    @Test
    void collectsBothForms() throws Exception {
        TestSources.write(dir, Map.of("s/S.java", SRC));
        AnalysisResult r = TestSources.analyseWithSupport(dir);
        List<Suppression> s = r.suppressions();
        assertThat(s).containsExactly(
                new Suppression("reply-clobbered", "legacy form kept as the analyzer's subject", "s/S.java", 6, 6, 10),
                new Suppression("reply-badge-not-zeroed", "tracked upstream", "s/S.java", 11, 11, 15),
                new Suppression("reply-no-msginfo", "demo of the comment form", "s/S.java", 16, 17, 20),
                new Suppression("reply-not-call-guarded", "demo of the comment form", "s/S.java", 16, 17, 20),
                new Suppression("*", "", "s/S.java", 22, 22, 22));
    }

    @Test
    void coverageFollowsRuleAndRange() throws Exception {
        TestSources.write(dir, Map.of("s/S.java", SRC));
        AnalysisResult r = TestSources.analyseWithSupport(dir);
        Finding clobberedA = find(r, "performA", "reply-clobbered");
        Finding guardA = find(r, "performA", "reply-not-call-guarded");
        Finding badgeB = find(r, "performB", "reply-badge-not-zeroed");
        Finding guardC = find(r, "performC", "reply-not-call-guarded");
        Finding clobberedC = find(r, "performC", "reply-clobbered");
        Finding anyD = find(r, "performD", "reply-clobbered");
        assertThat(covered(r, clobberedA)).isTrue();
        assertThat(covered(r, guardA)).isFalse();
        assertThat(covered(r, badgeB)).isTrue();
        assertThat(covered(r, guardC)).isTrue();
        assertThat(covered(r, clobberedC)).isFalse();
        assertThat(covered(r, anyD)).isTrue();
    }

    private static Finding find(AnalysisResult r, String method, String rule) {
        return r.findings().stream().filter(f -> f.method().endsWith("#" + method) && f.ruleId().equals(rule))
                .findFirst().orElseThrow(() -> new AssertionError(rule + " on " + method + " in " + r.findings()));
    }

    private static boolean covered(AnalysisResult r, Finding f) {
        return r.suppressions().stream().anyMatch(s -> s.covers(f));
    }
}
