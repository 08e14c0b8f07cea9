package sel4.kernel;

import sel4.api.Event;
import sel4.model.Config;
import sel4.model.IRQState;
import sel4.model.KernelState;
import sel4.model.SchedulerAction;
import sel4.object.KernelObject;
import sel4.object.cap.Cap;
import sel4.object.cap.NotificationCap;
import sel4.object.cap.NullCap;
import sel4.object.cnode.Cte;
import sel4.object.endpoint.EPState;
import sel4.object.endpoint.Endpoint;
import sel4.object.notification.Notification;
import sel4.object.notification.NtfnState;
import sel4.object.reply.Reply;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.TcbQueue;
import sel4.object.tcb.ThreadState;
import sel4.object.tcb.ThreadStateType;

/**
 * The debug invariant checker (KERNEL-REFERENCE §10): the named scheduler-queue, reply and
 * scheduler-action assertions of the Haskell spec and the C kernel, checked after every kernel
 * event when {@link sel4.model.Config#checks()} is on, plus the checks seL4 lacks (ct in no queue
 * at entry and exit, blocked threads in no ready/release queue, EP/ntfn-queued threads in no
 * ready/release queue).
 *
 * <p>Invariant ids start with the row number of §10 ({@code "Q1 ready_qs_runnable"}). The checks
 * that §10 lists without a row number, and the two checks seL4 lacks, continue the numbering:
 * Q20 ct in no queue at kernel entry, Q21 the same at kernel exit, Q22 {@code sym_refs}, Q23
 * {@code cur_tcb'} (with ksCurSC = ct's SC), Q24 {@code valid_idle'}, Q25 refill-buffer indices
 * inside the SC ({@code active_sc_at'} shape), Q26 IRQ-node slots hold a notification or nothing.
 *
 * <p>Cost matters because the scenario explorer runs the checker after every event: one pass over
 * the TCBs, one over the other objects (walking each endpoint and notification queue), one over
 * the ready and release queues, and no allocation on the success path. Set equalities such as
 * "the members of the ready queues are exactly the {@code tcbQueued} threads" are checked by
 * counting: every walked member is checked against its queue, so equal counts mean equal sets;
 * only when the counts differ does a slower diagnostic search name the offending thread.
 */
public final class Invariants {
    static final String Q1 = "Q1 ready_qs_runnable";
    static final String Q2 = "Q2 ready_or_release";
    static final String Q3 = "Q3 ready_queues_wf";
    static final String Q4 = "Q4 release_queue_wf";
    static final String Q5 = "Q5 ct_not_inQ";
    static final String Q7 = "Q7 idle_not_queued";
    static final String Q11 = "Q11 not_sched_linked";
    static final String Q12 = "Q12 blocked_not_queued";
    static final String Q13 = "Q13 tcb_queues_wf";
    static final String Q15 = "Q15 sch_act_wf";
    static final String Q18 = "Q18 valid_replies";
    static final String Q20 = "Q20 ct_not_queued_at_entry";
    static final String Q21 = "Q21 ct_not_queued_at_exit";
    static final String Q22 = "Q22 sym_refs";
    static final String Q23 = "Q23 cur_tcb";
    static final String Q24 = "Q24 valid_idle";
    static final String Q25 = "Q25 valid_refills";
    static final String Q26 = "Q26 valid_irq_node";

    private final Kernel k;

    // Counts gathered by the passes of one checkAfterEvent; plain fields so the hot path does
    // not allocate. A checker belongs to one kernel, and a kernel runs on one Java thread.
    private int queuedTcbs;
    private int releaseTcbs;
    private int epBlockedTcbs;
    private int ntfnBlockedTcbs;
    private int epQueueMembers;
    private int ntfnQueueMembers;
    /** The non-thread objects of the heap, between the two passes of one check (reused; grows). */
    private KernelObject[] objects = new KernelObject[64];

    public Invariants(Kernel k) {
        this.k = k;
    }

