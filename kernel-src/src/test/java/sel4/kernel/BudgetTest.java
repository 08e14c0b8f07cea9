// contract: MCS time accounting charges the current SC as seL4 does and ends a timeslice with exactly one of the outcomes of LEGACY-REPLY-BUGS §B2 step 4 — timeout fault, round-robin append (ct queued yet still schedulable) or postpone to the release queue.
package sel4.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sel4.api.ExceptionT;
import sel4.api.Fault;
import sel4.model.Config;
import sel4.model.KernelState;
import sel4.model.SchedulerAction;
import sel4.object.cap.EndpointCap;
import sel4.object.endpoint.Endpoint;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;
import sel4.object.tcb.ThreadStateType;

class BudgetTest {
    SchedTestSupport s;
    Budget b;
    KernelState ks;

    @BeforeEach
    void setUp() {
        s = new SchedTestSupport();
        b = s.k.budget;
        ks = s.ks;
    }

    private static long head(SchedContext sc) {
        return sc.rAmount[sc.scRefillHead];
    }

    private static long tail(SchedContext sc) {
        return sc.rAmount[sc.scRefillTail];
    }

    @Test
    void timestampAccumulatesConsumedTime() {
        s.elapse(30);
        s.elapse(12);
        assertThat(ks.ksCurTime).isEqualTo(42);
        assertThat(ks.ksConsumed).isEqualTo(42);
        assertThat(ks.ksDomainTime).isEqualTo(1_000_000);
    }

    @Test
    void domainTimeRunsDownAndExpiresWhenAnEntryNoLongerFits() {
        SchedTestSupport two = new SchedTestSupport(Config.aarch64().toBuilder().numDomains(2).build());
        two.ks.ksDomainTime = 100;
        two.elapse(50);
        assertThat(two.ks.ksDomainTime).isEqualTo(50);
        assertThat(two.k.budget.isCurDomainExpired()).isFalse();
        two.elapse(30); // 30 + minBudget 20 >= 50
        assertThat(two.ks.ksDomainTime).isZero();
        assertThat(two.k.budget.isCurDomainExpired()).isTrue();
    }

    @Test
    void sufficientBudgetPassesWithoutCharging() {
        Tcb a = s.rrThread("a", 10, 1000);
        s.makeCurrent(a);
        s.elapse(980);
        assertThat(b.checkBudget()).isTrue();
        assertThat(ks.ksConsumed).isEqualTo(980);
        assertThat(head(a.tcbSchedContext)).isEqualTo(1000);
        assertThat(a.tcbQueued).isFalse();
    }

    @Test
    void expiredDomainFailsTheCheckWithoutCharging() {
        SchedTestSupport two = new SchedTestSupport(Config.aarch64().toBuilder().numDomains(2).build());
        Tcb a = two.rrThread("a", 10, 1000);
        two.makeCurrent(a);
        two.ks.ksDomainTime = 0;
        assertThat(two.k.budget.checkBudget()).isFalse();
        assertThat(two.ks.ksConsumed).isZero();
        assertThat(a.tcbQueued).isFalse();
        assertThat(two.ks.ksSchedulerAction).isSameAs(SchedulerAction.ResumeCurrentThread);
    }

    @Test
    void exhaustedRoundRobinBudgetAppendsTheStillSchedulableCurrentThread() {
        Tcb a = s.rrThread("a", 10, 1000);
        Tcb other = s.rrThread("other", 10, 1000);
        s.k.tcbQueues.tcbSchedEnqueue(other);
        s.makeCurrent(a);
        s.elapse(990);
        ks.ksReprogram = false;
        assertThat(b.checkBudget()).isFalse();
        // outcome (b): the new timeslice is full and ct sits at the back of its ready queue
        assertThat(head(a.tcbSchedContext)).isEqualTo(1000);
        assertThat(tail(a.tcbSchedContext)).isZero();
        assertThat(a.tcbSchedContext.scConsumed).isEqualTo(990);
        assertThat(ks.ksConsumed).isZero();
        assertThat(s.ready(10)).containsExactly(other, a);
        assertThat(s.k.thread.isSchedulable(a)).isTrue();
        assertThat(ks.ksSchedulerAction).isSameAs(SchedulerAction.ChooseNewThread);
        assertThat(ks.ksReprogram).isTrue();
        assertThat(a.tcbState).isSameAs(ThreadState.Running);
    }

