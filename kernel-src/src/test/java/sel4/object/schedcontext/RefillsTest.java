// contract: the refill buffer of a scheduling context behaves as seL4's sporadic.c — charging splits, merges, folds and wraps the circular buffer while preserving the budget, the order of refills and the minimum head budget.
package sel4.object.schedcontext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sel4.kernel.InvariantViolation;
import sel4.kernel.SchedTestSupport;
import sel4.model.Config;

class RefillsTest {
    static final long BUDGET = 100;
    static final long PERIOD = 1000;

    SchedTestSupport s;
    Refills r;
    SchedContext sc;

    @BeforeEach
    void setUp() {
        s = new SchedTestSupport();
        r = s.k.refills;
        sc = s.sc("sc");
    }

    /** The live refills from head to tail as {time, amount} pairs. */
    static List<long[]> refills(Refills r, SchedContext sc) {
        List<long[]> out = new ArrayList<>();
        int i = sc.scRefillHead;
        out.add(new long[] {sc.rTime[i], sc.rAmount[i]});
        while (i != sc.scRefillTail) {
            i = r.refill_next(sc, i);
            out.add(new long[] {sc.rTime[i], sc.rAmount[i]});
        }
        return out;
    }

    private void sporadic(int maxRefills) {
        r.refill_new(sc, maxRefills, BUDGET, PERIOD);
        s.ks.ksCurSC = sc;
    }

    private void at(long time) {
        s.ks.ksCurTime = time;
    }

    @Test
    void refillNewGivesTheWholeBudgetFromNow() {
        at(500);
        sporadic(4);
        assertThat(refills(r, sc)).containsExactly(new long[] {500, 100});
        assertThat(r.sc_active(sc)).isTrue();
        assertThat(r.isRoundRobin(sc)).isFalse();
        assertThat(r.refill_single(sc)).isTrue();
        assertThat(r.refill_size(sc)).isEqualTo(1);
        assertThat(r.refill_ready(sc)).isTrue();
    }

    @Test
    void roundRobinSchedContextHasAnEmptyTailForConsumedTime() {
        at(7);
        r.refill_new(sc, Config.minRefills, BUDGET, 0);
        assertThat(r.isRoundRobin(sc)).isTrue();
        assertThat(refills(r, sc)).containsExactly(new long[] {7, 100}, new long[] {7, 0});
        assertThat(r.refill_full(sc)).isTrue();
    }

    @Test
    void unconfiguredSchedContextIsInactiveAndNotReleased() {
        assertThat(r.sc_active(sc)).isFalse();
        assertThat(r.sc_released(sc)).isFalse();
        assertThat(r.sc_sporadic(null)).isFalse();
    }

    @Test
    void capacityAndSufficiencyUseTheMinimumBudget() {
        sporadic(4);
        long min = s.k.config.minBudget();
        assertThat(min).isEqualTo(20);
        assertThat(r.refill_capacity(sc, 30)).isEqualTo(70);
        assertThat(r.refill_capacity(sc, 150)).isZero();
        assertThat(r.refill_sufficient(sc, BUDGET - min)).isTrue();
        assertThat(r.refill_sufficient(sc, BUDGET - min + 1)).isFalse();
    }

    @Test
    void refillIsReadyOnlyFromItsReleaseTime() {
        at(100);
        sporadic(4);
        at(99);
        assertThat(r.refill_ready(sc)).isFalse();
        assertThat(r.sc_released(sc)).isFalse();
        at(100);
        assertThat(r.refill_ready(sc)).isTrue();
        assertThat(r.sc_released(sc)).isTrue();
    }

    @Test
    void partialUsageSplitsTheHeadAndReleasesTheUsedPartOnePeriodLater() {
        sporadic(4);
        r.refill_budget_check(30);
        assertThat(refills(r, sc)).containsExactly(new long[] {30, 70}, new long[] {1000, 30});
    }

    @Test
    void incrementalChargesOfOneRefillMergeIntoOneFutureRefill() {
        sporadic(4);
        r.refill_budget_check(30);
        r.refill_budget_check(20);
        assertThat(refills(r, sc)).containsExactly(new long[] {50, 50}, new long[] {1000, 50});
    }

    @Test
    void usingTheWholeSingleRefillMovesItOnePeriod() {
        sporadic(4);
        r.refill_budget_check(100);
        assertThat(refills(r, sc)).containsExactly(new long[] {1000, 100});
    }

    @Test
    void overrunBeyondSeveralPeriodsChargesWholeRefillsThenSplits() {
        sporadic(4);
        r.refill_budget_check(250);
        assertThat(refills(r, sc)).containsExactly(new long[] {2050, 50}, new long[] {3000, 50});
        assertThat(r.refill_sum(sc)).isEqualTo(BUDGET);
        assertThat(r.refill_ordered(sc)).isTrue();
    }

