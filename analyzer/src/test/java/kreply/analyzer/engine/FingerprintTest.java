// contract: a finding's fingerprint hashes rule, method and the method's code without comments or layout, so it survives line shifts and comment edits but changes when the method's code changes; findings come out in a deterministic order.
package kreply.analyzer.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import kreply.analyzer.TestSources;
import kreply.analyzer.report.AnalysisResult;
import kreply.analyzer.report.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintTest {
    @TempDir
    Path dir;

    static final String BODY = """
                long performGetAddress(long base) {
                    setRegister(ks.ksCurThread, msgRegisters[0], base);
                    return EXCEPTION_NONE;
                }
            """;

    private Finding clobbered(String header, String body) throws Exception {
        TestSources.write(dir, Map.of("f/F.java", "package f;\nimport fx.*;\nclass F extends Module {\n" + header
                + "    F(Kernel k) { super(k); }\n" + body + "}\n"));
        AnalysisResult r = TestSources.analyseWithSupport(dir);
        return r.findings().stream().filter(x -> x.ruleId().equals("reply-clobbered")).findFirst().orElseThrow();
    }

    @Test
    void survivesLineShiftsAndComments() throws Exception {
        Finding a = clobbered("", BODY);
        Finding b = clobbered("\n\n    // a new comment\n    int unrelated;\n\n", BODY.replace("return EXCEPTION_NONE;",
                "return   EXCEPTION_NONE; // done"));
        assertThat(b.line()).isGreaterThan(a.line());
        assertThat(b.fingerprint()).isEqualTo(a.fingerprint());
        Finding c = clobbered("", BODY.replace("base);", "base + 1);"));
        assertThat(c.fingerprint()).isNotEqualTo(a.fingerprint());
    }

    @Test
    void normalisationKeepsStringsAndDropsComments() {
        assertThat(Fingerprints.normalise("a  /* x */ b // y\n c \"  // not a comment\"")).isEqualTo(
                "a b c \"  // not a comment\"");
    }

    @Test
    void findingsAreSortedDeterministically() throws Exception {
        TestSources.write(dir, Map.of("f/F.java", "package f;\nimport fx.*;\nclass F extends Module {\n"
                + "    F(Kernel k) { super(k); }\n" + BODY + BODY.replace("performGetAddress", "performOther") + "}\n"));
        AnalysisResult one = TestSources.analyseWithSupport(dir);
        AnalysisResult two = TestSources.analyseWithSupport(dir);
        assertThat(one.findings()).isEqualTo(two.findings());
        assertThat(one.findings()).isSortedAccordingTo(java.util.Comparator.comparing(Finding::file)
                .thenComparingInt(Finding::line).thenComparing(Finding::ruleId));
    }
}
