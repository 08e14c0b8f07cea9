// contract: the invariant checker accepts consistent kernel states and reports each broken §10 invariant with its Q id, the thread concerned and the event.
package sel4.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import sel4.api.Event;
import sel4.api.Syscall;
import sel4.model.Config;
import sel4.model.KernelState;
import sel4.model.SchedulerAction;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.NotificationCap;
import sel4.object.endpoint.EPState;
import sel4.object.endpoint.Endpoint;
import sel4.object.notification.Notification;
import sel4.object.notification.NtfnState;
import sel4.object.reply.Reply;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.TcbQueue;
import sel4.object.tcb.ThreadState;

class InvariantsTest {
    private static final Event EV = new Event.SyscallEvent(Syscall.SysCall);

    private Kernel k;
    private KernelState ks;
    private Tcb idle;
    private Tcb ct;
    private long nextPtr = 0x10_0000;

    @BeforeEach
    void consistentState() {
        k = new Kernel(Config.aarch64());
        ks = k.ks;
        idle = new Tcb(0x1000, 0);
        idle.tcbName = "idle";
        idle.tcbState = ThreadState.IdleThreadState;
        SchedContext idleSc = new SchedContext(0x2000, Config.seL4_MinSchedContextBits);
        bind(idleSc, idle);
        ks.ksIdleThread = idle;
        ks.ksIdleSC = idleSc;

        ct = thread("root", 255, ThreadState.Running);
        activeSc(ct, 0);
        ks.ksCurThread = ct;
        ks.ksCurSC = ct.tcbSchedContext;
        ks.ksSchedulerAction = SchedulerAction.ResumeCurrentThread;
    }

    // ---- builders: objects linked the way the kernel links them ----

    private long ptr() {
        long p = nextPtr;
        nextPtr += 0x1000;
        return p;
    }

    private Tcb thread(String name, int prio, ThreadState st) {
        Tcb t = new Tcb(ptr(), 0);
        t.tcbName = name;
        t.tcbPriority = prio;
        t.tcbMCP = prio;
        t.tcbState = st;
        ks.ksPSpace.insert(t);
        return t;
    }

    private static void bind(SchedContext sc, Tcb t) {
        sc.scTcb = t;
        t.tcbSchedContext = sc;
    }

    /** An active SC with one refill released at {@code releaseTime}. */
    private SchedContext activeSc(Tcb t, long releaseTime) {
        SchedContext sc = new SchedContext(ptr(), Config.seL4_MinSchedContextBits);
        sc.scRefillMax = 2;
        sc.rTime[0] = releaseTime;
        sc.rAmount[0] = 5_000;
        sc.scPeriod = 5_000;
        ks.ksPSpace.insert(sc);
        bind(sc, t);
        return sc;
    }

    private void readyAppend(Tcb t) {
        TcbQueue q = ks.ksReadyQueues[KernelState.ready_queues_index(t.tcbDomain, t.tcbPriority)];
        append(q, t);
        int l1 = t.tcbPriority >> 6;
        ks.ksReadyQueuesL1Bitmap[t.tcbDomain] |= 1L << l1;
        ks.ksReadyQueuesL2Bitmap[t.tcbDomain][KernelState.L2_BITMAP_SIZE - 1 - l1] |= 1L << (t.tcbPriority & 63);
        t.tcbQueued = true;
    }

    private void releaseAppend(Tcb t) {
        append(ks.ksReleaseQueue, t);
        t.tcbInReleaseQueue = true;
    }

    private static void append(TcbQueue q, Tcb t) {
        if (q.end == null) {
            q.head = t;
        } else {
            q.end.tcbSchedNext = t;
            t.tcbSchedPrev = q.end;
        }
        q.end = t;
    }

    private Endpoint endpoint() {
        Endpoint ep = new Endpoint(ptr());
        ks.ksPSpace.insert(ep);
        return ep;
    }

    private Tcb sender(String name, int prio, Endpoint ep) {
        Tcb t = thread(name, prio, ThreadState.BlockedOnSend(ep, 0, false, false, false));
        append(ep.queue, t);
        ep.state = EPState.Send;
        return t;
    }