    /**
     * Checks made on entry to the kernel, before the event is handled: the current thread exists
     * and is in neither a ready queue nor the release queue (seL4 has no such assertion; a
     * queued ct at entry means the previous kernel exit left the queues wrong).
     */
    public void checkAtEntry(Event ev) {
        Tcb ct = k.ks.ksCurThread;
        if (ct == null) {
            violated(Q23, null, "there is no current thread at kernel entry");
            return;
        }
        if (ct.tcbQueued) {
            violated(Q20, ct, "the current thread is in a ready queue at kernel entry");
        }
        if (ct.tcbInReleaseQueue) {
            violated(Q20, ct, "the current thread is in the release queue at kernel entry");
        }
    }

    /**
     * Checks the whole kernel state after an event (KERNEL-REFERENCE §10). Per-thread checks run
     * first, so a thread that is blocked and queued (bug B) is reported as Q1 / Q12 before the
     * list corruption it causes is reported as Q3 / Q13.
     */
    public void checkAfterEvent(Event ev) {
        KernelState ks = k.ks;
        Tcb idle = ks.ksIdleThread;
        int limit = ks.ksPSpace.size() + 2;

        queuedTcbs = 0;
        releaseTcbs = 0;
        epBlockedTcbs = 0;
        ntfnBlockedTcbs = 0;
        epQueueMembers = 0;
        ntfnQueueMembers = 0;

        Tcb ct = ks.ksCurThread;
        boolean idleInPSpace = false;
        boolean ctInPSpace = false;
        // One walk of the heap: threads are checked at once, the other objects are remembered
        // and checked after all threads (keeping the order of reports described above).
        int others = 0;
        KernelObject[] rest = objects;
        for (KernelObject o : ks.ksPSpace.all()) {
            if (o instanceof Tcb t) {
                checkTcb(t, idle);
                idleInPSpace |= t == idle;
                ctInPSpace |= t == ct;
            } else {
                if (others == rest.length) {
                    rest = java.util.Arrays.copyOf(rest, Math.max(16, 2 * rest.length));
                    objects = rest;
                }
                rest[others++] = o;
            }
        }
        if (idle != null && !idleInPSpace) {
            checkTcb(idle, idle);
        }

        boolean idleScInPSpace = false;
        for (int i = 0; i < others; i++) {
            KernelObject o = rest[i];
            rest[i] = null;
            if (o instanceof Endpoint ep) {
                checkEndpoint(ep, limit);
            } else if (o instanceof Notification n) {
                checkNotification(n, limit);
            } else if (o instanceof SchedContext sc) {
                checkSchedContext(sc);
                idleScInPSpace |= sc == ks.ksIdleSC;
            } else if (o instanceof Reply r) {
                checkReply(r);
            }
        }
        if (ks.ksIdleSC != null && !idleScInPSpace) {
            checkSchedContext(ks.ksIdleSC);
        }

        int readyMembers = checkReadyQueues(limit);
        int releaseMembers = checkReleaseQueue(limit);

        if (readyMembers != queuedTcbs) {
            diagnoseReadyMembership(readyMembers, limit);
        }
        if (releaseMembers != releaseTcbs) {
            diagnoseReleaseMembership(releaseMembers, limit);
        }
        if (epQueueMembers != epBlockedTcbs) {
            diagnoseEndpointMembership(limit);
        }
        if (ntfnQueueMembers != ntfnBlockedTcbs) {
            diagnoseNotificationMembership(limit);
        }

        checkSchedulerState(idle, ctInPSpace);
        checkIrqNode();
    }

    /** Reports a failed invariant (throws {@link InvariantViolation}). */
    public void violated(String invariant, Tcb thread, String detail) {
        throw new InvariantViolation(invariant, thread == null ? null : thread.tcbName,
                k.currentEvent() == null ? null : k.currentEvent().toString(), detail);
    }

    // ---- per-thread checks -------------------------------------------------------------------