    @Test
    void exhaustedSporadicBudgetPostponesTheCurrentThread() {
        Tcb a = s.sporadicThread("a", 10, 100, 10_000, 4);
        s.makeCurrent(a);
        s.elapse(90);
        b.chargeBudget(ks.ksConsumed, false);
        // outcome (c): the head (90, 10) was too small and merged into the refill at 9990
        assertThat(a.tcbSchedContext.rTime[a.tcbSchedContext.scRefillHead]).isEqualTo(9990);
        assertThat(a.tcbInReleaseQueue).isTrue();
        assertThat(a.tcbQueued).isFalse();
        assertThat(s.releaseQueue()).containsExactly(a);
        assertThat(s.k.thread.isSchedulable(a)).isFalse();
        assertThat(ks.ksSchedulerAction).isSameAs(SchedulerAction.ChooseNewThread);
    }

    @Test
    void sporadicThreadWhoseNextRefillIsAlreadyDueIsAppendedInstead() {
        Tcb a = s.sporadicThread("a", 10, 100, 200, 4);
        s.makeCurrent(a);
        s.elapse(30);
        b.commitTime(); // refills (30, 70) and (200, 30)
        // preempted by others until 940, then runs 60 ticks: the head (30, 70) cannot cover it
        s.k.machine.timer().advance(910);
        ks.ksCurTime = 940;
        s.elapse(60);
        b.chargeBudget(ks.ksConsumed, false);
        SchedContext sc = a.tcbSchedContext;
        // the 10 ticks left of the head were merged into the refill at 200, which is due
        assertThat(s.k.refills.refill_single(sc)).isTrue();
        assertThat(sc.rTime[sc.scRefillHead]).isEqualTo(190);
        assertThat(head(sc)).isEqualTo(100);
        assertThat(a.tcbQueued).isTrue();
        assertThat(a.tcbInReleaseQueue).isFalse();
        assertThat(s.ready(10)).containsExactly(a);
    }

    @Test
    void timeoutFaultBlocksTheCurrentThreadOnItsHandlerWithoutQueueingIt() {
        Tcb a = s.sporadicThread("a", 10, 100, 10_000, 4);
        Endpoint ep = new Endpoint(0x9000);
        ks.ksPSpace.insert(ep);
        a.tcbCTE[Tcb.tcbTimeoutHandler].cap = new EndpointCap(ep, 5, true, false, true, true);
        a.tcbSchedContext.scBadge = 0xbad;
        s.makeCurrent(a);
        s.elapse(90);
        assertThat(b.checkBudget()).isFalse();
        // outcome (a)
        assertThat(ks.current_fault).isEqualTo(new Fault.Timeout(0xbad));
        assertThat(a.tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnSend);
        assertThat(a.tcbQueued || a.tcbInReleaseQueue).isFalse();
        assertThat(ks.ksSchedulerAction).isSameAs(SchedulerAction.ChooseNewThread);
    }

    @Test
    void appendingACurrentThreadThatIsAlreadyQueuedViolatesQ10() {
        Tcb a = s.rrThread("a", 10, 1000);
        s.makeCurrent(a);
        s.k.tcbQueues.tcbSchedEnqueue(a);
        assertThatThrownBy(() -> b.endTimeslice(false))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageStartingWith("Q10 endTimeslice current thread not queued before the append");
    }

    @Test
    void failedBudgetCheckOnASyscallLeavesTheThreadRestarting() {
        Tcb a = s.rrThread("a", 10, 1000);
        s.makeCurrent(a);
        s.elapse(2000);
        assertThat(b.checkBudgetRestart()).isFalse();
        assertThat(a.tcbState).isSameAs(ThreadState.Restart);
        assertThat(a.tcbQueued).isTrue();
    }

    @Test
    void passedBudgetCheckOnASyscallKeepsTheState() {
        Tcb a = s.rrThread("a", 10, 1000);
        s.makeCurrent(a);
        s.elapse(10);
        assertThat(b.checkBudgetRestart()).isTrue();
        assertThat(a.tcbState).isSameAs(ThreadState.Running);
    }

    @Test
    void idleContextIsNeverCharged() {
        s.elapse(100_000);
        assertThat(b.checkBudget()).isFalse();
        assertThat(head(s.idleSc)).isEqualTo(s.k.config.bootTimeSliceUs());
        assertThat(s.idleSc.scConsumed).isZero();
        assertThat(ks.ksConsumed).isZero();
        assertThat(ks.ksSchedulerAction).isSameAs(SchedulerAction.ResumeCurrentThread);
        b.commitTime();
        assertThat(s.idleSc.scConsumed).isZero();
    }

    @Test
    void commitTimeChargesRoundRobinFromHeadToTail() {
        Tcb a = s.rrThread("a", 10, 1000);
        s.makeCurrent(a);
        s.elapse(300);
        b.commitTime();
        assertThat(head(a.tcbSchedContext)).isEqualTo(700);
        assertThat(tail(a.tcbSchedContext)).isEqualTo(300);
        assertThat(a.tcbSchedContext.scConsumed).isEqualTo(300);
        assertThat(ks.ksConsumed).isZero();
        s.elapse(200);
        b.commitTime();
        assertThat(head(a.tcbSchedContext)).isEqualTo(500);
        assertThat(a.tcbSchedContext.scConsumed).isEqualTo(500);
    }