    private void check() {
        k.invariants.checkAfterEvent(EV);
    }

    private void assertViolation(String id, String thread) {
        assertThatThrownBy(this::check)
                .isInstanceOfSatisfying(InvariantViolation.class, v -> {
                    assertThat(v.invariant()).isEqualTo(id);
                    assertThat(v.thread()).isEqualTo(thread);
                });
    }

    // ---- consistent states pass ----

    @Test
    void aRichConsistentStatePasses() {
        Tcb a = thread("a", 100, ThreadState.Running);
        activeSc(a, 0);
        readyAppend(a);
        Tcb b = thread("b", 100, ThreadState.Restart);
        activeSc(b, 0);
        readyAppend(b);
        Tcb c = thread("c", 7, ThreadState.Running);
        activeSc(c, 0);
        readyAppend(c);

        Tcb r1 = thread("r1", 50, ThreadState.Running);
        activeSc(r1, 100);
        releaseAppend(r1);
        Tcb r2 = thread("r2", 50, ThreadState.Running);
        activeSc(r2, 100);
        releaseAppend(r2);

        Endpoint ep = endpoint();
        sender("s1", 90, ep);
        sender("s2", 90, ep);
        sender("s3", 10, ep);

        Notification n = new Notification(ptr());
        ks.ksPSpace.insert(n);
        Tcb w = thread("w", 3, ThreadState.BlockedOnNotification(n));
        append(n.queue, w);
        n.state = NtfnState.Waiting;
        Tcb boundOne = thread("bound", 3, ThreadState.Inactive);
        Notification n2 = new Notification(ptr());
        ks.ksPSpace.insert(n2);
        n2.ntfnBoundTCB = boundOne;
        boundOne.tcbBoundNotification = n2;

        // A caller blocked on a reply that heads the call stack of the SC it donated.
        Reply reply = new Reply(ptr());
        ks.ksPSpace.insert(reply);
        Tcb caller = thread("caller", 20, ThreadState.BlockedOnReply(reply));
        reply.replyTCB = caller;
        SchedContext donated = new SchedContext(ptr(), Config.seL4_MinSchedContextBits);
        donated.scRefillMax = 2;
        ks.ksPSpace.insert(donated);
        Tcb server = thread("server", 30, ThreadState.Running);
        bind(donated, server);
        readyAppend(server);
        donated.scReply = reply;
        reply.replyHeadSc = donated;

        assertThatCode(this::check).doesNotThrowAnyException();
        assertThatCode(() -> k.invariants.checkAtEntry(EV)).doesNotThrowAnyException();
    }

    @Test
    void theIdleThreadMayRunWithoutBeingALiveObject() {
        ks.ksCurThread = idle;
        ks.ksCurSC = ks.ksIdleSC;
        assertThatCode(this::check).doesNotThrowAnyException();
    }

    // ---- per-thread invariants ----

    @Test
    void q1QueuedThreadMustBeRunnable() {
        Tcb v = thread("V", 200, ThreadState.Running);
        activeSc(v, 0);
        readyAppend(v);
        v.tcbState = ThreadState.BlockedOnReply(null);
        assertViolation("Q1 ready_qs_runnable", "V");
    }

    @Test
    void bugBStateIsReportedAsQ1BeforeTheListCorruption() {
        // V was appended to the ready queue by the budget check, then blocked on the fault
        // handler's endpoint: its shared links now thread the EP queue (LEGACY-REPLY-BUGS §B3).
        Tcb other = thread("other", 200, ThreadState.Running);
        activeSc(other, 0);
        readyAppend(other);
        Tcb v = thread("V", 200, ThreadState.Running);
        activeSc(v, 0);
        readyAppend(v);
        Endpoint ep = endpoint();
        v.tcbState = ThreadState.BlockedOnSend(ep, 0, false, true, false);
        v.tcbSchedPrev = null;
        ep.queue.head = v;
        ep.queue.end = v;
        ep.state = EPState.Send;
        assertViolation("Q1 ready_qs_runnable", "V");
    }

