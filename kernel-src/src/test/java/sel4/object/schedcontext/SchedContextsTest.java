// contract: SchedContext invocations bind, unbind, donate and yield as seL4 does with all its decode errors, and Consumed / YieldTo / the deferred YieldTo completion write their replies in the legacy form (ct's registers, no badge, ct left in Restart, yielder's buffer for ct's registers).
package sel4.object.schedcontext;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.MessageInfo;
import sel4.api.SyscallError;
import sel4.kernel.KernelModule;
import sel4.kernel.SchedTestSupport;
import sel4.machine.Registers;
import sel4.model.KernelState;
import sel4.model.SchedulerAction;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.NotificationCap;
import sel4.object.cap.SchedContextCap;
import sel4.object.cap.ThreadCap;
import sel4.object.endpoint.Endpoint;
import sel4.object.frame.IpcBuffer;
import sel4.object.notification.Notification;
import sel4.object.reply.Reply;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;

class SchedContextsTest {
    static final long MARK = 0xdead;

    SchedTestSupport s;
    SchedContexts scs;
    KernelState ks;
    Tcb ct;
    IpcBuffer buffer;

    @BeforeEach
    void setUp() {
        s = new SchedTestSupport();
        scs = s.k.schedContexts;
        ks = s.ks;
        ct = s.rrThread("caller", 100, 1000);
        ct.tcbMCP = 120;
        s.makeCurrent(ct);
        buffer = s.newBuffer();
        KernelModule.setRegister(ct, Registers.badgeRegister, 99);
        KernelModule.setRegister(ct, Registers.msgInfoRegister, MARK);
        KernelModule.setRegister(ct, Registers.msgRegisters[0], MARK);
        s.noExtraCaps();
    }

    private ExceptionT invoke(InvocationLabel label, SchedContext sc) {
        return scs.decodeSchedContextInvocation(label.label(), new SchedContextCap(sc, SchedTestSupport.SC_BITS), buffer);
    }

    private static MessageInfo msgInfo(Tcb t) {
        return MessageInfo.messageInfoFromWord(KernelModule.getRegister(t, Registers.msgInfoRegister));
    }

    private void assertConsumedReply(long consumed) {
        assertThat(SchedTestSupport.mr(ct, 0)).isEqualTo(consumed);
        assertThat(msgInfo(ct)).isEqualTo(new MessageInfo(0, 0, 0, 1));
        assertThat(KernelModule.getRegister(ct, Registers.badgeRegister)).isEqualTo(99);
        assertThat(ct.tcbState).isSameAs(ThreadState.Restart);
        assertThat(buffer.frame().kernelWrites()).isZero();
    }

    private void assertNoReply() {
        assertThat(SchedTestSupport.mr(ct, 0)).isEqualTo(MARK);
        assertThat(KernelModule.getRegister(ct, Registers.msgInfoRegister)).isEqualTo(MARK);
    }

    private void assertError(ExceptionT result, SyscallError error) {
        assertThat(result).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
        assertThat(ks.current_syscall_error).isEqualTo(error);
        assertThat(ct.tcbState).isSameAs(ThreadState.Running);
        assertNoReply();
    }

    // ---- Consumed ----

    // legacy-form: pins C and B of invokeSchedContext_Consumed (Restart left in place, badge kept)
    @Tag("legacy-form")
    @Test
    void consumedWritesTheTimeIntoTheCallersRegistersAndLeavesRestart() {
        SchedContext sc = s.sc("target");
        sc.scConsumed = 555;
        assertThat(invoke(InvocationLabel.SchedContextConsumed, sc)).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertConsumedReply(555);
        assertThat(sc.scConsumed).isZero();
    }

    @Test
    void consumedOfTheLargestTickCountIsReportedWhole() {
        SchedContext sc = s.sc("target");
        sc.scConsumed = -1L; // UINT64_MAX ticks
        assertThat(scs.schedContext_updateConsumed(sc)).isEqualTo(-1L);
        assertThat(sc.scConsumed).isZero();
    }

    // ---- YieldTo ----