    private void checkTcb(Tcb t, Tcb idle) {
        ThreadState st = t.tcbState;
        if (st == null) {
            violated(Q22, t, "the thread has no thread state");
            return;
        }
        if (t == idle && (t.tcbQueued || t.tcbInReleaseQueue)) {
            violated(Q7, t, "the idle thread is in " + (t.tcbQueued ? "a ready queue" : "the release queue"));
        }
        if (t.tcbQueued && !st.isRunnable()) {
            violated(Q1, t, "the thread is in a ready queue but its state is " + st);
        }
        if (t.tcbQueued && t.tcbInReleaseQueue) {
            violated(Q2, t, "the thread is in a ready queue and in the release queue");
        }
        if ((st.isBlocked() || st.tsType() == ThreadStateType.Inactive) && t.tcbInReleaseQueue) {
            violated(Q12, t, "the thread is in the release queue but its state is " + st);
        }
        if (t.tcbInReleaseQueue && (t.tcbSchedContext == null || t.tcbSchedContext.scRefillMax <= 0)) {
            violated(Q4, t, "the thread is in the release queue without an active scheduling context");
        }

        ThreadStateType type = st.tsType();
        boolean inTcbQueue = t.tcbQueued || t.tcbInReleaseQueue || type == ThreadStateType.BlockedOnSend
                || type == ThreadStateType.BlockedOnReceive || type == ThreadStateType.BlockedOnNotification;
        if (!inTcbQueue && (t.tcbSchedNext != null || t.tcbSchedPrev != null)) {
            violated(Q13, t, "the thread is in no queue but still has scheduler links (next "
                    + t.tcbSchedNext + ", prev " + t.tcbSchedPrev + ")");
        }

        if (t.tcbQueued) {
            queuedTcbs++;
        }
        if (t.tcbInReleaseQueue) {
            releaseTcbs++;
        }
        switch (type) {
            case BlockedOnSend, BlockedOnReceive -> {
                Endpoint ep = st.blockingEndpoint();
                EPState want = type == ThreadStateType.BlockedOnSend ? EPState.Send : EPState.Recv;
                if (ep == null) {
                    violated(Q22, t, "the thread is " + st + " on no endpoint");
                } else if (ep.state != want) {
                    violated(Q22, t, "the thread is " + st + " but " + ep + " is in state " + ep.state);
                }
                epBlockedTcbs++;
                Reply r = st.replyObject();
                if (type == ThreadStateType.BlockedOnReceive && r != null && r.replyTCB != t) {
                    violated(Q22, t, "the thread waits in " + st + " offering " + r + ", whose replyTCB is " + r.replyTCB);
                }
            }
            case BlockedOnNotification -> {
                Notification n = st.blockingNotification();
                if (n == null) {
                    violated(Q22, t, "the thread is " + st + " on no notification");
                } else if (n.state != NtfnState.Waiting) {
                    violated(Q22, t, "the thread is " + st + " but " + n + " is in state " + n.state);
                }
                ntfnBlockedTcbs++;
            }
            case BlockedOnReply -> {
                Reply r = st.replyObject();
                if (r != null && r.replyTCB != t) {
                    violated(Q22, t, "the thread is " + st + " but the reply's replyTCB is " + r.replyTCB);
                }
            }
            default -> {
            }
        }

        SchedContext sc = t.tcbSchedContext;
        if (sc != null && sc.scTcb != t) {
            violated(Q22, t, "the thread's SC " + sc + " is bound to " + sc.scTcb);
        }
        SchedContext yt = t.tcbYieldTo;
        if (yt != null && yt.scYieldFrom != t) {
            violated(Q22, t, "the thread yielded to " + yt + " whose scYieldFrom is " + yt.scYieldFrom);
        }
        Notification bound = t.tcbBoundNotification;
        if (bound != null && bound.ntfnBoundTCB != t) {
            violated(Q22, t, "the thread's bound notification " + bound + " is bound to " + bound.ntfnBoundTCB);
        }
    }

    // ---- endpoint and notification queues ----------------------------------------------------