    @Test
    void q2ThreadInReadyAndReleaseQueue() {
        Tcb t = thread("t", 10, ThreadState.Running);
        activeSc(t, 0);
        readyAppend(t);
        t.tcbInReleaseQueue = true;
        assertViolation("Q2 ready_or_release", "t");
    }

    @Test
    void q12BlockedThreadInReleaseQueue() {
        Tcb t = thread("t", 10, ThreadState.Running);
        activeSc(t, 100);
        releaseAppend(t);
        Reply r = new Reply(ptr());
        ks.ksPSpace.insert(r);
        r.replyTCB = t;
        t.tcbState = ThreadState.BlockedOnReply(r);
        assertViolation("Q12 blocked_not_queued", "t");
    }

    @Test
    void q12InactiveThreadInReleaseQueue() {
        Tcb t = thread("t", 10, ThreadState.Running);
        activeSc(t, 100);
        releaseAppend(t);
        t.tcbState = ThreadState.Inactive;
        assertViolation("Q12 blocked_not_queued", "t");
    }

    @Test
    void q7IdleThreadQueued() {
        idle.tcbQueued = true;
        assertViolation("Q7 idle_not_queued", "idle");
    }

    @Test
    void q13StaleLinksOfAThreadInNoQueue() {
        Tcb a = thread("a", 10, ThreadState.Running);
        Tcb b = thread("b", 10, ThreadState.Running);
        a.tcbSchedNext = b;
        assertViolation("Q13 tcb_queues_wf", "a");
    }

    // ---- ready queues and bitmaps ----

    @Test
    void q3ThreadInTheWrongPriorityQueue() {
        Tcb t = thread("t", 10, ThreadState.Running);
        activeSc(t, 0);
        readyAppend(t);
        t.tcbPriority = 11;
        assertViolation("Q3 ready_queues_wf", "t");
    }

    @Test
    void q3QueuedFlagWithoutQueueMembership() {
        Tcb t = thread("t", 10, ThreadState.Running);
        activeSc(t, 0);
        t.tcbQueued = true;
        assertViolation("Q3 ready_queues_wf", "t");
    }

    @Test
    void q3MemberWithoutQueuedFlag() {
        Tcb t = thread("t", 10, ThreadState.Running);
        activeSc(t, 0);
        readyAppend(t);
        t.tcbQueued = false;
        assertViolation("Q3 ready_queues_wf", "t");
    }

    @Test
    void q3BitmapBitWithoutQueue() {
        ks.ksReadyQueuesL1Bitmap[0] |= 1L << 3;
        ks.ksReadyQueuesL2Bitmap[0][0] |= 1L << 5;
        assertViolation("Q3 ready_queues_wf", null);
    }

    @Test
    void q3L2BitmapMustUseTheInvertedIndex() {
        Tcb t = thread("t", 200, ThreadState.Running);
        activeSc(t, 0);
        readyAppend(t);
        // Move the level-2 bit to the non-inverted word.
        ks.ksReadyQueuesL2Bitmap[0][0] = 0;
        ks.ksReadyQueuesL2Bitmap[0][3] = 1L << (200 & 63);
        assertThatThrownBy(this::check).isInstanceOfSatisfying(InvariantViolation.class,
                v -> assertThat(v.invariant()).isEqualTo("Q3 ready_queues_wf"));
    }

    @Test
    void q3BrokenPrevLink() {
        Tcb a = thread("a", 10, ThreadState.Running);
        activeSc(a, 0);
        readyAppend(a);
        Tcb b = thread("b", 10, ThreadState.Running);
        activeSc(b, 0);
        readyAppend(b);
        b.tcbSchedPrev = null;
        assertViolation("Q3 ready_queues_wf", "b");
    }

    @Test
    void q3CycleIsReportedInsteadOfLooping() {
        Tcb a = thread("a", 10, ThreadState.Running);
        activeSc(a, 0);
        readyAppend(a);
        a.tcbSchedNext = a;
        a.tcbSchedPrev = a;
        assertThatThrownBy(this::check).isInstanceOfSatisfying(InvariantViolation.class,
                v -> assertThat(v.invariant()).isEqualTo("Q3 ready_queues_wf"));
    }