    // legacy-form: pins C and B of invokeSchedContext_YieldTo's immediate answer (Restart left in place, badge kept)
    @Tag("legacy-form")
    @Test
    void yieldToALowerPriorityThreadMovesItToTheFrontAndAnswersNow() {
        Tcb other = s.rrThread("other", 50, 1000);
        Tcb t = s.rrThread("target", 50, 1000);
        s.k.tcbQueues.tcbSchedAppend(other);
        s.k.tcbQueues.tcbSchedAppend(t);
        t.tcbSchedContext.scConsumed = 321;
        assertThat(invoke(InvocationLabel.SchedContextYieldTo, t.tcbSchedContext)).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(s.ready(50)).containsExactly(t, other);
        assertConsumedReply(321);
        assertThat(ct.tcbYieldTo).isNull();
        assertThat(ks.ksSchedulerAction).isSameAs(SchedulerAction.ResumeCurrentThread);
    }

    @Test
    void yieldToAnEqualPriorityThreadRunsItFirstAndDefersTheAnswer() {
        Tcb t = s.rrThread("target", 100, 1000);
        s.k.tcbQueues.tcbSchedAppend(t);
        SchedContext sc = t.tcbSchedContext;
        sc.scConsumed = 321;
        assertThat(invoke(InvocationLabel.SchedContextYieldTo, sc)).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(ct.tcbYieldTo).isSameAs(sc);
        assertThat(sc.scYieldFrom).isSameAs(ct);
        assertThat(s.ready(100)).containsExactly(t, ct);
        assertThat(ks.ksSchedulerAction).isSameAs(SchedulerAction.ChooseNewThread);
        assertThat(ct.tcbState).isSameAs(ThreadState.Restart);
        assertNoReply();
        assertThat(sc.scConsumed).isEqualTo(321);

        s.k.sched.schedule();
        assertThat(ks.ksCurThread).isSameAs(t);
    }

    // legacy-form: pins C and B of invokeSchedContext_YieldTo's immediate answer (Restart left in place, badge kept)
    @Tag("legacy-form")
    @Test
    void yieldToABlockedThreadAnswersNow() {
        Tcb t = s.rrThread("target", 110, 1000);
        t.tcbState = ThreadState.BlockedOnNotification(null);
        t.tcbSchedContext.scConsumed = 7;
        invoke(InvocationLabel.SchedContextYieldTo, t.tcbSchedContext);
        assertConsumedReply(7);
        assertThat(ct.tcbYieldTo).isNull();
    }

    // legacy-form: pins C and B of invokeSchedContext_YieldTo's immediate answer (Restart left in place, badge kept)
    @Tag("legacy-form")
    @Test
    void yieldToAThreadWithoutReleasedBudgetPostponesItAndAnswersNow() {
        Tcb t = s.sporadicThread("target", 110, 100, 1000, 4);
        t.tcbSchedContext.rTime[0] = 600;
        invoke(InvocationLabel.SchedContextYieldTo, t.tcbSchedContext);
        assertThat(s.releaseQueue()).containsExactly(t);
        assertConsumedReply(0);
    }

    @Test
    void yieldToChecksTargetCallerAndPendingYield() {
        assertError(invoke(InvocationLabel.SchedContextYieldTo, s.sc("unbound")), SyscallError.illegalOperation());
        assertError(invoke(InvocationLabel.SchedContextYieldTo, ct.tcbSchedContext), SyscallError.illegalOperation());
        Tcb high = s.rrThread("high", 121, 1000);
        assertError(invoke(InvocationLabel.SchedContextYieldTo, high.tcbSchedContext), SyscallError.illegalOperation());
        Tcb t = s.rrThread("target", 120, 1000);
        ct.tcbYieldTo = s.sc("elsewhere");
        assertError(invoke(InvocationLabel.SchedContextYieldTo, t.tcbSchedContext), SyscallError.illegalOperation());
        assertThat(t.tcbQueued).isFalse();
    }

    // legacy-form: pins T of schedContext_completeYieldTo (the yielder's answer goes into the current thread's registers)
    @Tag("legacy-form")
    @Test
    void yieldToAnSCWithAPendingYielderCompletesThatYieldIntoTheCallersRegisters() {
        Tcb y = s.rrThread("yielder", 60, 1000);
        KernelModule.setRegister(y, Registers.msgRegisters[0], MARK);
        KernelModule.setRegister(y, Registers.msgInfoRegister, MARK);
        Tcb t = s.rrThread("target", 50, 1000);
        SchedContext sc = t.tcbSchedContext;
        y.tcbYieldTo = sc;
        sc.scYieldFrom = y;
        sc.scConsumed = 40;
        s.arch.buffers.put(y, s.newBuffer());
        invoke(InvocationLabel.SchedContextYieldTo, sc);
        // the yielder's answer (40) went to the caller and was then overwritten by the caller's
        // own answer (0); the yielder's registers were never written (code T)
        assertConsumedReply(0);
        assertThat(SchedTestSupport.mr(y, 0)).isEqualTo(MARK);
        assertThat(KernelModule.getRegister(y, Registers.msgInfoRegister)).isEqualTo(MARK);
        assertThat(y.tcbYieldTo).isNull();
        assertThat(s.arch.bufferLookups).containsExactly(y);
    }

