// contract: per-method summaries are computed bottom-up over strongly connected components, so effects inside mutually recursive helpers reach the root that calls them and recursion terminates.
package kreply.analyzer.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import kreply.analyzer.TestSources;
import kreply.analyzer.report.AnalysisResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SccSummaryTest {
    @TempDir
    Path dir;

    @Test
    void recursionReachesTheRoot() throws Exception {
        TestSources.write(dir, Map.of("rec/Rec.java", """
                package rec;
                import fx.*;
                public final class Rec extends Module {
                    public Rec(Kernel k) { super(k); }
                    long invokeDeep(int n) {
                        walk(n);
                        return EXCEPTION_NONE;
                    }
                    private void walk(int n) {
                        if (n > 0) {
                            back(n - 1);
                        } else {
                            setRegister(ks.ksCurThread, msgRegisters[0], 1);
                        }
                    }
                    private void back(int n) { walk(n); }
                    long invokeSettles(boolean call, int n) {
                        if (call) {
                            setRegister(ks.ksCurThread, badgeRegister, 0);
                            int len = setMR(ks.ksCurThread, null, 0, n);
                            setRegister(ks.ksCurThread, msgInfoRegister,
                                    wordFromMessageInfo(seL4_MessageInfo_new(0, 0, 0, len)));
                        }
                        settle(n);
                        return EXCEPTION_NONE;
                    }
                    private void settle(int n) {
                        if (n > 0) {
                            settle(n - 1);
                        } else {
                            k.thread.setThreadState(ks.ksCurThread, ThreadState.Running);
                        }
                    }
                }
                """));
        AnalysisResult r = TestSources.analyseWithSupport(dir);
        assertThat(r.findings()).filteredOn(f -> f.method().endsWith("#invokeDeep"))
                .extracting(f -> f.ruleId() + ":" + f.line()).contains("reply-clobbered:6", "reply-no-msginfo:6",
                        "reply-not-call-guarded:6", "reply-badge-not-zeroed:6");
        // the Running set at the bottom of a self-recursive helper makes the reply final
        assertThat(r.findings()).filteredOn(f -> f.method().endsWith("#invokeSettles"))
                .extracting(f -> f.ruleId()).containsExactly("reply-not-returned");
        assertThat(r.stats().get("truncatedSummaries")).isZero();
    }
}
