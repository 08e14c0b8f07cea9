package sel4.object.tcb;

import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.model.KernelState;
import sel4.object.schedcontext.SchedContext;

/**
 * Models the queue operations of seL4's src/object/tcb.c and include/object/tcb.h (Haskell
 * Object/TCB and Kernel/Thread queue helpers): ready queues with their two-level bitmap, the MCS
 * release queue and the priority-ordered endpoint / notification queues, all threaded through the
 * TCBs' shared scheduler links.
 *
 * <p>Because one pair of links serves every queue, a thread that is put in a second queue
 * silently corrupts the first one (the bug-B state since seL4 771c9e43c); the Q8, Q9 and Q11
 * assertions catch that at the enqueue. The list walks are bounded by the number of objects in
 * the heap so that a corrupted (cyclic) list cannot hang the model when checks are off.
 */
public final class TcbQueues extends KernelModule {
    /** log2 of the word size: priorities per L2 bitmap word. */
    private static final int wordRadix = 6;
    private static final int wordBits = 64;

    public TcbQueues(Kernel k) {
        super(k);
    }

    // ---- generic list helpers (include/object/tcb.h) ----

    /** Puts {@code tcb} at the front of {@code queue}. */
    public static void tcb_queue_prepend(TcbQueue queue, Tcb tcb) {
        if (queue.isEmpty()) {
            queue.end = tcb;
        } else {
            tcb.tcbSchedNext = queue.head;
            queue.head.tcbSchedPrev = tcb;
        }
        queue.head = tcb;
    }

    /** Puts {@code tcb} at the back of {@code queue}. */
    public static void tcb_queue_append(TcbQueue queue, Tcb tcb) {
        if (queue.isEmpty()) {
            queue.head = tcb;
        } else {
            tcb.tcbSchedPrev = queue.end;
            queue.end.tcbSchedNext = tcb;
        }
        queue.end = tcb;
    }

    /** Links {@code tcb} immediately before {@code after}, which is not the queue's head. */
    public static void tcb_queue_insert(Tcb tcb, Tcb after) {
        Tcb before = after.tcbSchedPrev;
        tcb.tcbSchedPrev = before;
        tcb.tcbSchedNext = after;
        after.tcbSchedPrev = tcb;
        if (before != null) {
            before.tcbSchedNext = tcb;
        }
    }

    /** Links {@code tcb} immediately after {@code before}, which is not the queue's end. */
    public static void tcb_queue_insert_after(Tcb tcb, Tcb before) {
        Tcb after = before.tcbSchedNext;
        tcb.tcbSchedPrev = before;
        tcb.tcbSchedNext = after;
        if (after != null) {
            after.tcbSchedPrev = tcb;
        }
        before.tcbSchedNext = tcb;
    }

    /**
     * Unlinks {@code tcb} from {@code queue} and clears its links. The null checks only matter
     * for lists corrupted by a thread being in two queues (where C would follow a NULL pointer).
     */
    public static void tcb_queue_remove(TcbQueue queue, Tcb tcb) {
        Tcb before = tcb.tcbSchedPrev;
        Tcb after = tcb.tcbSchedNext;
        if (queue.head == tcb && queue.end == tcb) {
            queue.head = null;
            queue.end = null;
        } else if (queue.head == tcb) {
            if (after != null) {
                after.tcbSchedPrev = null;
            }
            queue.head = after;
        } else if (queue.end == tcb) {
            if (before != null) {
                before.tcbSchedNext = null;
            }
            queue.end = before;
        } else {
            if (before != null) {
                before.tcbSchedNext = after;
            }
            if (after != null) {
                after.tcbSchedPrev = before;
            }
        }
        tcb.tcbSchedPrev = null;
        tcb.tcbSchedNext = null;
    }

    /** Upper bound on the length of any well-formed queue (every member is a distinct heap TCB). */
    private int walkLimit() {
        return ks.ksPSpace.size() + 2;
    }

    // ---- ready-queue bitmaps ----

    private static int prio_to_l1index(int prio) {
        return prio >> wordRadix;
    }

    private static int l1index_to_prio(int l1index) {
        return l1index << wordRadix;
    }

    /**
     * The L2 words are stored in reverse order of their L1 bit so that the word of the highest
     * priorities shares a cache line with the L1 word (seL4's fastpath optimisation).
     */
    private static int invert_l1index(int l1index) {
        return KernelState.L2_BITMAP_SIZE - 1 - l1index;
    }

    private void addToBitmap(int dom, int prio) {
        int l1index = prio_to_l1index(prio);
        int l1index_inverted = invert_l1index(l1index);
        ks.ksReadyQueuesL1Bitmap[dom] |= 1L << l1index;
        ks.ksReadyQueuesL2Bitmap[dom][l1index_inverted] |= 1L << (prio & (wordBits - 1));
    }