    // legacy-form: pins T and B of schedContext_completeYieldTo (answer written into the current thread's registers, badge kept)
    @Tag("legacy-form")
    @Test
    void completingAnotherThreadsYieldWritesTheCurrentThreadsRegisters() {
        Tcb y = s.rrThread("yielder", 60, 1000);
        KernelModule.setRegister(y, Registers.msgRegisters[0], MARK);
        Tcb t = s.rrThread("target", 50, 1000);
        y.tcbYieldTo = t.tcbSchedContext;
        t.tcbSchedContext.scYieldFrom = y;
        t.tcbSchedContext.scConsumed = 40;
        scs.schedContext_completeYieldTo(y);
        assertThat(SchedTestSupport.mr(ct, 0)).isEqualTo(40);
        assertThat(msgInfo(ct)).isEqualTo(new MessageInfo(0, 0, 0, 1));
        assertThat(KernelModule.getRegister(ct, Registers.badgeRegister)).isEqualTo(99);
        assertThat(SchedTestSupport.mr(y, 0)).isEqualTo(MARK);
        assertThat(y.tcbYieldTo).isNull();
        assertThat(t.tcbSchedContext.scYieldFrom).isNull();
        scs.schedContext_completeYieldTo(y); // nothing pending any more
        scs.schedContext_completeYieldTo(null);
        assertThat(s.arch.bufferLookups).containsExactly(y);
    }

    // legacy-form: pins G of schedContext_completeYieldTo (a yield not recorded as a Call is answered)
    @Tag("legacy-form")
    @Test
    void unbindingTheYieldFromOfAnSCCompletesTheYield() {
        Tcb t = s.rrThread("target", 50, 1000);
        ct.tcbYieldTo = t.tcbSchedContext;
        t.tcbSchedContext.scYieldFrom = ct;
        t.tcbSchedContext.scConsumed = 12;
        scs.schedContext_unbindYieldFrom(t.tcbSchedContext);
        assertThat(SchedTestSupport.mr(ct, 0)).isEqualTo(12);
        assertThat(ct.tcbYieldTo).isNull();
    }

    // ---- Bind ----

    private SchedContext activeSc(String name) {
        SchedContext sc = s.sc(name);
        s.k.refills.refill_new(sc, 2, 1000, 0);
        return sc;
    }

    @Test
    void bindingARunnableThreadQueuesItAndReschedules() {
        Tcb t = s.tcb("t", 30);
        t.tcbState = ThreadState.Running;
        SchedContext sc = activeSc("sc");
        s.extraCap(new ThreadCap(t));
        assertThat(invoke(InvocationLabel.SchedContextBind, sc)).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(t.tcbSchedContext).isSameAs(sc);
        assertThat(sc.scTcb).isSameAs(t);
        assertThat(s.ready(30)).containsExactly(t);
        assertThat(ks.ksSchedulerAction).isSameAs(SchedulerAction.ChooseNewThread);
        assertThat(ct.tcbState).isSameAs(ThreadState.Restart);
        assertNoReply();
    }

    @Test
    void bindingAnInactiveThreadOnlyLinksThem() {
        Tcb t = s.tcb("t", 30);
        SchedContext sc = activeSc("sc");
        s.extraCap(new ThreadCap(t));
        invoke(InvocationLabel.SchedContextBind, sc);
        assertThat(t.tcbSchedContext).isSameAs(sc);
        assertThat(t.tcbQueued).isFalse();
        assertThat(ks.ksSchedulerAction).isSameAs(SchedulerAction.ResumeCurrentThread);
    }

    @Test
    void bindingARunnableThreadToAnUnreleasedSporadicSCPutsItInTheReleaseQueue() {
        Tcb t = s.tcb("t", 30);
        t.tcbState = ThreadState.Running;
        SchedContext sc = s.sc("sc");
        s.k.refills.refill_new(sc, 4, 100, 1000);
        sc.scSporadic = true;
        sc.rTime[0] = 700;
        s.extraCap(new ThreadCap(t));
        invoke(InvocationLabel.SchedContextBind, sc);
        assertThat(s.releaseQueue()).containsExactly(t);
        assertThat(t.tcbQueued).isFalse();
    }

