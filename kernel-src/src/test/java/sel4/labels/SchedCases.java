package sel4.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static sel4.api.InvocationLabel.SchedContextBind;
import static sel4.api.InvocationLabel.SchedContextConsumed;
import static sel4.api.InvocationLabel.SchedContextUnbind;
import static sel4.api.InvocationLabel.SchedContextUnbindObject;
import static sel4.api.InvocationLabel.SchedContextYieldTo;
import static sel4.api.InvocationLabel.SchedControlConfigureFlags;
import static sel4.labels.CallerView.emptyReply;
import static sel4.labels.CallerView.illegal;
import static sel4.labels.CallerView.invalidCapability;
import static sel4.labels.CallerView.range;
import static sel4.labels.CallerView.truncated;
import static sel4.labels.Rig.NO_CAPS;
import static sel4.labels.Rig.ROOT_SC;
import static sel4.labels.Rig.ROOT_TCB;
import static sel4.labels.Rig.caps;

import java.util.List;
import sel4.api.SyscallError;
import sel4.model.Config;
import sel4.object.notification.Notification;
import sel4.object.notification.NtfnState;
import sel4.object.schedcontext.SchedContext;
import sel4.object.schedcontrol.SchedControls;
import sel4.user.Expect;
import sel4.user.SyscallResult;
import sel4.user.UserThread;

/**
 * SchedControl_ConfigureFlags (src/object/schedcontrol.c) and the SchedContext labels
 * (src/object/schedcontext.c). Consumed and YieldTo are in their legacy forms: the consumed time
 * is written to MR0 with the caller left in Restart, so a Call observes the empty reply's msgInfo
 * (length 0) over it; a deferred YieldTo is answered when the yielder runs again.
 *
 * <p>One check of decodeSchedContext_YieldTo cannot be reached through a syscall: "the caller
 * has a yield pending" — a thread with a pending yield completes it in activateThread before it
 * can execute another syscall.
 */
final class SchedCases implements CaseFamily {
    private static final Config C = Config.aarch64();
    private static final long MIN = C.minBudgetUs();
    private static final long MAX = C.maxPeriodUs();

    @Override
    public String name() {
        return "SchedControl and SchedContext";
    }

    @Override
    public List<LabelCase> cases() {
        CaseList c = new CaseList(C);
        configureFlags(c);
        bind(c);
        unbind(c);
        consumedAndYield(c);
        return c.rows();
    }

    private static SyscallResult configure(Rig r, long sc, long budget, long period, long extra, long badge,
                                           long flags) {
        return r.call(r.schedControl(), SchedControlConfigureFlags, caps(sc), budget, period, extra, badge, flags);
    }

    private static void assertUnconfigured(Rig r, long sc) {
        assertThat(r.k.refills.sc_active(r.object(sc, SchedContext.class))).isFalse();
    }

    private static void configureFlags(CaseList c) {
        c.success(SchedControlConfigureFlags, "a sporadic SC with budget, period, extra refills, badge", r -> {
            long sc = r.root.newSchedContext(8);
            emptyReply(configure(r, sc, 1000, 10_000, 2, 0x55, SchedControls.seL4_SchedContext_Sporadic));
            SchedContext s = r.object(sc, SchedContext.class);
            assertThat(s.scPeriod).isEqualTo(10_000);
            assertThat(s.scRefillMax).isEqualTo(Config.minRefills + 2);
            assertThat(r.k.refills.refill_head_amount(s)).isEqualTo(1000);
            assertThat(s.scBadge).isEqualTo(0x55);
            assertThat(s.scSporadic).isTrue();
        });
        c.success(SchedControlConfigureFlags, "budget = period makes a round-robin SC", r -> {
            long sc = r.schedContext();
            emptyReply(configure(r, sc, 2000, 2000, 0, 0, 0));
            SchedContext s = r.object(sc, SchedContext.class);
            assertThat(s.scPeriod).isZero();
            assertThat(r.k.refills.refill_head_amount(s)).isEqualTo(2000);
        });
        c.error(SchedControlConfigureFlags, "TruncatedMessage: no SC cap or fewer than five words", r -> {
            long sc = r.schedContext();
            truncated(r.call(r.schedControl(), SchedControlConfigureFlags, NO_CAPS, 1000, 1000, 0, 0, 0));
            truncated(r.call(r.schedControl(), SchedControlConfigureFlags, caps(sc), 1000, 1000, 0, 0));
            assertUnconfigured(r, sc);
        });
        c.error(SchedControlConfigureFlags, "RangeError [min budget, max period]: budget or period above the maximum",
                r -> {
                    long sc = r.schedContext();
                    range(configure(r, sc, MAX + 1, MAX, 0, 0, 0), MIN, MAX);
                    range(configure(r, sc, 1000, MAX + 1, 0, 0, 0), MIN, MAX);
                    assertUnconfigured(r, sc);
                });
        c.error(SchedControlConfigureFlags, "RangeError [min budget, max period]: budget or period below the minimum",
                r -> {
                    long sc = r.schedContext();
                    range(configure(r, sc, MIN - 1, 1000, 0, 0, 0), MIN, MAX);
                    range(configure(r, sc, MIN - 1, MIN - 1, 0, 0, 0), MIN, MAX);
                    assertUnconfigured(r, sc);
                });
        c.error(SchedControlConfigureFlags, "RangeError [min budget, period]: budget above the period", r -> {
            long sc = r.schedContext();
            range(configure(r, sc, 2000, 1000, 0, 0, 0), MIN, 1000);
            assertUnconfigured(r, sc);
        });
        c.error(SchedControlConfigureFlags, "InvalidCapability 1: the target is not an SC", r ->
                invalidCapability(configure(r, r.endpoint(), 1000, 1000, 0, 0, 0), 1));
        c.error(SchedControlConfigureFlags, "RangeError [0, max refills - 2]: more extra refills than the SC holds",
                r -> {
                    long sc = r.schedContext();
                    int extra = SchedContext.refillAbsoluteMax(Config.seL4_MinSchedContextBits) - Config.minRefills;
                    range(configure(r, sc, 1000, 10_000, extra + 1, 0, 0), 0, extra);
                    assertUnconfigured(r, sc);
                });
    }