    // ---- release queue ----

    @Test
    void q4ReleaseQueueMustBeSorted() {
        Tcb late = thread("late", 10, ThreadState.Running);
        activeSc(late, 500);
        releaseAppend(late);
        Tcb early = thread("early", 10, ThreadState.Running);
        activeSc(early, 100);
        releaseAppend(early);
        assertViolation("Q4 release_queue_wf", "early");
    }

    @Test
    void q4ReleaseQueueMemberNeedsAnActiveSc() {
        Tcb t = thread("t", 10, ThreadState.Running);
        activeSc(t, 100).scRefillMax = 0;
        releaseAppend(t);
        assertViolation("Q4 release_queue_wf", "t");
    }

    @Test
    void q4ReleaseFlagWithoutMembership() {
        Tcb t = thread("t", 10, ThreadState.Running);
        activeSc(t, 100);
        t.tcbInReleaseQueue = true;
        assertViolation("Q4 release_queue_wf", "t");
    }

    // ---- endpoint and notification queues ----

    @Test
    void q11EndpointMemberAlsoInReadyQueue() {
        // A runnable thread whose shared links thread both its ready queue and an EP queue.
        Endpoint ep = endpoint();
        Tcb s = thread("s", 10, ThreadState.Running);
        activeSc(s, 0);
        readyAppend(s);
        ep.queue.head = s;
        ep.queue.end = s;
        ep.state = EPState.Send;
        assertViolation("Q11 not_sched_linked", "s");
    }

    @Test
    void q11NotificationMemberAlsoInReleaseQueue() {
        Notification n = new Notification(ptr());
        ks.ksPSpace.insert(n);
        Tcb s = thread("s", 10, ThreadState.Running);
        activeSc(s, 100);
        releaseAppend(s);
        n.queue.head = s;
        n.queue.end = s;
        n.state = NtfnState.Waiting;
        assertViolation("Q11 not_sched_linked", "s");
    }

    @Test
    void blockedEndpointMemberInReleaseQueueIsQ12First() {
        Endpoint ep = endpoint();
        Tcb s = sender("s", 10, ep);
        activeSc(s, 100);
        s.tcbInReleaseQueue = true;
        assertViolation("Q12 blocked_not_queued", "s");
    }

    @Test
    void q13EndpointStateIdleWithWaiters() {
        Endpoint ep = endpoint();
        sender("s", 10, ep);
        ep.state = EPState.Idle;
        // The thread sees its endpoint in the wrong state first (sym_refs), the walk then Q13.
        assertViolation("Q22 sym_refs", "s");
    }

    @Test
    void q13EndpointQueueNotOrderedByPriority() {
        Endpoint ep = endpoint();
        sender("low", 5, ep);
        sender("high", 9, ep);
        assertViolation("Q13 tcb_queues_wf", "high");
    }

    @Test
    void q13EndpointMemberInTheWrongState() {
        Endpoint ep = endpoint();
        Tcb s = sender("s", 10, ep);
        Endpoint other = endpoint();
        s.tcbState = ThreadState.BlockedOnSend(other, 0, false, false, false);
        other.state = EPState.Send;
        assertViolation("Q13 tcb_queues_wf", "s");
    }

    @Test
    void q13EndpointWithOnlyAHead() {
        Endpoint ep = endpoint();
        sender("s", 10, ep);
        ep.queue.end = null;
        assertViolation("Q13 tcb_queues_wf", "s");
    }

    @Test
    void q13NotificationWaitingWithEmptyQueue() {
        Notification n = new Notification(ptr());
        ks.ksPSpace.insert(n);
        n.state = NtfnState.Waiting;
        assertViolation("Q13 tcb_queues_wf", null);
    }

    @Test
    void symRefsBlockedThreadMissingFromItsEndpointQueue() {
        Endpoint ep = endpoint();
        sender("s1", 10, ep);
        thread("lost", 10, ThreadState.BlockedOnSend(ep, 0, false, false, false));
        assertViolation("Q22 sym_refs", "lost");
    }

