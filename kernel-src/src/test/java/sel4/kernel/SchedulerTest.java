// contract: schedule / chooseThread / possibleSwitchTo pick the thread seL4 would run (priority, SwitchTo fastfail and equal-priority rules, domains, releases), program the timer, and a blocked thread left in a ready queue trips Q14 or, without checks, halts activateThread.
package sel4.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sel4.model.Config;
import sel4.model.DomainScheduleEntry;
import sel4.model.KernelState;
import sel4.model.SchedulerAction;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;

class SchedulerTest {
    SchedTestSupport s;
    Scheduler sched;
    KernelState ks;

    @BeforeEach
    void setUp() {
        s = new SchedTestSupport();
        sched = s.k.sched;
        ks = s.ks;
    }

    private Tcb ready(String name, int prio) {
        Tcb t = s.rrThread(name, prio, 1000);
        s.k.tcbQueues.tcbSchedEnqueue(t);
        return t;
    }

    @Test
    void chooseThreadRunsTheHeadOfTheHighestReadyQueue() {
        Tcb a = ready("a", 10);
        Tcb b = ready("b", 20);
        Tcb c = ready("c", 20);
        sched.chooseThread();
        assertThat(ks.ksCurThread).isSameAs(c);
        assertThat(c.tcbQueued).isFalse();
        assertThat(s.ready(20)).containsExactly(b);
        assertThat(s.ready(10)).containsExactly(a);
        assertThat(s.arch.calls).containsExactly("switchToThread(c)");
    }

    @Test
    void chooseThreadIdlesWhenNothingIsReady() {
        Tcb a = s.rrThread("a", 10, 1000);
        s.makeCurrent(a);
        sched.chooseThread();
        assertThat(ks.ksCurThread).isSameAs(s.idle);
        assertThat(s.arch.calls).containsExactly("switchToIdleThread");
    }

    /** The state bug B leaves behind: the thread is blocked but still in its ready queue. */
    private Tcb blockedButQueued(SchedTestSupport t) {
        Tcb v = t.rrThread("V", 200, 1000);
        t.k.tcbQueues.tcbSchedAppend(v);
        v.tcbState = ThreadState.BlockedOnReply(null);
        return v;
    }

    @Test
    void chooseThreadRejectsABlockedThreadAtTheHeadOfAReadyQueue() {
        blockedButQueued(s);
        assertThatThrownBy(() -> sched.chooseThread())
                .isInstanceOf(InvariantViolation.class)
                .satisfies(e -> assertThat(((InvariantViolation) e).invariant())
                        .isEqualTo("Q14 chooseThread head schedulable with sufficient, ready refill"))
                .satisfies(e -> assertThat(((InvariantViolation) e).thread()).isEqualTo("V"));
    }

    @Test
    void withoutChecksTheBlockedThreadIsChosenAndActivateThreadHalts() {
        SchedTestSupport rel = new SchedTestSupport(Config.aarch64().toBuilder().checks(false).build());
        Tcb v = blockedButQueued(rel);
        rel.ks.ksSchedulerAction = SchedulerAction.ChooseNewThread;
        rel.k.sched.schedule();
        assertThat(rel.ks.ksCurThread).isSameAs(v);
        assertThat(v.tcbQueued).isFalse();
        assertThatThrownBy(() -> rel.k.thread.activateThread())
                .isInstanceOf(KernelHalt.class)
                .hasMessage("Current thread is blocked");
    }

    @Test
    void resumeCurrentThreadKeepsTheCurrentThread() {
        Tcb a = s.rrThread("a", 10, 1000);
        s.makeCurrent(a);
        ready("b", 100);
        sched.schedule();
        assertThat(ks.ksCurThread).isSameAs(a);
        assertThat(a.tcbQueued).isFalse();
        assertThat(s.arch.calls).isEmpty();
    }

    @Test
    void higherPriorityCandidateIsSwitchedToDirectly() {
        Tcb a = s.rrThread("a", 10, 1000);
        s.makeCurrent(a);
        Tcb b = s.rrThread("b", 50, 1000);
        sched.possibleSwitchTo(b);
        assertThat(ks.ksSchedulerAction.isSwitchTo(b)).isTrue();
        sched.schedule();
        assertThat(ks.ksCurThread).isSameAs(b);
        assertThat(s.ready(10)).containsExactly(a);
        assertThat(ks.ksSchedulerAction).isSameAs(SchedulerAction.ResumeCurrentThread);
        assertThat(ks.ksCurSC).isSameAs(b.tcbSchedContext);
    }