    @Test
    void commitTimeChargesSporadicRefills() {
        Tcb a = s.sporadicThread("a", 10, 100, 1000, 4);
        s.makeCurrent(a);
        s.elapse(30);
        b.commitTime();
        SchedContext sc = a.tcbSchedContext;
        assertThat(head(sc)).isEqualTo(70);
        assertThat(sc.rTime[sc.scRefillTail]).isEqualTo(1000);
        assertThat(tail(sc)).isEqualTo(30);
    }

    @Test
    void commitTimeDropsTimeOfAnInactiveContext() {
        Tcb a = s.rrThread("a", 10, 1000);
        s.makeCurrent(a);
        a.tcbSchedContext.scRefillMax = 0;
        s.elapse(300);
        b.commitTime();
        assertThat(a.tcbSchedContext.scConsumed).isZero();
        assertThat(ks.ksConsumed).isZero();
    }

    @Test
    void postponeMovesTheThreadFromTheReadyToTheReleaseQueue() {
        Tcb a = s.sporadicThread("a", 10, 100, 1000, 4);
        s.k.tcbQueues.tcbSchedEnqueue(a);
        ks.ksReprogram = false;
        b.postpone(a.tcbSchedContext);
        assertThat(a.tcbQueued).isFalse();
        assertThat(s.releaseQueue()).containsExactly(a);
        assertThat(ks.ksReprogram).isTrue();
    }

    @Test
    void preemptionPointChecksOnlySchedulableThreadsBudget() {
        Tcb a = s.rrThread("a", 10, 1000);
        s.makeCurrent(a);
        s.elapse(100);
        b.mcsPreemptionPoint();
        assertThat(ks.ksConsumed).isEqualTo(100);
        s.elapse(900);
        b.mcsPreemptionPoint();
        assertThat(ks.ksConsumed).isZero();
        assertThat(a.tcbQueued).isTrue();
    }

    @Test
    void preemptionPointChargesTheActiveContextOfAnUnschedulableThread() {
        Tcb a = s.rrThread("a", 10, 1000);
        s.makeCurrent(a);
        a.tcbState = ThreadState.Inactive;
        s.elapse(100);
        b.mcsPreemptionPoint();
        assertThat(a.tcbSchedContext.scConsumed).isEqualTo(100);
        assertThat(ks.ksConsumed).isZero();
        assertThat(a.tcbQueued || a.tcbInReleaseQueue).isFalse();
    }

    @Test
    void preemptionPointDropsTimeOfADeletedContext() {
        Tcb a = s.rrThread("a", 10, 1000);
        s.makeCurrent(a);
        a.tcbSchedContext.scRefillMax = 0;
        s.elapse(100);
        b.mcsPreemptionPoint();
        assertThat(ks.ksConsumed).isZero();
        assertThat(a.tcbSchedContext.scConsumed).isZero();
    }

    @Test
    void longOperationIsPreemptedEveryWorkUnitLimitWhenAnInterruptIsPending() {
        Tcb a = s.rrThread("a", 10, 1000);
        s.makeCurrent(a);
        s.k.machine.irq().assertLine(40);
        for (int i = 1; i < Config.workUnitsLimit; i++) {
            assertThat(b.preemptionPoint()).isEqualTo(ExceptionT.EXCEPTION_NONE);
        }
        assertThat(b.preemptionPoint()).isEqualTo(ExceptionT.EXCEPTION_PREEMPTED);
        assertThat(ks.ksWorkUnitsCompleted).isZero();
    }

    @Test
    void longOperationContinuesWithoutInterruptAndWithBudget() {
        Tcb a = s.rrThread("a", 10, 1000);
        s.makeCurrent(a);
        for (int i = 0; i < 3 * Config.workUnitsLimit; i++) {
            assertThat(b.preemptionPoint()).isEqualTo(ExceptionT.EXCEPTION_NONE);
        }
    }

    @Test
    void longOperationIsPreemptedWhenTheBudgetRunsOut() {
        Tcb a = s.rrThread("a", 10, 1000);
        s.makeCurrent(a);
        ks.ksWorkUnitsCompleted = Config.workUnitsLimit - 1;
        s.k.machine.timer().advance(990);
        assertThat(b.preemptionPoint()).isEqualTo(ExceptionT.EXCEPTION_PREEMPTED);
        assertThat(ks.ksConsumed).isEqualTo(990);
    }
}