    @Test
    void symRefsBlockedOnDeadEndpoint() {
        Endpoint dead = new Endpoint(ptr());
        dead.state = EPState.Recv;
        thread("t", 10, ThreadState.BlockedOnReceive(dead, false, null));
        assertViolation("Q22 sym_refs", "t");
    }

    // ---- scheduling contexts, replies, notifications: sym_refs and Q18 ----

    @Test
    void symRefsScBoundToAnotherThread() {
        Tcb t = thread("t", 10, ThreadState.Inactive);
        t.tcbSchedContext = ct.tcbSchedContext;
        assertViolation("Q22 sym_refs", "t");
    }

    @Test
    void symRefsScPointsToThreadWithoutIt() {
        Tcb t = thread("t", 10, ThreadState.Inactive);
        SchedContext sc = new SchedContext(ptr(), Config.seL4_MinSchedContextBits);
        ks.ksPSpace.insert(sc);
        sc.scTcb = t;
        assertViolation("Q22 sym_refs", "t");
    }

    @Test
    void symRefsBoundNotificationOneWay() {
        Tcb t = thread("t", 10, ThreadState.Inactive);
        Notification n = new Notification(ptr());
        ks.ksPSpace.insert(n);
        t.tcbBoundNotification = n;
        assertViolation("Q22 sym_refs", "t");
    }

    @Test
    void symRefsYieldToOneWay() {
        Tcb t = thread("t", 10, ThreadState.Running);
        activeSc(t, 0);
        readyAppend(t);
        t.tcbYieldTo = ct.tcbSchedContext;
        assertViolation("Q22 sym_refs", "t");
    }

    @Test
    void symRefsReplyNamesAThreadNotWaitingOnIt() {
        Reply r = new Reply(ptr());
        ks.ksPSpace.insert(r);
        Tcb t = thread("t", 10, ThreadState.Inactive);
        r.replyTCB = t;
        assertViolation("Q22 sym_refs", "t");
    }

    @Test
    void symRefsCallerBlockedOnReplyThatForgotIt() {
        Reply r = new Reply(ptr());
        ks.ksPSpace.insert(r);
        thread("caller", 10, ThreadState.BlockedOnReply(r));
        assertViolation("Q22 sym_refs", "caller");
    }

    @Test
    void q18ReplyOnCallStackWithoutCaller() {
        Reply r = new Reply(ptr());
        ks.ksPSpace.insert(r);
        SchedContext sc = ct.tcbSchedContext;
        sc.scReply = r;
        r.replyHeadSc = sc;
        assertViolation("Q18 valid_replies", null);
    }

    @Test
    void q18CallStackLinksMustBeMutual() {
        Reply older = new Reply(ptr());
        Reply newer = new Reply(ptr());
        ks.ksPSpace.insert(older);
        ks.ksPSpace.insert(newer);
        Tcb c1 = thread("c1", 10, ThreadState.BlockedOnReply(older));
        older.replyTCB = c1;
        Tcb c2 = thread("c2", 10, ThreadState.BlockedOnReply(newer));
        newer.replyTCB = c2;
        newer.replyPrev = older;
        // older.replyNext should point back to newer.
        assertViolation("Q18 valid_replies", "c2");
    }

    @Test
    void q25RefillIndicesOutsideTheBuffer() {
        ct.tcbSchedContext.scRefillHead = 7;
        assertViolation("Q25 valid_refills", "root");
    }

    // ---- scheduler-level checks ----

    @Test
    void q5CurrentThreadQueuedWhileResuming() {
        readyAppend(ct);
        assertViolation("Q5 ct_not_inQ", "root");
    }

    @Test
    void q15ResumeOfABlockedCurrentThread() {
        ct.tcbState = ThreadState.Inactive;
        assertViolation("Q15 sch_act_wf", "root");
    }

    @Test
    void q15SwitchToANonRunnableThread() {
        Tcb t = thread("t", 10, ThreadState.Inactive);
        ks.ksSchedulerAction = SchedulerAction.SwitchToThread(t);
        assertViolation("Q15 sch_act_wf", "t");
    }