    private static void bind(CaseList c) {
        c.success(SchedContextBind, "binds a thread, which can then run", r -> {
            long ntfn = r.notification();
            UserThread t = r.thread("t").noSchedContext().program(b -> b.signal(ntfn)).spawn();
            r.sim.run();
            assertThat(r.object(ntfn, Notification.class).state).as("no SC, no run").isEqualTo(NtfnState.Idle);
            long sc = TcbControlCases.configuredSc(r);

            emptyReply(r.call(sc, SchedContextBind, caps(t.tcbCap())));
            r.sim.run();

            assertThat(r.object(sc, SchedContext.class).scTcb).isSameAs(t.tcb());
            assertThat(r.object(ntfn, Notification.class).state).isEqualTo(NtfnState.Active);
        });
        c.success(SchedContextBind, "binds a notification, whose SC passive waiters then borrow", r -> {
            long ntfn = r.notification();
            long sc = TcbControlCases.configuredSc(r);
            emptyReply(r.call(sc, SchedContextBind, caps(ntfn)));
            assertThat(r.object(ntfn, Notification.class).ntfnSchedContext).isSameAs(r.object(sc, SchedContext.class));
            assertThat(r.object(sc, SchedContext.class).scNotification).isSameAs(r.object(ntfn, Notification.class));
        });
        c.error(SchedContextBind, "TruncatedMessage: no cap to bind", r -> {
            long sc = TcbControlCases.configuredSc(r);
            truncated(r.call(sc, SchedContextBind, NO_CAPS));
        });
        c.error(SchedContextBind, "IllegalOperation: the SC already has a thread", r -> {
            UserThread owner = r.idleThread("owner");
            UserThread t = r.thread("t").noSchedContext().suspended().spawn();
            illegal(r.call(owner.scCap(), SchedContextBind, caps(t.tcbCap())));
            assertThat(t.tcb().tcbSchedContext).isNull();
        });
        c.error(SchedContextBind, "IllegalOperation: the thread already has an SC", r -> {
            UserThread t = r.idleThread("t");
            long sc = TcbControlCases.configuredSc(r);
            illegal(r.call(sc, SchedContextBind, caps(t.tcbCap())));
            assertThat(r.object(sc, SchedContext.class).scTcb).isNull();
        });
        c.error(SchedContextBind, "IllegalOperation: a blocked thread gets an SC whose budget is not released", r -> {
            long sc = TcbControlCases.unreleasedSc(r);
            UserThread passive = TcbControlCases.passiveServer(r);
            illegal(r.call(sc, SchedContextBind, caps(passive.tcbCap())));
            assertThat(passive.tcb().tcbSchedContext).isNull();
        });
        c.error(SchedContextBind, "IllegalOperation: the SC already has a notification", r -> {
            long sc = TcbControlCases.configuredSc(r);
            r.setUp(sc, SchedContextBind, caps(r.notification()));
            long other = r.notification();
            illegal(r.call(sc, SchedContextBind, caps(other)));
            assertThat(r.object(other, Notification.class).ntfnSchedContext).isNull();
        });
        c.error(SchedContextBind, "IllegalOperation: the notification already has an SC", r -> {
            long ntfn = r.notification();
            r.setUp(TcbControlCases.configuredSc(r), SchedContextBind, caps(ntfn));
            long sc = TcbControlCases.configuredSc(r);
            illegal(r.call(sc, SchedContextBind, caps(ntfn)));
            assertThat(r.object(sc, SchedContext.class).scNotification).isNull();
        });
        c.error(SchedContextBind, "InvalidCapability 1: neither a thread nor a notification", r ->
                invalidCapability(r.call(TcbControlCases.configuredSc(r), SchedContextBind, caps(r.endpoint())), 1));
    }