    private void checkEndpoint(Endpoint ep, int limit) {
        TcbQueue q = ep.queue;
        if ((q.head == null) != (q.end == null)) {
            violated(Q13, q.head != null ? q.head : q.end, ep + " has only one of head and end set");
        }
        if ((ep.state == EPState.Idle) != (q.head == null)) {
            violated(Q13, q.head, ep + " is in state " + ep.state + " with " + (q.head == null ? "an empty" : "a non-empty") + " queue");
        }
        ThreadStateType want = ep.state == EPState.Send ? ThreadStateType.BlockedOnSend : ThreadStateType.BlockedOnReceive;
        int n = 0;
        Tcb prev = null;
        for (Tcb t = q.head; t != null; t = t.tcbSchedNext) {
            if (++n > limit) {
                violated(Q13, t, "the queue of " + ep + " does not end (cycle)");
            }
            if (t.tcbSchedPrev != prev || (t.tcbSchedNext == null && t != q.end)) {
                checkLink(Q13, ep.toString(), q, t, prev);
            }
            if (t.tcbQueued || t.tcbInReleaseQueue) {
                violated(Q11, t, "the thread is in the queue of " + ep + " and in "
                        + (t.tcbQueued ? "a ready queue" : "the release queue"));
            }
            ThreadState st = t.tcbState;
            if (st == null || st.tsType() != want || st.blockingEndpoint() != ep) {
                violated(Q13, t, "the thread is in the queue of " + ep + " (state " + ep.state + ") but its state is " + st);
            }
            if (prev != null && prev.tcbPriority < t.tcbPriority) {
                violated(Q13, t, "the queue of " + ep + " is not ordered by priority: " + prev + " (" + prev.tcbPriority
                        + ") before " + t + " (" + t.tcbPriority + ")");
            }
            prev = t;
        }
        if (prev != q.end) {
            violated(Q13, prev, "the queue of " + ep + " ends at " + prev + " but its end is " + q.end);
        }
        epQueueMembers += n;
    }

    private void checkNotification(Notification ntfn, int limit) {
        TcbQueue q = ntfn.queue;
        if ((q.head == null) != (q.end == null)) {
            violated(Q13, q.head != null ? q.head : q.end, ntfn + " has only one of head and end set");
        }
        if ((ntfn.state == NtfnState.Waiting) != (q.head != null)) {
            violated(Q13, q.head, ntfn + " is in state " + ntfn.state + " with " + (q.head == null ? "an empty" : "a non-empty") + " queue");
        }
        int n = 0;
        Tcb prev = null;
        for (Tcb t = q.head; t != null; t = t.tcbSchedNext) {
            if (++n > limit) {
                violated(Q13, t, "the queue of " + ntfn + " does not end (cycle)");
            }
            if (t.tcbSchedPrev != prev || (t.tcbSchedNext == null && t != q.end)) {
                checkLink(Q13, ntfn.toString(), q, t, prev);
            }
            if (t.tcbQueued || t.tcbInReleaseQueue) {
                violated(Q11, t, "the thread is in the queue of " + ntfn + " and in "
                        + (t.tcbQueued ? "a ready queue" : "the release queue"));
            }
            ThreadState st = t.tcbState;
            if (st == null || st.tsType() != ThreadStateType.BlockedOnNotification || st.blockingNotification() != ntfn) {
                violated(Q13, t, "the thread is in the queue of " + ntfn + " but its state is " + st);
            }
            if (prev != null && prev.tcbPriority < t.tcbPriority) {
                violated(Q13, t, "the queue of " + ntfn + " is not ordered by priority: " + prev + " (" + prev.tcbPriority
                        + ") before " + t + " (" + t.tcbPriority + ")");
            }
            prev = t;
        }
        if (prev != q.end) {
            violated(Q13, prev, "the queue of " + ntfn + " ends at " + prev + " but its end is " + q.end);
        }
        ntfnQueueMembers += n;

        Tcb bound = ntfn.ntfnBoundTCB;
        if (bound != null && bound.tcbBoundNotification != ntfn) {
            violated(Q22, bound, ntfn + " is bound to the thread, whose bound notification is " + bound.tcbBoundNotification);
        }
        SchedContext sc = ntfn.ntfnSchedContext;
        if (sc != null && sc.scNotification != ntfn) {
            violated(Q22, null, ntfn + " has SC " + sc + " whose notification is " + sc.scNotification);
        }
    }

    /**
     * Reports a broken step of a queue walk ({@code t} follows {@code prev}; the links must be
     * mutually inverse and only the end may have no successor). Callers test the cheap condition
     * first so the queue's name is only built on failure.
     */
    private void checkLink(String id, String queueName, TcbQueue q, Tcb t, Tcb prev) {
        if (t.tcbSchedPrev != prev) {
            violated(id, t, "broken link in the queue of " + queueName + ": the thread follows " + prev
                    + " but its prev link is " + t.tcbSchedPrev);
        }
        if (t.tcbSchedNext == null && t != q.end) {
            violated(id, t, "the queue of " + queueName + " ends at the thread but its end is " + q.end);
        }
    }