    @Test
    void q15SwitchToTheCurrentThreadIsNotSane() {
        ks.ksSchedulerAction = SchedulerAction.SwitchToThread(ct);
        assertViolation("Q15 sch_act_wf", "root");
    }

    @Test
    void q21CurrentThreadInReleaseQueueAtExit() {
        releaseAppend(ct);
        assertViolation("Q21 ct_not_queued_at_exit", "root");
    }

    @Test
    void q23CurrentThreadMustBeALiveObject() {
        Tcb ghost = new Tcb(ptr(), 0);
        ghost.tcbName = "ghost";
        ghost.tcbState = ThreadState.Running;
        ks.ksCurThread = ghost;
        assertViolation("Q23 cur_tcb", "ghost");
    }

    @Test
    void q23CurrentScMustBeTheCurrentThreadsSc() {
        ks.ksCurSC = ks.ksIdleSC;
        assertViolation("Q23 cur_tcb", "root");
    }

    @Test
    void q24IdleThreadMustBeInIdleState() {
        idle.tcbState = ThreadState.Running;
        assertViolation("Q24 valid_idle", "idle");
    }

    @Test
    void q26IrqNodeSlotsHoldOnlyNotifications() {
        Notification n = new Notification(ptr());
        ks.ksPSpace.insert(n);
        ks.intStateIRQNode[40].cap = new NotificationCap(n, 1, true, false);
        assertThatCode(this::check).doesNotThrowAnyException();
        ks.intStateIRQNode[41].cap = new EndpointCap(endpoint(), 0, true, true, true, true);
        assertViolation("Q26 valid_irq_node", null);
    }

    // ---- kernel entry ----

    @Nested
    class AtEntry {
        @Test
        void q20QueuedCurrentThreadIsReportedWithTheEvent() {
            readyAppend(ct);
            // callKernel runs the entry check before handling the event, so the report names it.
            assertThatThrownBy(() -> k.callKernel(EV)).isInstanceOfSatisfying(InvariantViolation.class, v -> {
                assertThat(v.invariant()).isEqualTo("Q20 ct_not_queued_at_entry");
                assertThat(v.thread()).isEqualTo("root");
                assertThat(v.event()).isEqualTo(EV.toString());
                assertThat(v.getMessage()).contains("root").contains("SysCall").contains("ready queue");
            });
        }

        @Test
        void q20CurrentThreadInReleaseQueue() {
            releaseAppend(ct);
            assertThatThrownBy(() -> k.invariants.checkAtEntry(EV)).isInstanceOfSatisfying(InvariantViolation.class,
                    v -> assertThat(v.invariant()).isEqualTo("Q20 ct_not_queued_at_entry"));
        }

        @Test
        void noCurrentThread() {
            ks.ksCurThread = null;
            assertThatThrownBy(() -> k.invariants.checkAtEntry(EV)).isInstanceOfSatisfying(InvariantViolation.class,
                    v -> assertThat(v.invariant()).isEqualTo("Q23 cur_tcb"));
        }
    }

    // ---- cost ----

    @Test
    void checkingABusyStateAllocatesNothing() {
        Endpoint ep = endpoint();
        for (int i = 0; i < 40; i++) {
            Tcb t = thread("t" + i, 1 + (i % 5) * 40, ThreadState.Running);
            activeSc(t, 0);
            readyAppend(t);
        }
        for (int i = 0; i < 20; i++) {
            sender("s" + i, 100 - i, ep);
        }
        for (int i = 0; i < 20_000; i++) {
            check();
        }
        com.sun.management.ThreadMXBean mx =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long tid = java.lang.Thread.currentThread().getId();
        int n = 20_000;
        long bytesBefore = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < n; i++) {
            check();
        }
        double bytes = (double) (mx.getThreadAllocatedBytes(tid) - bytesBefore) / n;
        // No allocation on the success path (at most the two object iterators), whatever the load.
        assertThat(bytes).isLessThan(128.0);
        // Its speed is measured by the explorer's benchmark, not by a timed test.
    }
}