    @Test
    void overrunAcrossTwoRefillsMergesTheUsedHeadIntoTheTail() {
        sporadic(4);
        r.refill_budget_check(60);
        r.refill_budget_check(50);
        assertThat(refills(r, sc)).containsExactly(new long[] {1010, 90}, new long[] {2000, 10});
    }

    @Test
    void headBelowMinimumBudgetIsMergedIntoTheNextRefill() {
        sporadic(4);
        r.refill_budget_check(90);
        // head (90, 10) is too small to run: folded into (1000, 90) ending at the same time
        assertThat(refills(r, sc)).containsExactly(new long[] {990, 100});
    }

    @Test
    void fullBufferFoldsTheNewRefillIntoADelayedTail() {
        sporadic(2);
        r.refill_budget_check(30);
        at(200);
        r.refill_unblock_check(sc);
        assertThat(refills(r, sc)).containsExactly(new long[] {200, 70}, new long[] {1000, 30});
        r.refill_budget_check(30);
        assertThat(refills(r, sc)).containsExactly(new long[] {230, 40}, new long[] {1170, 60});
        assertThat(r.refill_full(sc)).isTrue();
    }

    @Test
    void bufferWrapsAroundItsEnd() {
        sporadic(3);
        r.refill_budget_check(30);
        at(200);
        r.refill_unblock_check(sc);
        r.refill_budget_check(30);
        assertThat(refills(r, sc)).containsExactly(
                new long[] {230, 40}, new long[] {1000, 30}, new long[] {1200, 30});
        r.refill_budget_check(40);
        assertThat(refills(r, sc)).containsExactly(new long[] {1000, 30}, new long[] {1200, 70});
        at(1000);
        r.refill_budget_check(30);
        assertThat(sc.scRefillHead).isEqualTo(2);
        assertThat(sc.scRefillTail).isEqualTo(0);
        assertThat(r.refill_size(sc)).isEqualTo(2);
        assertThat(refills(r, sc)).containsExactly(new long[] {1200, 70}, new long[] {2000, 30});
    }

    @Test
    void chargingStopsAtTheMaximumReleaseTime() {
        long nearMax = s.k.config.maxReleaseTime() - 10;
        at(nearMax);
        sporadic(4);
        r.refill_budget_check(500);
        // one whole-refill charge moves the head past MAX_RELEASE_TIME; the remaining 400 ticks
        // are not charged, so refill times never approach overflow
        assertThat(refills(r, sc)).containsExactly(new long[] {nearMax + PERIOD, 100});
        r.refill_budget_check(500);
        assertThat(refills(r, sc)).containsExactly(new long[] {nearMax + PERIOD, 100});
    }

    @Test
    void roundRobinChargingMovesBudgetFromHeadToTailAndResetRestoresIt() {
        r.refill_new(sc, Config.minRefills, BUDGET, 0);
        s.ks.ksCurSC = sc;
        r.refill_budget_check_round_robin(30);
        assertThat(refills(r, sc)).containsExactly(new long[] {0, 70}, new long[] {0, 30});
        r.refill_reset_rr(sc);
        assertThat(refills(r, sc)).containsExactly(new long[] {0, 100}, new long[] {0, 0});
    }

    @Test
    void sporadicChargeOfARoundRobinContextIsAnAssertionFailure() {
        r.refill_new(sc, Config.minRefills, BUDGET, 0);
        s.ks.ksCurSC = sc;
        assertThatThrownBy(() -> r.refill_budget_check(10)).isInstanceOf(InvariantViolation.class);
    }

    @Test
    void updateOfAnActiveContextClampsTheReadyHeadToTheNewBudget() {
        sporadic(4);
        r.refill_budget_check(30);
        at(500);
        r.refill_update(sc, 2000, 50, 3);
        assertThat(refills(r, sc)).containsExactly(new long[] {500, 50});
        assertThat(sc.scRefillMax).isEqualTo(3);
        assertThat(sc.scPeriod).isEqualTo(2000);
    }

    @Test
    void updateToALargerBudgetReleasesTheRestOnePeriodAfterTheHead() {
        sporadic(4);
        r.refill_budget_check(30);
        at(500);
        r.refill_update(sc, 2000, 200, 3);
        assertThat(refills(r, sc)).containsExactly(new long[] {500, 70}, new long[] {2500, 130});
    }

