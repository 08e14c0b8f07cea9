// contract: MCS budgets are enforced as observed by user threads: a sporadic thread is throttled after its budget and released one period later, round-robin threads of equal priority take turns at their timeslice ends, an exhausted budget with a timeout handler becomes a timeout fault carrying the SC badge and consumed time, and YieldTo returns at once or after the target ran, with the consumed time.
package sel4.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import sel4.api.Fault;
import sel4.model.Config;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.ThreadStateType;
import sel4.user.RootTask;
import sel4.user.Sim;
import sel4.user.SyscallResult;
import sel4.user.UserThread;

class BudgetScenarioTest {
    /** Slack for kernel rounding (minimum budget merges, instruction granularity). */
    private static final long SLACK = 60;

    private final Sim sim = Sim.boot(Config.aarch64());
    private final RootTask root = sim.root();

    @Test
    void aSporadicThreadIsThrottledAfterItsBudgetAndReleasedOnePeriodLater() {
        EventLog log = new EventLog();
        UserThread p = sim.thread("periodic").priority(100).budget(1_000, 10_000).sporadic()
                .program(b -> b.repeat(25, c -> log.note(c, "tick").spin(100))).spawn();

        sim.runUntil(() -> !log.entries().isEmpty());
        long start = log.entries().get(0).time();
        sim.runUntilTime(start + 5_000);
        assertThat(p.tcb().tcbInReleaseQueue).as("throttled in the release queue").isTrue();
        assertThat(p.isRunnable()).isTrue();
        assertThat(sim.kernel().ks.ksCurThread).isNotSameAs(p.tcb());
        sim.run();

        List<Long> ticks = log.times("tick");
        assertThat(ticks).hasSize(25);
        List<Long> burstStarts = new ArrayList<>();
        burstStarts.add(ticks.get(0));
        long burstStart = ticks.get(0);
        for (int i = 1; i < ticks.size(); i++) {
            long gap = ticks.get(i) - ticks.get(i - 1);
            if (gap > 1_000) {
                assertThat(ticks.get(i - 1) + 101 - burstStart).as("burst length").isLessThanOrEqualTo(1_000 + SLACK);
                burstStart = ticks.get(i);
                burstStarts.add(burstStart);
            } else {
                assertThat(gap).isEqualTo(101);
            }
        }
        assertThat(burstStarts).as("about ten chunks per budget: three bursts").hasSize(3);
        // The first refill dates from when the SC was configured, a little before the thread ran.
        long release1 = burstStarts.get(1) - burstStarts.get(0);
        long release2 = burstStarts.get(2) - burstStarts.get(0);
        assertThat(release1).isBetween(9_000L - SLACK, 10_000L + 101 + SLACK);
        assertThat(release2 - release1).as("one period between releases").isBetween(10_000L - 101 - SLACK, 10_000L + 101 + SLACK);
    }