    // ---- scheduling contexts and replies -----------------------------------------------------

    private void checkSchedContext(SchedContext sc) {
        int cap = sc.refillCapacity();
        if (sc.scRefillMax < 0 || sc.scRefillMax > cap || sc.scRefillHead < 0 || sc.scRefillHead >= Math.max(cap, 1)
                || sc.scRefillTail < 0 || sc.scRefillTail >= Math.max(cap, 1)) {
            violated(Q25, sc.scTcb, sc + " has refill indices outside its buffer (max " + sc.scRefillMax + ", head "
                    + sc.scRefillHead + ", tail " + sc.scRefillTail + ", capacity " + cap + ")");
        }
        Tcb t = sc.scTcb;
        if (t != null && t.tcbSchedContext != sc) {
            violated(Q22, t, sc + " is bound to the thread, whose SC is " + t.tcbSchedContext);
        }
        Reply r = sc.scReply;
        if (r != null && r.replyHeadSc != sc) {
            violated(Q22, r.replyTCB, sc + " has call-stack head " + r + " which does not point back to it");
        }
        Notification n = sc.scNotification;
        if (n != null && n.ntfnSchedContext != sc) {
            violated(Q22, null, sc + " is bound to " + n + " whose SC is " + n.ntfnSchedContext);
        }
        Tcb yf = sc.scYieldFrom;
        if (yf != null && yf.tcbYieldTo != sc) {
            violated(Q22, yf, sc + " has scYieldFrom set to the thread, whose tcbYieldTo is " + yf.tcbYieldTo);
        }
    }

    private void checkReply(Reply r) {
        if (r.replyHeadSc != null && r.replyNext != null) {
            violated(Q18, r.replyTCB, r + " is both the head of " + r.replyHeadSc + "'s call stack and below " + r.replyNext);
        }
        if (r.replyHeadSc != null && r.replyHeadSc.scReply != r) {
            violated(Q22, r.replyTCB, r + " heads the call stack of " + r.replyHeadSc + " whose scReply is " + r.replyHeadSc.scReply);
        }
        if (r.replyNext != null && r.replyNext.replyPrev != r) {
            violated(Q18, r.replyTCB, r + " has newer reply " + r.replyNext + " whose replyPrev is " + r.replyNext.replyPrev);
        }
        if (r.replyPrev != null && r.replyPrev.replyNext != r) {
            violated(Q18, r.replyTCB, r + " has older reply " + r.replyPrev + " whose replyNext is " + r.replyPrev.replyNext);
        }
        boolean onStack = r.replyHeadSc != null || r.replyNext != null || r.replyPrev != null;
        Tcb t = r.replyTCB;
        if (onStack) {
            if (t == null) {
                violated(Q18, null, r + " is on an SC call stack but has no caller");
            } else if (t.tcbState == null || t.tcbState.tsType() != ThreadStateType.BlockedOnReply || t.tcbState.replyObject() != r) {
                violated(Q18, t, r + " is on an SC call stack but its caller's state is " + t.tcbState);
            }
        }
        if (t != null) {
            ThreadState st = t.tcbState;
            boolean refersBack = st != null && st.replyObject() == r
                    && (st.tsType() == ThreadStateType.BlockedOnReply || st.tsType() == ThreadStateType.BlockedOnReceive);
            if (!refersBack) {
                violated(Q22, t, r + " names the thread as its replyTCB but the thread's state is " + st);
            }
        }
    }

    // ---- ready and release queues ------------------------------------------------------------