    @Test
    void lowerPriorityCandidateIsQueuedAndTheCurrentThreadKeepsRunning() {
        Tcb a = s.rrThread("a", 50, 1000);
        s.makeCurrent(a);
        Tcb b = s.rrThread("b", 10, 1000);
        sched.possibleSwitchTo(b);
        sched.schedule();
        assertThat(ks.ksCurThread).isSameAs(a);
        assertThat(a.tcbQueued).isFalse();
        assertThat(s.ready(10)).containsExactly(b);
    }

    @Test
    void lowerPriorityCandidateReplacesABlockedCurrentThreadWhenItIsTheHighest() {
        Tcb a = s.rrThread("a", 50, 1000);
        s.makeCurrent(a);
        Tcb b = s.rrThread("b", 10, 1000);
        sched.possibleSwitchTo(b);
        a.tcbState = ThreadState.Inactive;
        sched.schedule();
        assertThat(ks.ksCurThread).isSameAs(b);
        assertThat(a.tcbQueued).isFalse();
        assertThat(s.arch.calls).containsExactly("switchToThread(b)");
    }

    @Test
    void equalPriorityCandidateGoesBehindTheCurrentThread() {
        Tcb a = s.rrThread("a", 20, 1000);
        s.makeCurrent(a);
        Tcb b = s.rrThread("b", 20, 1000);
        sched.possibleSwitchTo(b);
        sched.schedule();
        assertThat(ks.ksCurThread).isSameAs(a);
        assertThat(s.ready(20)).containsExactly(b);
    }

    @Test
    void candidateRunsInsteadOfIdleWithoutComparingPriorities() {
        Tcb b = s.rrThread("b", 0, 1000);
        sched.possibleSwitchTo(b);
        sched.schedule();
        assertThat(ks.ksCurThread).isSameAs(b);
    }

    @Test
    void unschedulableCandidateViolatesQ15() {
        Tcb a = s.rrThread("a", 10, 1000);
        s.makeCurrent(a);
        Tcb b = s.rrThread("b", 50, 1000);
        sched.possibleSwitchTo(b);
        b.tcbState = ThreadState.Inactive;
        assertThatThrownBy(() -> sched.schedule())
                .isInstanceOf(InvariantViolation.class)
                .hasMessageStartingWith("Q15 SwitchToThread candidate schedulable");
    }

    @Test
    void secondWokenThreadSendsBothThroughTheQueues() {
        Tcb a = s.rrThread("a", 30, 1000);
        s.makeCurrent(a);
        Tcb b = s.rrThread("b", 40, 1000);
        Tcb c = s.rrThread("c", 20, 1000);
        sched.possibleSwitchTo(b);
        sched.possibleSwitchTo(c);
        assertThat(ks.ksSchedulerAction).isSameAs(SchedulerAction.ChooseNewThread);
        assertThat(s.ready(40)).containsExactly(b);
        assertThat(s.ready(20)).containsExactly(c);
        sched.schedule();
        assertThat(ks.ksCurThread).isSameAs(b);
        assertThat(s.ready(30)).containsExactly(a);
    }

    @Test
    void possibleSwitchToIgnoresThreadsThatCannotRun() {
        Tcb noSc = s.tcb("noSc", 40);
        noSc.tcbState = ThreadState.Running;
        sched.possibleSwitchTo(noSc);
        Tcb waiting = s.sporadicThread("waiting", 40, 100, 1000, 4);
        s.k.tcbQueues.tcbReleaseEnqueue(waiting);
        sched.possibleSwitchTo(waiting);
        assertThat(ks.ksSchedulerAction).isSameAs(SchedulerAction.ResumeCurrentThread);
        assertThat(noSc.tcbQueued || waiting.tcbQueued).isFalse();
    }

    @Test
    void possibleSwitchToQueuesAThreadOfAnotherDomain() {
        SchedTestSupport two = new SchedTestSupport(Config.aarch64().toBuilder().numDomains(2).build());
        Tcb d1 = two.rrThread("d1", 40, 1000);
        d1.tcbDomain = 1;
        two.k.sched.possibleSwitchTo(d1);
        assertThat(two.ks.ksSchedulerAction).isSameAs(SchedulerAction.ResumeCurrentThread);
        assertThat(SchedTestSupport.contents(two.readyQueue(1, 40))).containsExactly(d1);
    }

    @Test
    void rescheduleRequiredQueuesOnlyASchedulableCandidate() {
        Tcb b = s.rrThread("b", 40, 1000);
        sched.possibleSwitchTo(b);
        sched.rescheduleRequired();
        assertThat(s.ready(40)).containsExactly(b);
        assertThat(ks.ksSchedulerAction).isSameAs(SchedulerAction.ChooseNewThread);

        Tcb c = s.rrThread("c", 41, 1000);
        ks.ksSchedulerAction = SchedulerAction.SwitchToThread(c);
        c.tcbState = ThreadState.Inactive;
        sched.rescheduleRequired();
        assertThat(c.tcbQueued).isFalse();
    }