    private void removeFromBitmap(int dom, int prio) {
        int l1index = prio_to_l1index(prio);
        int l1index_inverted = invert_l1index(l1index);
        ks.ksReadyQueuesL2Bitmap[dom][l1index_inverted] &= ~(1L << (prio & (wordBits - 1)));
        if (ks.ksReadyQueuesL2Bitmap[dom][l1index_inverted] == 0) {
            ks.ksReadyQueuesL1Bitmap[dom] &= ~(1L << l1index);
        }
    }

    /**
     * The highest priority with a non-empty ready queue in domain {@code dom}. Callers check that
     * the L1 bitmap is non-empty first (undefined in C otherwise; the model answers 0).
     */
    public int getHighestPrio(int dom) {
        long l1 = ks.ksReadyQueuesL1Bitmap[dom];
        if (l1 == 0) {
            return 0;
        }
        int l1index = wordBits - 1 - Long.numberOfLeadingZeros(l1);
        int l1index_inverted = invert_l1index(l1index);
        long l2 = ks.ksReadyQueuesL2Bitmap[dom][l1index_inverted];
        int l2index = wordBits - 1 - Long.numberOfLeadingZeros(l2);
        return l1index_to_prio(l1index) | l2index;
    }

    /** No ready thread of domain {@code dom} has a priority above {@code prio}. */
    public boolean isHighestPrio(int dom, int prio) {
        return ks.ksReadyQueuesL1Bitmap[dom] == 0 || prio >= getHighestPrio(dom);
    }

    // ---- ready queues ----

    private TcbQueue readyQueueOf(Tcb tcb) {
        return ks.ksReadyQueues[KernelState.ready_queues_index(tcb.tcbDomain, tcb.tcbPriority)];
    }

    private void checkSchedulable(Tcb tcb, String fn, boolean mustBeReady) {
        SchedContext sc = tcb.tcbSchedContext;
        assertion(k.thread.isRunnable(tcb) && !tcb.tcbInReleaseQueue,
                "Q8 " + fn + " target runnable and not in the release queue", tcb);
        assertion(k.thread.isSchedulable(tcb) && k.refills.refill_sufficient(sc, 0)
                        && (!mustBeReady || k.refills.refill_ready(sc)),
                "Q8 " + fn + " target schedulable with a sufficient" + (mustBeReady ? ", ready" : "") + " refill",
                tcb);
    }

    /** Adds {@code tcb} at the front of its ready queue (no-op if already queued). */
    public void tcbSchedEnqueue(Tcb tcb) {
        checkSchedulable(tcb, "tcbSchedEnqueue", false);
        if (!tcb.tcbQueued) {
            TcbQueue queue = readyQueueOf(tcb);
            if (queue.isEmpty()) {
                addToBitmap(tcb.tcbDomain, tcb.tcbPriority);
            }
            tcb_queue_prepend(queue, tcb);
            tcb.tcbQueued = true;
        }
    }

    /** Adds {@code tcb} at the back of its ready queue (no-op if already queued). */
    public void tcbSchedAppend(Tcb tcb) {
        checkSchedulable(tcb, "tcbSchedAppend", true);
        if (!tcb.tcbQueued) {
            TcbQueue queue = readyQueueOf(tcb);
            if (queue.isEmpty()) {
                addToBitmap(tcb.tcbDomain, tcb.tcbPriority);
            }
            tcb_queue_append(queue, tcb);
            tcb.tcbQueued = true;
        }
    }

    /** Removes {@code tcb} from its ready queue if it is queued. */
    public void tcbSchedDequeue(Tcb tcb) {
        if (tcb.tcbQueued) {
            TcbQueue queue = readyQueueOf(tcb);
            tcb_queue_remove(queue, tcb);
            tcb.tcbQueued = false;
            if (queue.isEmpty()) {
                removeFromBitmap(tcb.tcbDomain, tcb.tcbPriority);
            }
        }
    }

    // ---- endpoint and notification queues (MCS: priority ordered) ----

    /** The rightmost member with a priority strictly above {@code priority}, or null. */
    private Tcb find_tcb_with_higher_prio(TcbQueue queue, int priority) {
        Tcb tcb = queue.end;
        int limit = walkLimit();
        while (tcb != null && priority > tcb.tcbPriority && limit-- > 0) {
            tcb = tcb.tcbSchedPrev;
        }
        return tcb;
    }