    @Test
    void bindChecksBothSidesAndTheCap() {
        SchedContext sc = activeSc("sc");
        assertError(invoke(InvocationLabel.SchedContextBind, sc), SyscallError.truncatedMessage());

        s.extraCap(new EndpointCap(new Endpoint(0x9000), 0, true, true, true, true));
        assertError(invoke(InvocationLabel.SchedContextBind, sc), SyscallError.invalidCapability(1));

        Tcb bound = s.rrThread("bound", 10, 1000);
        s.extraCap(new ThreadCap(bound));
        assertError(invoke(InvocationLabel.SchedContextBind, sc), SyscallError.illegalOperation());

        Tcb free = s.tcb("free", 10);
        s.extraCap(new ThreadCap(free));
        assertError(invoke(InvocationLabel.SchedContextBind, bound.tcbSchedContext), SyscallError.illegalOperation());

        Tcb blocked = s.tcb("blocked", 10);
        blocked.tcbState = ThreadState.BlockedOnNotification(null);
        s.extraCap(new ThreadCap(blocked));
        assertError(invoke(InvocationLabel.SchedContextBind, s.sc("inactive")), SyscallError.illegalOperation());
        assertThat(blocked.tcbSchedContext).isNull();
    }

    @Test
    void aBlockedThreadCanBeBoundToAReleasedSC() {
        Tcb blocked = s.tcb("blocked", 10);
        blocked.tcbState = ThreadState.BlockedOnNotification(null);
        SchedContext sc = activeSc("sc");
        s.extraCap(new ThreadCap(blocked));
        assertThat(invoke(InvocationLabel.SchedContextBind, sc)).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(blocked.tcbSchedContext).isSameAs(sc);
        assertThat(blocked.tcbQueued).isFalse();
    }

    @Test
    void bindingANotificationLinksItAndChecksBothSides() {
        SchedContext sc = activeSc("sc");
        Notification n = new Notification(0xa000);
        s.extraCap(new NotificationCap(n, 0, true, true));
        assertThat(invoke(InvocationLabel.SchedContextBind, sc)).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(n.ntfnSchedContext).isSameAs(sc);
        assertThat(sc.scNotification).isSameAs(n);

        ct.tcbState = ThreadState.Running;
        assertError(invoke(InvocationLabel.SchedContextBind, activeSc("other")), SyscallError.illegalOperation());
        Notification n2 = new Notification(0xa040);
        s.extraCap(new NotificationCap(n2, 0, true, true));
        assertError(invoke(InvocationLabel.SchedContextBind, sc), SyscallError.illegalOperation());
    }

    // ---- Unbind / UnbindObject ----

    @Test
    void unbindingTheCallersOwnSCIsRefused() {
        assertError(invoke(InvocationLabel.SchedContextUnbind, ct.tcbSchedContext), SyscallError.illegalOperation());
        assertThat(ct.tcbSchedContext).isNotNull();
    }

    @Test
    void unbindDetachesThreadNotificationAndCallStack() {
        Tcb t = s.rrThread("t", 30, 1000);
        s.k.tcbQueues.tcbSchedEnqueue(t);
        SchedContext sc = t.tcbSchedContext;
        Notification n = new Notification(0xa000);
        scs.schedContext_bindNtfn(sc, n);
        Reply r = new Reply(0xb000);
        r.replyHeadSc = sc;
        sc.scReply = r;
        assertThat(invoke(InvocationLabel.SchedContextUnbind, sc)).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(t.tcbSchedContext).isNull();
        assertThat(sc.scTcb).isNull();
        assertThat(t.tcbQueued).isFalse();
        assertThat(n.ntfnSchedContext).isNull();
        assertThat(sc.scNotification).isNull();
        assertThat(sc.scReply).isNull();
        assertThat(r.replyHeadSc).isNull();
        assertThat(ct.tcbState).isSameAs(ThreadState.Restart);
        assertNoReply();
    }