    @Test
    void awakenReleasesDueThreadsInTimeOrder() {
        Tcb a = s.sporadicThread("a", 10, 100, 1000, 4);
        Tcb b = s.sporadicThread("b", 10, 100, 1000, 4);
        Tcb c = s.sporadicThread("c", 10, 100, 1000, 4);
        a.tcbSchedContext.rTime[0] = 100;
        b.tcbSchedContext.rTime[0] = 150;
        c.tcbSchedContext.rTime[0] = 300;
        for (Tcb t : new Tcb[] {c, b, a}) {
            s.k.tcbQueues.tcbReleaseEnqueue(t);
        }
        ks.ksCurTime = 200;
        sched.awaken();
        assertThat(s.releaseQueue()).containsExactly(c);
        // a became the SwitchTo candidate, then b's wake-up pushed both into the queues
        assertThat(ks.ksSchedulerAction).isSameAs(SchedulerAction.ChooseNewThread);
        assertThat(s.ready(10)).containsExactly(b, a);
        assertThat(a.tcbInReleaseQueue || b.tcbInReleaseQueue).isFalse();
    }

    @Test
    void withoutChecksAThreadReleaseEnqueuedTwiceHaltsAwakenInsteadOfSpinning() {
        SchedTestSupport rel = new SchedTestSupport(Config.aarch64().toBuilder().checks(false).build());
        Tcb x = rel.sporadicThread("x", 1, 100, 1000, 4);
        Tcb y = rel.sporadicThread("y", 1, 100, 1000, 4);
        x.tcbSchedContext.rTime[0] = 100;
        y.tcbSchedContext.rTime[0] = 200;
        rel.k.tcbQueues.tcbReleaseEnqueue(x);
        rel.k.tcbQueues.tcbReleaseEnqueue(y);
        rel.k.tcbQueues.tcbReleaseEnqueue(x); // the issue #1104 double enqueue
        rel.ks.ksCurTime = 150;
        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThatThrownBy(() -> rel.k.sched.awaken())
                        .isInstanceOf(KernelHalt.class)
                        .hasMessageContaining("corrupted release queue"));
    }

    @Test
    void switchingSchedContextCommitsTheConsumedTimeToTheOldOne() {
        Tcb a = s.rrThread("a", 10, 1000);
        Tcb b = s.rrThread("b", 10, 1000);
        s.makeCurrent(a);
        s.elapse(300);
        ks.ksCurThread = b;
        sched.switchSchedContext();
        assertThat(ks.ksCurSC).isSameAs(b.tcbSchedContext);
        assertThat(a.tcbSchedContext.rAmount[a.tcbSchedContext.scRefillHead]).isEqualTo(700);
        assertThat(a.tcbSchedContext.scConsumed).isEqualTo(300);
        assertThat(ks.ksConsumed).isZero();
        assertThat(ks.ksReprogram).isTrue();
    }

    @Test
    void keepingTheSchedContextWithoutReprogrammingCommitsNothing() {
        Tcb a = s.rrThread("a", 10, 1000);
        s.makeCurrent(a);
        s.elapse(300);
        ks.ksReprogram = false;
        sched.switchSchedContext();
        assertThat(ks.ksConsumed).isEqualTo(300);
        assertThat(a.tcbSchedContext.scConsumed).isZero();
    }

    @Test
    void switchingToAConstantBandwidthContextRunsItsUnblockCheck() {
        Tcb a = s.sporadicThread("a", 10, 100, 1000, 4);
        a.tcbSchedContext.scSporadic = false;
        a.tcbSchedContext.rTime[0] = 50;
        ks.ksCurTime = 80;
        ks.ksCurThread = a;
        sched.switchSchedContext();
        assertThat(a.tcbSchedContext.rTime[0]).isEqualTo(80);
    }

    @Test
    void nextInterruptIsTheEarliestOfBudgetEndAndNextRelease() {
        Tcb a = s.rrThread("a", 10, 1000);
        s.makeCurrent(a);
        ks.ksCurTime = 50;
        sched.setNextInterrupt();
        assertThat(s.k.machine.timer().getDeadline()).isEqualTo(1050);

        Tcb w = s.sporadicThread("w", 10, 100, 1000, 4);
        w.tcbSchedContext.rTime[0] = 400;
        s.k.tcbQueues.tcbReleaseEnqueue(w);
        sched.setNextInterrupt();
        assertThat(s.k.machine.timer().getDeadline()).isEqualTo(400);
    }

    @Test
    void nextInterruptAlsoEndsTheDomainWithSeveralDomains() {
        SchedTestSupport two = new SchedTestSupport(Config.aarch64().toBuilder().numDomains(2).build());
        Tcb a = two.rrThread("a", 10, 1000);
        two.makeCurrent(a);
        two.ks.ksCurTime = 50;
        two.ks.ksDomainTime = 100;
        two.k.sched.setNextInterrupt();
        assertThat(two.k.machine.timer().getDeadline()).isEqualTo(150);
    }

    @Test
    void scheduleReprogramsTheTimerOnceWhenAsked() {
        Tcb a = s.rrThread("a", 10, 1000);
        s.makeCurrent(a);
        ks.ksReprogram = true;
        sched.schedule();
        assertThat(s.k.machine.timer().getDeadline()).isEqualTo(1000);
        assertThat(ks.ksReprogram).isFalse();
    }

    private SchedTestSupport twoDomains() {
        SchedTestSupport two = new SchedTestSupport(Config.aarch64().toBuilder().numDomains(2).build());
        two.ks.ksDomSchedule.add(new DomainScheduleEntry(0, 1000));
        two.ks.ksDomSchedule.add(new DomainScheduleEntry(1, 500));
        two.ks.ksDomScheduleIdx = 0;
        two.ks.ksCurDomain = 0;
        two.ks.ksDomainTime = 1000;
        return two;
    }

    @Test
    void expiredDomainSwitchesToTheNextDomainsThreads() {
        SchedTestSupport two = twoDomains();
        Tcb a = two.rrThread("a", 100, 1000);
        two.k.tcbQueues.tcbSchedEnqueue(a);
        Tcb b = two.rrThread("b", 5, 1000);
        b.tcbDomain = 1;
        two.k.tcbQueues.tcbSchedEnqueue(b);
        two.elapse(990); // 990 + minBudget >= 1000: the domain cannot fit another entry
        assertThat(two.ks.ksDomainTime).isZero();
        assertThat(two.k.budget.isCurDomainExpired()).isTrue();
        two.k.sched.schedule();
        assertThat(two.arch.calls).startsWith("prepareNextDomain");
        assertThat(two.ks.ksCurDomain).isEqualTo(1);
        assertThat(two.ks.ksDomScheduleIdx).isEqualTo(1);
        assertThat(two.ks.ksDomainTime).isEqualTo(500);
        assertThat(two.ks.ksCurThread).isSameAs(b);
        assertThat(two.ks.ksReprogram).isFalse(); // reprogrammed during schedule
        assertThat(two.k.machine.timer().getDeadline()).isEqualTo(990 + 500);
    }

    @Test
    void domainScheduleWrapsAtTheEndMarkerToTheStartEntry() {
        SchedTestSupport two = twoDomains();
        two.ks.ksDomScheduleIdx = 1;
        two.ks.ksWorkUnitsCompleted = 42;
        two.k.sched.nextDomain();
        assertThat(two.ks.ksDomScheduleIdx).isZero();
        assertThat(two.ks.ksCurDomain).isZero();
        assertThat(two.ks.ksDomainTime).isEqualTo(1000);
        assertThat(two.ks.ksWorkUnitsCompleted).isZero();
        assertThat(two.ks.ksReprogram).isTrue();
    }

    @Test
    void checkDomainTimeForcesAChoiceOnlyWhenExpired() {
        SchedTestSupport two = twoDomains();
        two.k.sched.checkDomainTime();
        assertThat(two.ks.ksSchedulerAction).isSameAs(SchedulerAction.ResumeCurrentThread);
        two.ks.ksDomainTime = 0;
        two.k.sched.checkDomainTime();
        assertThat(two.ks.ksSchedulerAction).isSameAs(SchedulerAction.ChooseNewThread);
        assertThat(two.ks.ksReprogram).isTrue();
    }

    @Test
    void singleDomainNeverExpires() {
        ks.ksDomainTime = 0;
        assertThat(s.k.budget.isCurDomainExpired()).isFalse();
    }

    @Test
    void queuedIdleThreadViolatesQ7() {
        s.idle.tcbQueued = true;
        Tcb a = s.rrThread("a", 10, 1000);
        assertThatThrownBy(() -> sched.setCurThread(a))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageStartingWith("Q7 idle thread never queued");
    }

    @Test
    void switchingToAThreadInTheReleaseQueueViolatesQ14() {
        Tcb w = s.sporadicThread("w", 10, 100, 1000, 4);
        s.k.tcbQueues.tcbReleaseEnqueue(w);
        assertThatThrownBy(() -> sched.switchToThread(w))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageStartingWith("Q14 switchToThread target has an SC and is not in the release queue");
    }
}
