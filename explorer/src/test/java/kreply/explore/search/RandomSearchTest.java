// contract: the random search finds both #346 variants (ready-queue and release-queue) on the VMM-like system from a fixed seed without being told how, and the timeout case where a guest has a timeout handler; it returns the same result for any number of worker threads and spends its whole budget when there is nothing to find.
package kreply.explore.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import kreply.explore.config.ConfigLoader;
import kreply.explore.config.ShippedConfigs;
import kreply.explore.config.SystemConfig;
import kreply.explore.driver.Variant;
import org.junit.jupiter.api.Test;

class RandomSearchTest {
    private static final SystemConfig VMM = ShippedConfigs.load("vmm");

    @Test
    void bothVariantsOfIssue346AreFoundFromAFixedSeed() {
        RandomSearch.Result r = new RandomSearch(VMM, 1, 300_000, 1000, 2)
                .variants(EnumSet.of(Variant.READY_QUEUE, Variant.RELEASE_QUEUE));
        assertThat(r.byVariant()).containsKeys(Variant.READY_QUEUE, Variant.RELEASE_QUEUE);
        for (Variant v : EnumSet.of(Variant.READY_QUEUE, Variant.RELEASE_QUEUE)) {
            Found f = r.byVariant().get(v);
            assertThat(f.violation().invariantId()).isIn("Q1", "Q11", "Q12");
            assertThat(f.violation().irqHandler()).isIn("VPPIEvent", "VGICMaintenance");
            assertThat(f.violation().thread()).startsWith("guest");
        }
        assertThat(r.byVariant()).doesNotContainKey(Variant.OTHER);
    }

    @Test
    void anUnboundedBudgetStillRunsTrials() {
        // The trial count is derived from the budget without overflowing.
        assertThat(new RandomSearch(VMM, 1, Long.MAX_VALUE, 1000, 1).firstViolation().first()).isNotNull();
    }

    @Test
    void aGuestWithATimeoutHandlerShowsTheTimeoutCase() {
        // rr-sporadic's guest has a sporadic SC and a timeout handler: an expired budget blocks it on
        // the handler, and a hypervisor IRQ in the same interrupt entry finds it not runnable.
        RandomSearch.Result r = new RandomSearch(ShippedConfigs.load("rr-sporadic"), 1, 200_000, 1000, 2)
                .variants(EnumSet.of(Variant.TIMEOUT));
        Found f = r.byVariant().get(Variant.TIMEOUT);
        assertThat(f).isNotNull();
        assertThat(f.violation().invariant()).matches("(VPPIEvent|VGICMaintenance): current thread runnable");
        assertThat(f.violation().thread()).isEqualTo("guest");
    }

    @Test
    void theFirstViolationIsTheSameForOneAndTwoThreads() {
        RandomSearch.Result one = new RandomSearch(VMM, 42, 200_000, 1000, 1).firstViolation();
        RandomSearch.Result two = new RandomSearch(VMM, 42, 200_000, 1000, 2).firstViolation();
        assertThat(one.first()).isNotNull();
        assertThat(two.first().trial()).isEqualTo(one.first().trial());
        assertThat(two.first().violation()).isEqualTo(one.first().violation());
        assertThat(two.first().steps().sameAs(one.first().steps())).isTrue();
        assertThat(one.first().violation().variant().is346()).isTrue();
    }

    @Test
    void aSystemWithoutTheBugRunsItsWholeBudgetClean() {
        SystemConfig plain = new ConfigLoader().parse("""
                endpoints: [ep]
                replies: [r]
                threads:
                  - {name: server, priority: 50, sc: {budget: 300, period: 1000}, caps: [ep, r],
                     waitOn: {endpoint: ep, reply: r}}
                  - {name: client, priority: 20, sc: {budget: 500, period: 500}, caps: [ep]}
                  - {name: other, priority: 20, sc: {budget: 200, period: 2000, sporadic: true}, caps: [ep]}
                """, "plain.yaml", false, "plain");
        RandomSearch.Result r = new RandomSearch(plain, 7, 60_000, 500, 2).firstViolation();
        assertThat(r.first()).isNull();
        assertThat(r.stats().trials()).isEqualTo(120);
        assertThat(r.stats().events()).isPositive().isLessThanOrEqualTo(60_000);
        assertThat(r.stats().kernelEntries()).isPositive();
    }
}