    private static void unbind(CaseList c) {
        c.success(SchedContextUnbind, "unbinds the SC from its thread, which stops running", r -> {
            UserThread t = r.idleThread("t");
            emptyReply(r.call(t.scCap(), SchedContextUnbind, NO_CAPS));
            assertThat(t.tcb().tcbSchedContext).isNull();
            assertThat(r.object(t.scCap(), SchedContext.class).scTcb).isNull();
        });
        c.error(SchedContextUnbind, "IllegalOperation: the SC of the caller itself", r -> {
            illegal(r.call(ROOT_SC, SchedContextUnbind, NO_CAPS));
            assertThat(r.rootTcb().tcbSchedContext).isNotNull();
        });
        c.success(SchedContextUnbindObject, "unbinds the named thread", r -> {
            UserThread t = r.idleThread("t");
            emptyReply(r.call(t.scCap(), SchedContextUnbindObject, caps(t.tcbCap())));
            assertThat(t.tcb().tcbSchedContext).isNull();
        });
        c.success(SchedContextUnbindObject, "unbinds the named notification", r -> {
            long ntfn = r.notification();
            long sc = TcbControlCases.configuredSc(r);
            r.setUp(sc, SchedContextBind, caps(ntfn));
            emptyReply(r.call(sc, SchedContextUnbindObject, caps(ntfn)));
            assertThat(r.object(ntfn, Notification.class).ntfnSchedContext).isNull();
            assertThat(r.object(sc, SchedContext.class).scNotification).isNull();
        });
        c.error(SchedContextUnbindObject, "TruncatedMessage: no object cap", r -> {
            UserThread t = r.idleThread("t");
            truncated(r.call(t.scCap(), SchedContextUnbindObject, NO_CAPS));
            assertThat(t.tcb().tcbSchedContext).isNotNull();
        });
        c.error(SchedContextUnbindObject, "IllegalOperation: the thread is not bound to this SC", r -> {
            UserThread t = r.idleThread("t");
            UserThread u = r.idleThread("u");
            illegal(r.call(t.scCap(), SchedContextUnbindObject, caps(u.tcbCap())));
            assertThat(t.tcb().tcbSchedContext).isNotNull();
            assertThat(u.tcb().tcbSchedContext).isNotNull();
        });
        c.error(SchedContextUnbindObject, "IllegalOperation: the thread is the caller itself", r -> {
            illegal(r.call(ROOT_SC, SchedContextUnbindObject, caps(ROOT_TCB)));
            assertThat(r.rootTcb().tcbSchedContext).isNotNull();
        });
        c.error(SchedContextUnbindObject, "IllegalOperation: the notification is not bound to this SC", r -> {
            long sc = TcbControlCases.configuredSc(r);
            illegal(r.call(sc, SchedContextUnbindObject, caps(r.notification())));
        });
        c.error(SchedContextUnbindObject, "InvalidCapability 1: neither a thread nor a notification", r ->
                invalidCapability(r.call(TcbControlCases.configuredSc(r), SchedContextUnbindObject, caps(r.reply())), 1));
    }

    /**
     * A thread of priority 100 that has run for about {@code ticks} and is still runnable: the root
     * task preempted it, which committed its consumed time to its SC.
     */
    private static UserThread preempted(Rig r, long ticks) {
        UserThread t = r.spawn("worker", 100, b -> b.spin(100_000));
        r.sim.runFor(ticks);
        r.rootDoes(b -> { });
        assertThat(t.isRunnable()).isTrue();
        assertThat(r.object(t.scCap(), SchedContext.class).scConsumed).as("worker ran").isGreaterThan(ticks / 2);
        return t;
    }

