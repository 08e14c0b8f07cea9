// contract: a violation found deep in a random trial shrinks to a short scenario that still breaks the same invariant with the same #346 variant, and the shrunk scenario replays strictly (every event can happen where it is).
package kreply.explore.search;

import static org.assertj.core.api.Assertions.assertThat;

import kreply.explore.config.ShippedConfigs;
import kreply.explore.config.SystemConfig;
import kreply.explore.driver.Stepper;
import org.junit.jupiter.api.Test;

class ShrinkerTest {
    private static final SystemConfig VMM = ShippedConfigs.load("vmm");

    @Test
    void aLongScenarioShrinksToAFewEvents() {
        Found longest = null;
        RandomSearch.Result r = new RandomSearch(VMM, 3, 400_000, 1000, 2)
                .variants(java.util.EnumSet.noneOf(kreply.explore.driver.Variant.class));
        for (Found f : r.byVariant().values()) {
            if (longest == null || f.steps().size() > longest.steps().size()) {
                longest = f;
            }
        }
        assertThat(longest).isNotNull();
        Scenarios.Shrunk s = Scenarios.shrink(VMM, longest, Shrinker.DEFAULT_MAX_REPLAYS, null);
        assertThat(longest.steps().size()).as("seed 3 finds one deep in a trial").isGreaterThan(50);
        assertThat(s.steps().size()).as("the #346 scenarios need at most a few events").isLessThanOrEqualTo(4);
        assertThat(s.replays()).isPositive();

        Replayer.Result strict = Replayer.replay(VMM, s.steps(), false, new Counters());
        assertThat(strict.failedAt()).as("no event was dropped").isEqualTo(-1);
        assertThat(strict.last()).isEqualTo(Stepper.Outcome.VIOLATION);
        assertThat(strict.violation().sameAs(longest.violation())).isTrue();
        assertThat(strict.applied().size()).isEqualTo(s.steps().size());
    }
}