    /**
     * Inserts {@code tcb} into an endpoint or notification queue ordered by descending priority,
     * after every member of equal priority (FIFO among equals). The thread must be in no other
     * queue, since the links are shared (Q11).
     */
    public void tcbEPAppend(Tcb tcb, TcbQueue queue) {
        assertion(!tcb.tcbQueued && !tcb.tcbInReleaseQueue && tcb.tcbSchedNext == null && tcb.tcbSchedPrev == null,
                "Q11 tcbEPAppend thread in no ready or release queue and without scheduler links", tcb);
        int priority = tcb.tcbPriority;
        if (queue.isEmpty() || priority > queue.head.tcbPriority) {
            tcb_queue_prepend(queue, tcb);
        } else if (queue.end.tcbPriority >= priority) {
            tcb_queue_append(queue, tcb);
        } else {
            Tcb before = find_tcb_with_higher_prio(queue, priority);
            if (before == null) {
                // Unreachable in a well-formed queue (the head has a priority >= the new one).
                tcb_queue_prepend(queue, tcb);
            } else {
                tcb_queue_insert_after(tcb, before);
            }
        }
    }

    /** Removes {@code tcb} from an endpoint or notification queue. */
    public void tcbEPDequeue(Tcb tcb, TcbQueue queue) {
        tcb_queue_remove(queue, tcb);
    }

    // ---- release queue (MCS) ----

    /** When a thread's SC can run again: the release time of its head refill. */
    private long tcbReadyTime(Tcb tcb) {
        return k.refills.refill_head_time(tcb.tcbSchedContext);
    }

    /** The first member (from {@code tcb} on) released strictly after {@code new_time}, or null. */
    private Tcb find_time_after(Tcb tcb, long new_time) {
        Tcb after = tcb;
        int limit = walkLimit();
        while (after != null && new_time >= tcbReadyTime(after) && limit-- > 0) {
            after = after.tcbSchedNext;
        }
        return after;
    }

    /**
     * Inserts {@code tcb} into the release queue, ordered by release time; a thread released at
     * the same time as others goes after them. Requests a timer reprogram when the head changes,
     * since the next timer interrupt is the earliest release.
     */
    public void tcbReleaseEnqueue(Tcb tcb) {
        assertion(k.thread.isRunnable(tcb), "Q9 tcbReleaseEnqueue target runnable", tcb);
        assertion(!tcb.tcbQueued, "Q9 tcbReleaseEnqueue target not in a ready queue", tcb);
        assertion(!tcb.tcbInReleaseQueue, "Q9 tcbReleaseEnqueue target not already in the release queue", tcb);
        assertion(tcb.tcbSchedContext != null && k.refills.sc_active(tcb.tcbSchedContext),
                "Q9 tcbReleaseEnqueue target has an active SC", tcb);

        TcbQueue queue = ks.ksReleaseQueue;
        Tcb oldHead = queue.head;
        long new_time = tcbReadyTime(tcb);

        if (queue.isEmpty() || new_time < tcbReadyTime(queue.head)) {
            tcb_queue_prepend(queue, tcb);
        } else if (tcbReadyTime(queue.end) <= new_time) {
            tcb_queue_append(queue, tcb);
        } else {
            Tcb after = find_time_after(queue.head, new_time);
            if (after == null) {
                tcb_queue_append(queue, tcb);
            } else {
                tcb_queue_insert(tcb, after);
            }
        }
        tcb.tcbInReleaseQueue = true;

        if (oldHead != queue.head) {
            ks.ksReprogram = true;
        }
    }

    /** Removes {@code tcb} from the release queue if it is there; reprogram if it was the head. */
    public void tcbReleaseRemove(Tcb tcb) {
        if (tcb.tcbInReleaseQueue) {
            TcbQueue queue = ks.ksReleaseQueue;
            if (queue.head == tcb) {
                ks.ksReprogram = true;
            }
            tcb_queue_remove(queue, tcb);
            tcb.tcbInReleaseQueue = false;
        }
    }

    /**
     * Removes and returns the head of the release queue, whose refill is due (called by
     * {@code awaken}, which then offers it to the scheduler with possibleSwitchTo).
     */
    public Tcb tcbReleaseDequeue() {
        Tcb awakened = ks.ksReleaseQueue.head;
        assertion(awakened != ks.ksCurThread, "Q17 tcbReleaseDequeue released thread is not the current thread",
                awakened);
        tcbReleaseRemove(awakened);
        SchedContext sc = awakened.tcbSchedContext;
        assertion(sc != null && !k.refills.isRoundRobin(sc),
                "Q17 tcbReleaseDequeue released thread is not round-robin", awakened);
        assertion(sc != null && k.refills.refill_sufficient(sc, 0),
                "Q17 tcbReleaseDequeue released thread has a sufficient refill", awakened);
        return awakened;
    }
}