    /** Walks every ready queue and checks the bitmaps; returns the number of members. */
    private int checkReadyQueues(int limit) {
        KernelState ks = k.ks;
        int members = 0;
        int numDomains = k.config.numDomains();
        for (int d = 0; d < numDomains; d++) {
            long l1 = ks.ksReadyQueuesL1Bitmap[d];
            long[] l2 = ks.ksReadyQueuesL2Bitmap[d];
            for (int i = 0; i < KernelState.L2_BITMAP_SIZE; i++) {
                boolean l1Bit = (l1 & (1L << i)) != 0;
                boolean l2Any = l2[KernelState.L2_BITMAP_SIZE - 1 - i] != 0;
                if (l1Bit != l2Any) {
                    violated(Q3, null, "domain " + d + ": level-1 bitmap bit " + i + " is " + (l1Bit ? "set" : "clear")
                            + " but level-2 word " + (KernelState.L2_BITMAP_SIZE - 1 - i) + " is " + (l2Any ? "non-zero" : "zero"));
                }
            }
            if (KernelState.L2_BITMAP_SIZE < 64 && (l1 >>> KernelState.L2_BITMAP_SIZE) != 0) {
                violated(Q3, null, "domain " + d + ": level-1 bitmap has bits beyond the priority range: " + Long.toHexString(l1));
            }
            // One pass over the domain's queues, a bitmap word at a time; the exact checks (and
            // their messages) run only for a queue that looks wrong.
            TcbQueue[] queues = ks.ksReadyQueues;
            int base = KernelState.ready_queues_index(d, 0);
            for (int w = 0; w < KernelState.L2_BITMAP_SIZE; w++) {
                long word = l2[KernelState.L2_BITMAP_SIZE - 1 - w];
                int first = w << 6;
                int last = Math.min(first + 64, Config.numPriorities);
                for (int p = first; p < last; p++) {
                    TcbQueue q = queues[base + p];
                    Tcb head = q.head;
                    boolean bit = (word & (1L << (p & 63))) != 0;
                    if (head == null) {
                        if (bit || q.end != null) {
                            checkReadyQueueShape(q, d, p, bit);
                        }
                    } else {
                        if (!bit || q.end == null) {
                            checkReadyQueueShape(q, d, p, bit);
                        }
                        members += walkReadyQueue(q, d, p, limit);
                    }
                }
            }
        }
        return members;
    }

    /** The bitmap and head/end checks of one ready queue, reported with their exact failure. */
    private void checkReadyQueueShape(TcbQueue q, int d, int p, boolean bit) {
        if (bit != (q.head != null)) {
            violated(Q3, q.head, "domain " + d + " priority " + p + ": bitmap bit is " + (bit ? "set" : "clear")
                    + " but the queue is " + (q.head == null ? "empty" : "not empty"));
        }
        if ((q.head == null) != (q.end == null)) {
            violated(Q3, q.head != null ? q.head : q.end, "ready queue (" + d + ", " + p + ") has only one of head and end set");
        }
    }

    private int walkReadyQueue(TcbQueue q, int d, int p, int limit) {
        int n = 0;
        Tcb prev = null;
        for (Tcb t = q.head; t != null; t = t.tcbSchedNext) {
            if (++n > limit) {
                violated(Q3, t, "ready queue (" + d + ", " + p + ") does not end (cycle)");
            }
            if (t.tcbSchedPrev != prev || (t.tcbSchedNext == null && t != q.end)) {
                checkLink(Q3, "ready queue (" + d + ", " + p + ")", q, t, prev);
            }
            if (!t.tcbQueued) {
                violated(Q3, t, "the thread is in ready queue (" + d + ", " + p + ") but tcbQueued is false");
            }
            if (t.tcbDomain != d || t.tcbPriority != p) {
                violated(Q3, t, "the thread (domain " + t.tcbDomain + ", priority " + t.tcbPriority
                        + ") is in ready queue (" + d + ", " + p + ")");
            }
            prev = t;
        }
        if (prev != q.end) {
            violated(Q3, prev, "ready queue (" + d + ", " + p + ") ends at " + prev + " but its end is " + q.end);
        }
        return n;
    }