    /** A thread that ran for {@code ticks} and then blocked on a notification. */
    private static UserThread ranAndBlocked(Rig r, long ticks) {
        long ntfn = r.notification();
        UserThread t = r.spawn("worker", 100, b -> {
            b.spin(ticks);
            b.waitOn(ntfn);
        });
        r.sim.run();
        assertThat(t.isBlocked()).isTrue();
        assertThat(r.object(t.scCap(), SchedContext.class).scConsumed).as("worker ran").isGreaterThanOrEqualTo(ticks);
        return t;
    }

    private static void consumedAndYield(CaseList c) {
        c.legacySuccess(SchedContextConsumed, "C", "legacy form: MR0 = consumed µs, length 0 (empty reply over it); counter reset",
                r -> {
                    UserThread t = ranAndBlocked(r, 500);
                    SchedContext sc = r.object(t.scCap(), SchedContext.class);
                    long consumed = sc.scConsumed;

                    SyscallResult res = r.call(t.scCap(), SchedContextConsumed, NO_CAPS);

                    emptyReply(res);
                    assertThat(res.mr(0)).isEqualTo(consumed);
                    assertThat(sc.scConsumed).isZero();
                });
        c.error(SchedContextConsumed, "first phase: InvalidCapability 0 for an SC cap, dropped; counter kept", r -> {
            UserThread t = ranAndBlocked(r, 500);
            SchedContext sc = r.object(t.scCap(), SchedContext.class);
            long consumed = sc.scConsumed;
            Probes.nbSendRecv(r, t.scCap(), SchedContextConsumed, NO_CAPS);
            assertThat(sc.scConsumed).isEqualTo(consumed);
        });
        c.legacySuccess(SchedContextYieldTo, "C", "lower-priority target: moved to the front; legacy answer now: MR0 = consumed, "
                + "length 0", r -> {
                    UserThread t = preempted(r, 500);
                    SchedContext sc = r.object(t.scCap(), SchedContext.class);
                    long consumed = sc.scConsumed;

                    SyscallResult res = r.call(t.scCap(), SchedContextYieldTo, NO_CAPS);

                    emptyReply(res);
                    assertThat(res.mr(0)).isEqualTo(consumed);
                    assertThat(sc.scConsumed).isZero();
                    assertThat(r.rootTcb().tcbYieldTo).isNull();
                    assertThat(r.ks.ksReadyQueues[sel4.model.KernelState.ready_queues_index(0, 100)].head).as("moved to the front").isSameAs(t.tcb());
                });
        c.success(SchedContextYieldTo, "equal-priority target runs first; the yielder is answered (length 1) when it "
                + "runs again", r -> {
                    UserThread t = r.spawn("target", 100, b -> b.spin(20_000));
                    SyscallResult[] res = new SyscallResult[1];
                    UserThread y = r.thread("yielder").priority(100).mcp(100).program(b -> res[0] =
                            b.invoke(t.scCap(), SchedContextYieldTo, Expect.NOTHING, NO_CAPS)).spawn();
                    r.sim.run();

                    assertThat(res[0].traps()).isEqualTo(1);
                    assertThat(res[0].label()).isZero();
                    assertThat(res[0].length()).as("completion wrote length 1 over the empty reply").isEqualTo(1);
                    assertThat(res[0].mr(0)).as("the target's consumed time").isPositive();
                    assertThat(y.tcb().tcbYieldTo).isNull();
                    assertThat(r.object(t.scCap(), SchedContext.class).scYieldFrom).isNull();
                });
        c.error(SchedContextYieldTo, "IllegalOperation: the SC has no thread", r ->
                illegal(r.call(TcbControlCases.configuredSc(r), SchedContextYieldTo, NO_CAPS)));
        c.error(SchedContextYieldTo, "IllegalOperation: yielding to the caller's own SC", r -> {
            illegal(r.call(ROOT_SC, SchedContextYieldTo, NO_CAPS));
            assertThat(r.rootTcb().tcbYieldTo).isNull();
        });
        c.error(SchedContextYieldTo, "IllegalOperation: the target's priority is above the caller's MCP", r -> {
            UserThread t = r.idleThread("target");
            SyscallResult[] res = new SyscallResult[1];
            UserThread y = r.thread("yielder").priority(50).mcp(50).program(b -> res[0] =
                    b.invoke(t.scCap(), SchedContextYieldTo, Expect.NOTHING, NO_CAPS)).spawn();
            r.sim.run();
            CallerView.assertError(res[0], SyscallError.seL4_IllegalOperation);
            assertThat(y.tcb().tcbYieldTo).isNull();
        });
    }
}
