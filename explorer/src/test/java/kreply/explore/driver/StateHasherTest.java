// contract: the canonical state hash is the same for the same state however and whenever it was reached (objects by address, times relative to now), and differs when anything that decides what can happen next differs.
package kreply.explore.driver;

import static org.assertj.core.api.Assertions.assertThat;

import kreply.explore.trace.FaultKind;
import kreply.explore.trace.TraceEvent;
import org.junit.jupiter.api.Test;

class StateHasherTest {
    private final StateHasher hasher = new StateHasher();

    @Test
    void twoBuildsOfAConfigurationHashAlike() {
        assertThat(hasher.hash(Live.shipped("vmm").sys)).isEqualTo(hasher.hash(Live.shipped("vmm").sys));
        assertThat(hasher.hash(Live.shipped("vmm").sys)).isNotEqualTo(hasher.hash(Live.shipped("rr-sporadic").sys));
    }

    @Test
    void theSameStateReachedAtDifferentTimesHashesAlike() {
        // Each full timeslice of a round-robin thread ends in the same state, only later.
        String yaml = """
                threads:
                  - {name: a, priority: 10, sc: {budget: 1000, period: 1000}}
                  - {name: b, priority: 10, sc: {budget: 1000, period: 1000}}
                """;
        Live once = Live.of(yaml);
        once.apply(TraceEvent.deadline(0));
        once.apply(TraceEvent.deadline(0));
        Live thrice = Live.of(yaml);
        for (int i = 0; i < 4; i++) {
            thrice.apply(TraceEvent.deadline(0));
        }
        assertThat(thrice.sys.now()).isEqualTo(2 * once.sys.now());
        assertThat(thrice.current()).isEqualTo(once.current());
        assertThat(hasher.hash(once.sys)).isEqualTo(hasher.hash(thrice.sys));
        once.apply(TraceEvent.deadline(0));
        assertThat(hasher.hash(once.sys)).as("the other thread runs now").isNotEqualTo(hasher.hash(thrice.sys));
    }

    @Test
    void aSporadicRefillInThePastStillCounts() {
        // Its release time decides where the next refill goes, so the same queue state later is a different state.
        Live a = Live.shipped("vmm");
        a.apply(TraceEvent.deadline(0));
        Live b = Live.shipped("vmm");
        b.apply(TraceEvent.deadline(0));
        b.apply(TraceEvent.deadline(0));
        assertThat(hasher.hash(a.sys)).isNotEqualTo(hasher.hash(b.sys));
    }

    @Test
    void differentStatesHashDifferently() {
        Live a = Live.shipped("vmm");
        long initial = hasher.hash(a.sys);
        a.apply(TraceEvent.tick(10));
        long later = hasher.hash(a.sys);
        assertThat(later).as("closer to the deadline").isNotEqualTo(initial);
        a.apply(TraceEvent.fault("guest0", FaultKind.VCPU));
        assertThat(hasher.hash(a.sys)).isNotEqualTo(later);
    }
}
