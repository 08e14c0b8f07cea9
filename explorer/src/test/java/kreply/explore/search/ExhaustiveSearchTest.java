// contract: the bounded exhaustive search explores interleavings breadth-first with state hashing, finds the #346 ready-queue violation on the VMM-like system with the fewest events (two: approach the deadline, fire the guest's timer), gives the same answer for any number of threads, and reports a clean bounded search with its distinct states.
package kreply.explore.search;

import static org.assertj.core.api.Assertions.assertThat;

import kreply.explore.config.ConfigLoader;
import kreply.explore.config.ShippedConfigs;
import kreply.explore.config.SystemConfig;
import kreply.explore.driver.Variant;
import kreply.explore.trace.EventKind;
import kreply.explore.trace.TraceEvent;
import org.junit.jupiter.api.Test;

class ExhaustiveSearchTest {
    private static final SystemConfig VMM = ShippedConfigs.load("vmm");

    @Test
    void findsTheShortestReadyQueueScenario() {
        ExhaustiveSearch.Result r = new ExhaustiveSearch(VMM, 1_000_000, 4, 2).run();
        assertThat(r.found()).isNotNull();
        assertThat(r.found().steps().size()).isEqualTo(2);
        assertThat(r.found().violation().variant()).isEqualTo(Variant.READY_QUEUE);
        var events = Scenarios.events(VMM, r.found().steps());
        assertThat(events.get(0).kind()).isEqualTo(EventKind.DEADLINE);
        assertThat(events.get(0).time()).isPositive().isLessThan(VMM.kernel().minBudget());
        assertThat(events.get(1).kind()).isIn(EventKind.VPPI, EventKind.EOI);
        assertThat(r.stats().states()).isGreaterThan(1);
    }

    @Test
    void theAnswerDoesNotDependOnTheNumberOfThreads() {
        ExhaustiveSearch.Result one = new ExhaustiveSearch(VMM, 1_000_000, 3, 1).run();
        ExhaustiveSearch.Result two = new ExhaustiveSearch(VMM, 1_000_000, 3, 2).run();
        assertThat(two.found().steps().sameAs(one.found().steps())).isTrue();
        assertThat(two.found().violation()).isEqualTo(one.found().violation());
    }

    @Test
    void aCleanBoundedSearchSkipsRepeatedStates() {
        SystemConfig tiny = new ConfigLoader().parse("""
                notifications: [n]
                threads:
                  - {name: a, priority: 10, sc: {budget: 1000, period: 1000}, caps: [n]}
                  - {name: b, priority: 10, sc: {budget: 1000, period: 1000}, caps: [n]}
                """, "tiny.yaml", false, "tiny");
        ExhaustiveSearch.Result r = new ExhaustiveSearch(tiny, 2_000_000, 3, 2).run();
        assertThat(r.found()).isNull();
        assertThat(r.depthCompleted()).isEqualTo(3);
        assertThat(r.budgetExhausted()).isFalse();
        // Far fewer distinct states than scenarios: e.g. a Yield and a full timeslice end alike.
        long scenarios = r.stats().events();
        assertThat(r.stats().states()).isGreaterThan(3).isLessThan(scenarios);
        ExhaustiveSearch.Result cut = new ExhaustiveSearch(tiny, 50, 3, 1).run();
        assertThat(cut.budgetExhausted()).isTrue();
    }

    @Test
    void deadlineArgumentsStayBeforeTheDeadline() {
        Choices c = new Choices(VMM);
        Session s = Session.start(VMM);
        var deadline = s.catalog().find(TraceEvent.deadline(0));
        assertThat(c.exhaustive(deadline, 1000)).containsExactly(0, 1, 20);
        assertThat(c.exhaustive(deadline, 1)).containsExactly(0);
    }
}