    @Test
    void roundRobinThreadsOfEqualPriorityTakeTurnsAtTheirTimesliceEnds() {
        EventLog log = new EventLog();
        sim.thread("A").priority(100).budget(500, 500).program(b -> b.repeat(30, c -> log.note(c, "A").spin(50))).spawn();
        sim.thread("B").priority(100).budget(500, 500).program(b -> b.repeat(30, c -> log.note(c, "B").spin(50))).spawn();

        sim.run();

        List<EventLog.Entry> entries = log.entries();
        assertThat(entries).hasSize(60);
        List<String> runs = new ArrayList<>();
        List<Long> runLengths = new ArrayList<>();
        long runStart = entries.get(0).time();
        for (int i = 0; i < entries.size(); i++) {
            EventLog.Entry e = entries.get(i);
            if (runs.isEmpty() || !runs.get(runs.size() - 1).equals(e.what())) {
                if (!runs.isEmpty()) {
                    runLengths.add(e.time() - runStart);
                }
                runs.add(e.what());
                runStart = e.time();
            }
        }
        assertThat(runs.size()).as("several turns each").isGreaterThanOrEqualTo(6);
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i)).as("turns alternate").isNotEqualTo(runs.get(i - 1));
        }
        // The last two turns are cut short when the threads run out of work.
        for (long len : runLengths.subList(0, runLengths.size() - 1)) {
            assertThat(len).as("a turn is one timeslice").isBetween(500L - 51 - SLACK, 500L + 51 + SLACK);
        }
    }

    @Test
    void anExhaustedBudgetWithATimeoutHandlerIsATimeoutFault() {
        long tep = root.newEndpoint();
        long treply = root.newReply();
        long handlerCap = root.mint(tep, RootTask.ALL_RIGHTS, 0x7);
        SyscallResult[] fault = new SyscallResult[1];
        sim.spawnThread("handler", 200, b -> fault[0] = b.recv(tep, treply));
        UserThread worker = sim.thread("worker").priority(100).budget(500, 10_000).scBadge(0x99)
                .timeoutHandler(handlerCap).program(b -> b.spin(2_000)).spawn();
        SchedContext sc = root.object(worker.scCap(), SchedContext.class);

        sim.run();

        assertThat(fault[0].done()).isTrue();
        assertThat(fault[0].label()).isEqualTo(Fault.seL4_Fault_Timeout);
        assertThat(fault[0].length()).isEqualTo(2);
        assertThat(fault[0].badge()).isEqualTo(0x7);
        assertThat(fault[0].mr(0)).as("the SC's badge").isEqualTo(0x99);
        assertThat(fault[0].mr(1)).as("consumed time").isBetween(500L - SLACK, 500L + SLACK);
        assertThat(sc.scConsumed).as("reported, so reset").isZero();
        assertThat(worker.state().tsType()).isEqualTo(ThreadStateType.BlockedOnReply);
        assertThat(worker.tcb().tcbQueued).isFalse();
        assertThat(worker.tcb().tcbInReleaseQueue).isFalse();
    }

    // legacy-form: pins C of invokeSchedContext_YieldTo (the empty reply clobbers the length to 0)
    @Tag("legacy-form")
    @Test
    void yieldToALowerPriorityThreadReturnsAtOnceWithItsConsumedTime() {
        long go = root.newNotification();
        SyscallResult[] yielded = new SyscallResult[1];
        long[] consumedAfter = {-1};
        EventLog log = new EventLog();
        UserThread low = sim.thread("low").priority(50).program(b -> {
            b.spin(300);
            b.signal(go);
            log.note(b, "low resumed");
        }).spawn();
        sim.thread("yielder").priority(100).mcp(100).program(b -> {
            b.waitOn(go);
            yielded[0] = b.schedContext().yieldTo(low.scCap());
            b.exec("look at the target's SC", ctx ->
                    consumedAfter[0] = root.object(low.scCap(), SchedContext.class).scConsumed);
            log.note(b, "yield returned");
        }).spawn();

        sim.run();

        SyscallResult r = yielded[0];
        assertThat(r.done()).isTrue();
        assertThat(r.isError()).as(r.describe()).isFalse();
        // Legacy reply protocol (LEGACY-REPLY-BUGS §A5 row 10): the consumed time is written, then
        // the empty success reply of the Call overwrites the message info.
        assertThat(r.lengthMismatch()).as(r.describe()).isTrue();
        assertThat(r.length()).isZero();
        assertThat(r.mr(0)).as("the target's consumed time").isBetween(300L, 300L + SLACK);
        assertThat(consumedAfter[0]).as("reported, so reset").isZero();
        assertThat(log.whats()).containsExactly("yield returned", "low resumed");
    }

    @Test
    void yieldToAnEqualPriorityThreadReturnsAfterTheTargetRan() {
        SyscallResult[] yielded = new SyscallResult[1];
        EventLog log = new EventLog();
        UserThread target = sim.thread("target").priority(100).suspended().program(b -> {
            log.note(b, "target runs");
            b.spin(200);
        }).spawn();
        sim.thread("yielder").priority(100).mcp(100).program(b -> {
            b.tcb().resume(target.tcbCap());
            log.note(b, "yield");
            yielded[0] = b.schedContext().yieldTo(target.scCap());
            log.note(b, "yield returned");
        }).spawn();

        sim.run();

        assertThat(log.whats()).containsExactly("yield", "target runs", "yield returned");
        SyscallResult r = yielded[0];
        assertThat(r.ok()).as("completed with the consumed time: " + r.describe()).isTrue();
        assertThat(r.mr(0)).isBetween(200L, 200L + SLACK);
        assertThat(target.isInactive()).isTrue();
    }
}
