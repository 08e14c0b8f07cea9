// contract: the CI gate marks findings new / baselined / suppressed by fingerprint multiplicity and suppression ranges, and reports stale entries and unused or reasonless suppressions.
package kreply.reports.gate;

import static kreply.reports.testing.Samples.TCB;
import static kreply.reports.testing.Samples.VSPACE;
import static kreply.reports.testing.Samples.finding;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import kreply.analyzer.report.AnalysisResult;
import kreply.analyzer.report.Finding;
import kreply.analyzer.report.FindingStatus;
import kreply.analyzer.report.Suppression;
import kreply.reports.testing.Samples;

class GateTest {
    private static final String PGA = "sel4.arch.aarch64.Vspace#performPageGetAddress";
    private static final String GETBP = "sel4.object.tcb.TcbInvocations#invokeGetBreakpoint";

    private static AnalysisResult result(List<Finding> fs, List<Suppression> ss) {
        return Samples.result("/work/kernel", fs, ss);
    }

    private static FindingStatus statusOf(GateOutcome o, String method, int line) {
        return o.result().findings().stream().filter(f -> f.method().equals(method) && f.line() == line)
                .findFirst().orElseThrow().status();
    }

    @Test
    void baselinedFindingStaysBaselinedWhenItsLinesShift() {
        Baseline accepted = Baseline.of(List.of(finding("reply-protocol", List.of("C"), PGA, VSPACE, 120, "fp-1")));
        Finding moved = finding("reply-protocol", List.of("C"), PGA, VSPACE, 163, "fp-1");

        GateOutcome o = Gate.apply(result(List.of(moved), List.of()), accepted, "kreply-baseline.json");

        assertThat(statusOf(o, PGA, 163)).isEqualTo(FindingStatus.BASELINED);
        assertThat(o.staleEntries()).isEmpty();
        assertThat(FailOn.NEW.fails(o)).isFalse();
        assertThat(FailOn.ANY.fails(o)).isTrue();
    }

    @Test
    void secondFindingWithABaselinedFingerprintIsNew() {
        Baseline accepted = Baseline.of(List.of(finding("reply-protocol", List.of("C"), PGA, VSPACE, 120, "fp-1")));
        Finding a = finding("reply-protocol", List.of("C"), PGA, VSPACE, 120, "fp-1");
        Finding b = finding("reply-protocol", List.of("C"), PGA, VSPACE, 240, "fp-1");

        GateOutcome o = Gate.apply(result(List.of(b, a), List.of()), accepted, "b.json");

        assertThat(o.count(FindingStatus.BASELINED)).isEqualTo(1);
        assertThat(o.count(FindingStatus.NEW)).isEqualTo(1);
        assertThat(FailOn.NEW.fails(o)).isTrue();
    }

    @Test
    void duplicateEntriesAbsorbAsManyFindingsAsTheyCount() {
        Finding a = finding("reply-protocol", List.of("C"), PGA, VSPACE, 120, "fp-1");
        Finding b = finding("reply-protocol", List.of("C"), PGA, VSPACE, 240, "fp-1");
        Baseline accepted = Baseline.of(List.of(a, b));

        GateOutcome o = Gate.apply(result(List.of(a, b), List.of()), accepted, "b.json");

        assertThat(o.count(FindingStatus.BASELINED)).isEqualTo(2);
        assertThat(o.staleEntries()).isEmpty();
    }

    @Test
    void entriesWhoseFindingIsGoneAreStale() {
        Finding kept = finding("reply-protocol", List.of("C"), PGA, VSPACE, 120, "fp-1");
        Finding fixed = finding("reply-protocol", List.of("R", "L"), GETBP, TCB, 300, "fp-2");
        Baseline accepted = Baseline.of(List.of(kept, fixed, fixed));

        GateOutcome o = Gate.apply(result(List.of(kept), List.of()), accepted, "b.json");

        assertThat(o.staleEntries()).extracting(BaselineEntry::fingerprint).containsExactly("fp-2", "fp-2");
        assertThat(o.staleEntries().get(0).method()).isEqualTo(GETBP);
        assertThat(o.staleEntries().get(0).kinds()).containsExactly("R", "L");
        assertThat(FailOn.NEW.fails(o)).isFalse();
    }

    @Test
    void findingWithChangedCodeIsNewEvenInTheSameMethod() {
        Baseline accepted = Baseline.of(List.of(finding("reply-protocol", List.of("C"), PGA, VSPACE, 120, "fp-old")));
        Finding changed = finding("reply-protocol", List.of("C"), PGA, VSPACE, 120, "fp-new");

        GateOutcome o = Gate.apply(result(List.of(changed), List.of()), accepted, "b.json");

        assertThat(statusOf(o, PGA, 120)).isEqualTo(FindingStatus.NEW);
        assertThat(o.staleEntries()).extracting(BaselineEntry::fingerprint).containsExactly("fp-old");
    }