    @Test
    void updateKeepsAFutureHeadAndMovesItToSlotZero() {
        sporadic(3);
        r.refill_budget_check(30);
        at(200);
        r.refill_unblock_check(sc);
        r.refill_budget_check(30);
        r.refill_budget_check(40);
        at(1000);
        r.refill_budget_check(30); // head index 2 now, released at 1200
        at(1100);
        r.refill_update(sc, 5000, 60, 2);
        assertThat(sc.scRefillHead).isZero();
        assertThat(refills(r, sc)).containsExactly(new long[] {1200, 60});
    }

    @Test
    void unblockCheckStartsADueHeadNowAndMergesWhatIsAvailable() {
        sporadic(4);
        r.refill_budget_check(30);
        s.ks.ksReprogram = false;
        at(2000);
        r.refill_unblock_check(sc);
        assertThat(refills(r, sc)).containsExactly(new long[] {2000, 100});
        assertThat(s.ks.ksReprogram).isTrue();
    }

    @Test
    void unblockCheckLeavesAFutureHeadAlone() {
        sporadic(4);
        r.refill_budget_check(30);
        s.ks.ksReprogram = false;
        at(10);
        r.refill_unblock_check(sc);
        assertThat(refills(r, sc)).containsExactly(new long[] {30, 70}, new long[] {1000, 30});
        assertThat(s.ks.ksReprogram).isFalse();
    }

    @Test
    void unblockCheckIgnoresRoundRobin() {
        r.refill_new(sc, Config.minRefills, BUDGET, 0);
        at(5000);
        r.refill_unblock_check(sc);
        assertThat(refills(r, sc)).containsExactly(new long[] {0, 100}, new long[] {0, 0});
    }

    @Test
    void guardedUnblockCheckNeedsASporadicContextThatIsNotCurrent() {
        sporadic(4);
        r.refill_budget_check(30);
        at(2000);
        r.ifCondRefillUnblockCheck(sc, true, true); // not sporadic yet
        assertThat(r.refill_head_time(sc)).isEqualTo(30);
        sc.scSporadic = true;
        r.ifCondRefillUnblockCheck(sc, true, true); // the current SC
        assertThat(r.refill_head_time(sc)).isEqualTo(30);
        r.ifCondRefillUnblockCheck(null, true, true);
        r.ifCondRefillUnblockCheck(sc, true, false);
        assertThat(refills(r, sc)).containsExactly(new long[] {2000, 100});
    }

    @Test
    void guardedUnblockCheckWithActSkipsAnInactiveContext() {
        sc.scSporadic = true;
        r.ifCondRefillUnblockCheck(sc, true, true);
        assertThat(sc.scRefillMax).isZero();
        assertThat(s.ks.ksReprogram).isFalse();
    }

    /**
     * Random lives of a sporadic thread (seeded, so failures reproduce): wait until released, run
     * for some time (possibly overrunning), sometimes block and wake later. After every charge the
     * budget is preserved, refills stay ordered, the head can run and the buffer stays in bounds.
     */
    @Test
    void chargingPreservesBudgetOrderAndMinimumHead() {
        for (long seed = 1; seed <= 300; seed++) {
            Random rnd = new Random(seed);
            int maxRefills = 2 + rnd.nextInt(9);
            SchedTestSupport t = new SchedTestSupport();
            Refills rr = t.k.refills;
            SchedContext c = t.sc("prop");
            rr.refill_new(c, maxRefills, BUDGET, PERIOD);
            c.scSporadic = true;
            t.ks.ksCurSC = c;
            long min = t.k.config.minBudget();
            int steps = 1 + rnd.nextInt(40);
            for (int i = 0; i < steps; i++) {
                long delay = (long) rnd.nextInt((int) (3 * PERIOD));
                long usage = 1 + rnd.nextInt((int) (3 * BUDGET));
                t.ks.ksCurTime = Math.max(t.ks.ksCurTime + delay, rr.refill_head_time(c));
                rr.refill_budget_check(usage);
                if (rnd.nextBoolean()) {
                    t.ks.ksCurTime += delay;
                    rr.refill_unblock_check(c);
                }
                String where = "seed " + seed + " step " + i;
                assertThat(rr.refill_sum(c)).as(where).isEqualTo(BUDGET);
                assertThat(rr.refill_ordered(c)).as(where).isTrue();
                assertThat(rr.refill_head_amount(c)).as(where).isGreaterThanOrEqualTo(min);
                assertThat(rr.refill_size(c)).as(where).isBetween(1, maxRefills);
                assertThat(c.scRefillHead).as(where).isBetween(0, maxRefills - 1);
                assertThat(c.scRefillTail).as(where).isBetween(0, maxRefills - 1);
            }
        }
    }
}