    @Test
    void unbindObjectRemovesExactlyTheNamedObject() {
        Tcb t = s.sporadicThread("t", 30, 100, 1000, 4);
        s.k.tcbQueues.tcbReleaseEnqueue(t);
        SchedContext sc = t.tcbSchedContext;
        Notification n = new Notification(0xa000);
        scs.schedContext_bindNtfn(sc, n);

        s.extraCap(new NotificationCap(n, 0, true, true));
        assertThat(invoke(InvocationLabel.SchedContextUnbindObject, sc)).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(n.ntfnSchedContext).isNull();
        assertThat(sc.scTcb).isSameAs(t);

        s.extraCap(new ThreadCap(t));
        assertThat(invoke(InvocationLabel.SchedContextUnbindObject, sc)).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(t.tcbSchedContext).isNull();
        assertThat(t.tcbInReleaseQueue).isFalse();
        assertThat(s.releaseQueue()).isEmpty();
    }

    @Test
    void unbindObjectChecksTheObjectIsBoundAndNotTheCaller() {
        SchedContext sc = activeSc("sc");
        assertError(invoke(InvocationLabel.SchedContextUnbindObject, sc), SyscallError.truncatedMessage());
        s.extraCap(new ThreadCap(s.tcb("stranger", 1)));
        assertError(invoke(InvocationLabel.SchedContextUnbindObject, sc), SyscallError.illegalOperation());
        s.extraCap(new ThreadCap(ct));
        assertError(invoke(InvocationLabel.SchedContextUnbindObject, ct.tcbSchedContext), SyscallError.illegalOperation());
        s.extraCap(new NotificationCap(new Notification(0xa000), 0, true, true));
        assertError(invoke(InvocationLabel.SchedContextUnbindObject, sc), SyscallError.illegalOperation());
        s.extraCap(new SchedContextCap(sc, SchedTestSupport.SC_BITS));
        assertError(invoke(InvocationLabel.SchedContextUnbindObject, sc), SyscallError.invalidCapability(1));
    }

    @Test
    void unbindingTheCurrentThreadsSCDirectlyForcesANewChoice() {
        scs.schedContext_unbindTCB(ct.tcbSchedContext, ct);
        assertThat(ct.tcbSchedContext).isNull();
        assertThat(ks.ksSchedulerAction).isSameAs(SchedulerAction.ChooseNewThread);
    }

    @Test
    void unknownLabelAndWrongCapAreRejected() {
        assertError(invoke(InvocationLabel.TCBSuspend, activeSc("sc")), SyscallError.illegalOperation());
        assertError(scs.decodeSchedContextInvocation(InvocationLabel.SchedContextConsumed.label(),
                new ThreadCap(ct), buffer), SyscallError.invalidCapability(0));
    }

    // ---- donation ----

    @Test
    void donationTakesTheSCFromAQueuedHolder() {
        Tcb from = s.rrThread("from", 30, 1000);
        s.k.tcbQueues.tcbSchedEnqueue(from);
        Tcb to = s.tcb("to", 40);
        SchedContext sc = from.tcbSchedContext;
        scs.schedContext_donate(sc, to);
        assertThat(from.tcbSchedContext).isNull();
        assertThat(from.tcbQueued).isFalse();
        assertThat(sc.scTcb).isSameAs(to);
        assertThat(to.tcbSchedContext).isSameAs(sc);
        assertThat(to.tcbQueued).isFalse();
        assertThat(ks.ksSchedulerAction).isSameAs(SchedulerAction.ResumeCurrentThread);
    }

    @Test
    void donationFromTheCurrentThreadOrTheSwitchTargetForcesANewChoice() {
        Tcb to = s.tcb("to", 40);
        scs.schedContext_donate(ct.tcbSchedContext, to);
        assertThat(ks.ksSchedulerAction).isSameAs(SchedulerAction.ChooseNewThread);

        SchedTestSupport t = new SchedTestSupport();
        Tcb cand = t.rrThread("cand", 30, 1000);
        t.k.sched.possibleSwitchTo(cand);
        t.k.schedContexts.schedContext_donate(cand.tcbSchedContext, t.tcb("to", 40));
        assertThat(t.ks.ksSchedulerAction).isSameAs(SchedulerAction.ChooseNewThread);
        assertThat(cand.tcbQueued).isFalse();
    }

    @Test
    void donationFromAThreadInTheReleaseQueueRemovesIt() {
        Tcb from = s.sporadicThread("from", 30, 100, 1000, 4);
        s.k.tcbQueues.tcbReleaseEnqueue(from);
        scs.schedContext_donate(from.tcbSchedContext, s.tcb("to", 40));
        assertThat(from.tcbInReleaseQueue).isFalse();
        assertThat(s.releaseQueue()).isEmpty();
    }
}