    /** Walks the release queue: members flagged, active SCs, sorted by head release time. */
    private int checkReleaseQueue(int limit) {
        TcbQueue q = k.ks.ksReleaseQueue;
        if ((q.head == null) != (q.end == null)) {
            violated(Q4, q.head != null ? q.head : q.end, "the release queue has only one of head and end set");
        }
        int n = 0;
        Tcb prev = null;
        long prevTime = 0;
        for (Tcb t = q.head; t != null; t = t.tcbSchedNext) {
            if (++n > limit) {
                violated(Q4, t, "the release queue does not end (cycle)");
            }
            if (t.tcbSchedPrev != prev || (t.tcbSchedNext == null && t != q.end)) {
                checkLink(Q4, "the release queue", q, t, prev);
            }
            if (!t.tcbInReleaseQueue) {
                violated(Q4, t, "the thread is in the release queue but tcbInReleaseQueue is false");
            }
            SchedContext sc = t.tcbSchedContext;
            if (sc == null || sc.scRefillMax <= 0) {
                violated(Q4, t, "the thread is in the release queue without an active scheduling context");
                return n;
            }
            if (sc.scRefillHead < 0 || sc.scRefillHead >= sc.refillCapacity()) {
                violated(Q25, t, sc + " has its refill head outside its buffer");
            }
            long time = sc.rTime[sc.scRefillHead];
            if (prev != null && Long.compareUnsigned(time, prevTime) < 0) {
                violated(Q4, t, "the release queue is not sorted: the thread's release time " + time + " follows "
                        + prev + "'s " + prevTime);
            }
            prev = t;
            prevTime = time;
        }
        if (prev != q.end) {
            violated(Q4, prev, "the release queue ends at " + prev + " but its end is " + q.end);
        }
        return n;
    }

    // ---- scheduler-level checks --------------------------------------------------------------

    private void checkSchedulerState(Tcb idle, boolean ctInPSpace) {
        KernelState ks = k.ks;
        Tcb ct = ks.ksCurThread;
        if (ct == null) {
            violated(Q23, null, "there is no current thread");
            return;
        }
        if (ct != idle && !ctInPSpace) {
            violated(Q23, ct, "the current thread is not a live object");
        }
        if (ct.tcbSchedContext != null && ks.ksCurSC != ct.tcbSchedContext) {
            violated(Q23, ct, "ksCurSC is " + ks.ksCurSC + " but the current thread's SC is " + ct.tcbSchedContext);
        }

        if (idle == null) {
            violated(Q24, null, "there is no idle thread");
            return;
        }
        if (idle.tcbState == null || idle.tcbState.tsType() != ThreadStateType.IdleThreadState) {
            violated(Q24, idle, "the idle thread's state is " + idle.tcbState);
        }
        if (idle.tcbBoundNotification != null) {
            violated(Q24, idle, "the idle thread has a bound notification");
        }
        if (idle.tcbSchedContext != null && idle.tcbSchedContext != ks.ksIdleSC) {
            violated(Q24, idle, "the idle thread runs on " + idle.tcbSchedContext + " instead of the idle SC");
        }

        SchedulerAction action = ks.ksSchedulerAction;
        if (action == SchedulerAction.ResumeCurrentThread) {
            if (ct.tcbQueued) {
                violated(Q5, ct, "the scheduler action is ResumeCurrentThread but the current thread is in a ready queue");
            }
            if (ct.tcbState == null || !ct.tcbState.isActivatable()) {
                violated(Q15, ct, "the scheduler action is ResumeCurrentThread but the current thread is " + ct.tcbState);
            }
        } else if (action != null && action.isSwitchToThread()) {
            Tcb target = action.target();
            if (target == ct) {
                violated(Q15, ct, "the scheduler action is SwitchToThread of the current thread (sch_act_sane)");
            }
            if (target.tcbState == null || !target.tcbState.isRunnable()) {
                violated(Q15, target, "the scheduler action switches to a thread in state " + target.tcbState);
            }
            if (target.tcbDomain != ks.ksCurDomain) {
                violated(Q15, target, "the scheduler action switches to a thread of domain " + target.tcbDomain
                        + " while domain " + ks.ksCurDomain + " runs");
            }
        } else if (action == null) {
            violated(Q15, ct, "there is no scheduler action");
        }

        if (ct.tcbQueued || ct.tcbInReleaseQueue) {
            violated(Q21, ct, "the current thread is in " + (ct.tcbQueued ? "a ready queue" : "the release queue")
                    + " at kernel exit");
        }
    }