    @Test
    void suppressionCoversOnlyItsRuleFileAndLineRange() {
        Finding inside = finding("reply-protocol", List.of("C"), GETBP, TCB, 310, "fp-a");
        Finding after = finding("reply-protocol", List.of("C"), GETBP, TCB, 331, "fp-b");
        Finding otherRule = finding("blocked-while-queued", List.of("S"), GETBP, TCB, 312, "fp-c");
        Finding otherFile = finding("reply-protocol", List.of("C"), PGA, VSPACE, 310, "fp-d");
        Suppression s = new Suppression("reply-protocol", "debug-only path", TCB, 299, 300, 330);

        GateOutcome o = Gate.apply(result(List.of(inside, after, otherRule, otherFile), List.of(s)),
                Baseline.empty(), null);

        assertThat(statusOf(o, GETBP, 310)).isEqualTo(FindingStatus.SUPPRESSED);
        assertThat(o.result().findings()).filteredOn(f -> f.line() == 310 && f.method().equals(GETBP))
                .extracting(Finding::suppressionReason).containsExactly("debug-only path");
        assertThat(statusOf(o, GETBP, 331)).isEqualTo(FindingStatus.NEW);
        assertThat(statusOf(o, GETBP, 312)).isEqualTo(FindingStatus.NEW);
        assertThat(statusOf(o, PGA, 310)).isEqualTo(FindingStatus.NEW);
        assertThat(o.unusedSuppressions()).isEmpty();
    }

    @Test
    void wildcardSuppressionCoversEveryRule() {
        Finding f = finding("blocked-while-queued", List.of("S"), GETBP, TCB, 312, "fp-c");
        Suppression s = new Suppression("*", "model-only helper", TCB, 310, 311, 320);

        GateOutcome o = Gate.apply(result(List.of(f), List.of(s)), Baseline.empty(), null);

        assertThat(o.count(FindingStatus.SUPPRESSED)).isEqualTo(1);
        assertThat(FailOn.ANY.fails(o)).isFalse();
    }

    @Test
    void suppressionCoveringNothingIsReportedAsUnused() {
        Finding f = finding("reply-protocol", List.of("C"), PGA, VSPACE, 120, "fp-1");
        Suppression used = new Suppression("reply-protocol", "accepted", VSPACE, 118, 119, 125);
        Suppression unused = new Suppression("reply-protocol", "stale", VSPACE, 400, 401, 420);

        GateOutcome o = Gate.apply(result(List.of(f), List.of(used, unused)), Baseline.empty(), null);

        assertThat(o.unusedSuppressions()).containsExactly(unused);
    }

    @Test
    void suppressionWithoutReasonIsIgnoredAndReported() {
        Finding f = finding("reply-protocol", List.of("C"), PGA, VSPACE, 120, "fp-1");
        Suppression blank = new Suppression("reply-protocol", "  ", VSPACE, 118, 119, 125);
        Suppression missing = new Suppression("reply-protocol", null, VSPACE, 117, 118, 125);

        GateOutcome o = Gate.apply(result(List.of(f), List.of(blank, missing)), Baseline.empty(), null);

        assertThat(statusOf(o, PGA, 120)).isEqualTo(FindingStatus.NEW);
        assertThat(o.suppressionsWithoutReason()).containsExactly(blank, missing);
        assertThat(o.unusedSuppressions()).isEmpty();
    }

    @Test
    void suppressedFindingDoesNotConsumeItsBaselineEntry() {
        Finding f = finding("reply-protocol", List.of("C"), PGA, VSPACE, 120, "fp-1");
        Suppression s = new Suppression("reply-protocol", "accepted in review", VSPACE, 118, 119, 125);

        GateOutcome o = Gate.apply(result(List.of(f), List.of(s)), Baseline.of(List.of(f)), "b.json");

        assertThat(statusOf(o, PGA, 120)).isEqualTo(FindingStatus.SUPPRESSED);
        assertThat(o.staleEntries()).extracting(BaselineEntry::fingerprint).containsExactly("fp-1");
    }

    @Test
    void updatedBaselineAcceptsAllUnsuppressedFindings() {
        Finding a = finding("reply-protocol", List.of("C"), PGA, VSPACE, 120, "fp-1");
        Finding b = finding("reply-protocol", List.of("R"), GETBP, TCB, 300, "fp-2");
        Suppression s = new Suppression("reply-protocol", "accepted", TCB, 299, 300, 305);
        GateOutcome first = Gate.apply(result(List.of(a, b), List.of(s)), Baseline.empty(), null);

        Baseline updated = Gate.baselineOf(first);
        GateOutcome second = Gate.apply(result(List.of(a, b), List.of(s)), updated, "b.json");

        assertThat(updated.entries()).extracting(BaselineEntry::fingerprint).containsExactly("fp-1");
        assertThat(second.count(FindingStatus.NEW)).isZero();
        assertThat(second.count(FindingStatus.BASELINED)).isEqualTo(1);
        assertThat(second.count(FindingStatus.SUPPRESSED)).isEqualTo(1);
    }

    @Test
    void failOnNoneNeverFailsAndFailOnNewIgnoresBaselined() {
        Finding a = finding("reply-protocol", List.of("C"), PGA, VSPACE, 120, "fp-1");
        GateOutcome allNew = Gate.apply(result(List.of(a), List.of()), Baseline.empty(), null);
        GateOutcome clean = Gate.apply(result(List.of(), List.of()), Baseline.empty(), null);

        assertThat(FailOn.NONE.fails(allNew)).isFalse();
        assertThat(FailOn.NEW.fails(allNew)).isTrue();
        assertThat(FailOn.ANY.fails(clean)).isFalse();
    }

    @Test
    void findingsAreOrderedByFileAndLine() {
        Finding late = finding("reply-protocol", List.of("C"), GETBP, TCB, 300, "fp-2");
        Finding early = finding("reply-protocol", List.of("C"), GETBP, TCB, 30, "fp-1");
        Finding vspace = finding("reply-protocol", List.of("C"), PGA, VSPACE, 5, "fp-3");

        GateOutcome o = Gate.apply(result(List.of(late, vspace, early), List.of()), Baseline.empty(), null);

        assertThat(o.result().findings()).extracting(Finding::line).containsExactly(5, 30, 300);
    }
}
