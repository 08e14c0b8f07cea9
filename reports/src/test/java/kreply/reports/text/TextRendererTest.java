// contract: the terminal summary shows counts, each new finding as file:line rule [codes] method — message with a compact witness, and every gate diagnostic.
package kreply.reports.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kreply.analyzer.report.PathStep;
import kreply.reports.gate.Baseline;
import kreply.reports.gate.Gate;
import kreply.reports.render.RenderContext;
import kreply.reports.testing.Golden;
import kreply.reports.testing.RichOutcome;
import kreply.reports.testing.Samples;

class TextRendererTest {
    @TempDir
    Path tmp;

    @Test
    void richReportMatchesGoldenFile() {
        RichOutcome rich = new RichOutcome(tmp);
        Golden.assertMatches("rich.txt", rich.render(new TextRenderer()), rich.volatileParts());
    }

    @Test
    void newFindingLineHasLocationRuleCodesMethodAndMessage() {
        String text = new RichOutcome(tmp).render(new TextRenderer());
        assertThat(text).contains("  " + Samples.TCB + ":300 reply-protocol [R L] "
                + "sel4.object.tcb.TcbInvocations#invokeGetBreakpoint — reply written while the current thread is left in Restart");
        assertThat(text).contains("Findings: 4 (2 new, 1 baselined, 1 suppressed)");
        // baselined findings are counted, not listed
        assertThat(text).doesNotContain(Samples.VSPACE + ":120");
    }

    @Test
    void cleanRunSaysSoWithoutEmptySections() {
        var outcome = Gate.apply(Samples.result("/r", List.of(), List.of()), Baseline.empty(), null);
        var w = new java.io.StringWriter();
        try {
            new TextRenderer().render(outcome, RenderContext.NONE, w);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(w.toString()).contains("Findings: 0 (0 new, 0 baselined, 0 suppressed)")
                .doesNotContain("New findings").doesNotContain("by rule").doesNotContain("Stale")
                .doesNotContain("baseline ");
    }

    @Test
    void shortWitnessShowsEveryStepWithEdgeKinds() {
        List<PathStep> p = Samples.path("a.B#entry()", "a.C#mid(int)", "a.D#leaf()");
        assertThat(TextRenderer.witness(p)).isEqualTo("B#entry → C#mid → (virtual) D#leaf");
    }

    @Test
    void longWitnessKeepsBothEndsAndCountsTheElidedMiddle() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add("p.C#m" + i + "()");
        }
        String w = TextRenderer.witness(Samples.path(ids.toArray(String[]::new)));
        assertThat(w).startsWith("C#m0 → C#m1 → (virtual) C#m2 → … 5 more … → C#m8")
                .endsWith("C#m11");
        assertThat(w.split(" → ")).hasSize(TextRenderer.MAX_PATH_STEPS);
    }

    @Test
    void timingsFollowPhaseOrderAndTotal() {
        assertThat(TextRenderer.timings(Map.of("rules", 3L, "model", 10L, "zeta", 1L, "output", 2L)))
                .isEqualTo("model 10 ms, rules 3 ms, output 2 ms, zeta 1 ms; total 16 ms");
        assertThat(TextRenderer.timings(Map.of("model", 10L, "total", 50L))).isEqualTo("model 10 ms; total 50 ms");
    }
}