    private void checkIrqNode() {
        KernelState ks = k.ks;
        Cte[] node = ks.intStateIRQNode;
        for (int irq = 0; irq < node.length; irq++) {
            Cap c = node[irq].cap;
            // Almost every slot holds the shared null cap: test identity before the type checks.
            if (c != NullCap.INSTANCE && !(c instanceof NullCap) && !(c instanceof NotificationCap)) {
                violated(Q26, null, "IRQ " + irq + " (state " + stateOf(irq) + ") has "
                        + (c == null ? "no cap value" : "a " + c.capType()) + " in its IRQ-node slot");
            }
        }
    }

    private IRQState stateOf(int irq) {
        IRQState[] table = k.ks.intStateIRQTable;
        return irq < table.length ? table[irq] : null;
    }

    // ---- diagnostics: only when a count check failed ------------------------------------------

    private void diagnoseReadyMembership(int readyMembers, int limit) {
        for (Tcb t : allTcbs()) {
            if (t.tcbQueued) {
                TcbQueue q = k.ks.ksReadyQueues[KernelState.ready_queues_index(clampDomain(t.tcbDomain), clampPrio(t.tcbPriority))];
                if (!contains(q, t, limit)) {
                    violated(Q3, t, "tcbQueued is set but the thread is not in ready queue (" + t.tcbDomain + ", "
                            + t.tcbPriority + ")");
                }
            }
        }
        violated(Q3, null, readyMembers + " threads are linked in ready queues but " + queuedTcbs + " have tcbQueued set");
    }

    private void diagnoseReleaseMembership(int releaseMembers, int limit) {
        for (Tcb t : allTcbs()) {
            if (t.tcbInReleaseQueue && !contains(k.ks.ksReleaseQueue, t, limit)) {
                violated(Q4, t, "tcbInReleaseQueue is set but the thread is not in the release queue");
            }
        }
        violated(Q4, null, releaseMembers + " threads are linked in the release queue but " + releaseTcbs
                + " have tcbInReleaseQueue set");
    }

    private void diagnoseEndpointMembership(int limit) {
        for (Tcb t : allTcbs()) {
            ThreadStateType type = t.tcbState.tsType();
            if (type == ThreadStateType.BlockedOnSend || type == ThreadStateType.BlockedOnReceive) {
                Endpoint ep = t.tcbState.blockingEndpoint();
                if (k.ks.ksPSpace.get(ep.ptr()) != ep) {
                    violated(Q22, t, "the thread is " + t.tcbState + " on an endpoint that is not a live object");
                }
                if (!contains(ep.queue, t, limit)) {
                    violated(Q22, t, "the thread is " + t.tcbState + " but is not in the endpoint's queue");
                }
            }
        }
        violated(Q22, null, epQueueMembers + " threads are in endpoint queues but " + epBlockedTcbs
                + " threads are blocked on endpoints");
    }

    private void diagnoseNotificationMembership(int limit) {
        for (Tcb t : allTcbs()) {
            if (t.tcbState.tsType() == ThreadStateType.BlockedOnNotification) {
                Notification n = t.tcbState.blockingNotification();
                if (k.ks.ksPSpace.get(n.ptr()) != n) {
                    violated(Q22, t, "the thread is " + t.tcbState + " on a notification that is not a live object");
                }
                if (!contains(n.queue, t, limit)) {
                    violated(Q22, t, "the thread is " + t.tcbState + " but is not in the notification's queue");
                }
            }
        }
        violated(Q22, null, ntfnQueueMembers + " threads are in notification queues but " + ntfnBlockedTcbs
                + " threads are blocked on notifications");
    }

    private java.util.List<Tcb> allTcbs() {
        java.util.List<Tcb> out = k.ks.ksPSpace.allOf(Tcb.class);
        Tcb idle = k.ks.ksIdleThread;
        if (idle != null && !out.contains(idle)) {
            out.add(idle);
        }
        return out;
    }

    private static boolean contains(TcbQueue q, Tcb t, int limit) {
        int n = 0;
        for (Tcb x = q.head; x != null && n <= limit; x = x.tcbSchedNext, n++) {
            if (x == t) {
                return true;
            }
        }
        return false;
    }

    private int clampDomain(int d) {
        return Math.max(0, Math.min(d, k.config.numDomains() - 1));
    }

    private static int clampPrio(int p) {
        return Math.max(0, Math.min(p, Config.seL4_MaxPrio));
    }
}
