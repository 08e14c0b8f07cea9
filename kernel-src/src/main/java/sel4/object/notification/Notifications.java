package sel4.object.notification;

import static sel4.machine.Registers.badgeRegister;

import sel4.api.ExceptionT;
import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.object.cap.Cap;
import sel4.object.cap.NotificationCap;
import sel4.object.endpoint.Endpoints;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;
import sel4.object.tcb.ThreadStateType;

/**
 * Models seL4's src/object/notification.c and include/object/notification.h (Haskell
 * Object/Notification, and maybeDonateSc / maybeReturnSc of Object/SchedContext): signals,
 * waits, bound TCBs and MCS scheduling-context donation through notifications.
 *
 * <p>A notification may carry an SC ({@code ntfnSchedContext}) that is lent to a passive
 * thread when a signal wakes it, and taken back when that thread waits again. The queue is
 * priority ordered and threaded through the TCBs' scheduler links; this module keeps the state
 * in step (queue non-empty iff Waiting; badge pending iff Active) and checks it (Q13).
 */
public final class Notifications extends KernelModule {
    public Notifications(Kernel k) {
        super(k);
    }

    /**
     * Signals {@code ntfnPtr} with {@code badge}: wakes the first waiter, or the bound thread if
     * it is blocked in a receive (its IPC is cancelled), giving it the badge; otherwise the badge
     * is accumulated (bitwise OR) until someone waits.
     */
    public void sendSignal(Notification ntfnPtr, long badge) {
        switch (ntfnPtr.state) {
            case Idle: {
                Tcb tcb = ntfnPtr.ntfnBoundTCB;
                // A bound thread that waits for a reply (inside a Call) is not woken: the signal
                // stays pending until it receives again.
                if (tcb != null && tcb.tcbState.tsType() == ThreadStateType.BlockedOnReceive) {
                    k.endpoints.cancelIPC(tcb);
                    k.thread.setThreadState(tcb, ThreadState.Running);
                    setRegister(tcb, badgeRegister, badge);
                    maybeDonateAndSwitchTo(tcb, ntfnPtr);
                } else {
                    ntfn_set_active(ntfnPtr, badge);
                }
                break;
            }
            case Waiting: {
                Tcb dest = ntfnPtr.queue.head;
                assertion(dest != null, "Q13 waiting notification has a non-empty queue", null);
                if (dest == null) {
                    return;
                }
                tcbNTFNDequeue(dest, ntfnPtr);
                k.thread.setThreadState(dest, ThreadState.Running);
                setRegister(dest, badgeRegister, badge);
                maybeDonateAndSwitchTo(dest, ntfnPtr);
                break;
            }
            case Active:
                ntfnPtr.ntfnMsgIdentifier |= badge;
                break;
            default:
                break;
        }
        assertNtfnValid(ntfnPtr, null);
    }

    /**
     * Waits on the notification of {@code cap}: takes a pending badge at once (and the
     * notification's SC if the thread is passive), else blocks (giving back a notification SC it
     * runs on) or, when polling, returns badge 0.
     */
    public void receiveSignal(Tcb thread, Cap cap, boolean isBlocking) {
        if (!(cap instanceof NotificationCap ntfnCap)) {
            fail("receiveSignal: invalid cap");
            return;
        }
        Notification ntfnPtr = ntfnCap.ntfn();
        assertion(thread.tcbState.isRunnable(), "receiveSignal receiver active", thread);
        assertion(thread.tcbSchedNext == null && thread.tcbSchedPrev == null && !thread.tcbQueued
                        && !thread.tcbInReleaseQueue,
                "Q11 receiveSignal receiver not sched-linked", thread);
        switch (ntfnPtr.state) {
            case Idle:
            case Waiting:
                if (isBlocking) {
                    k.thread.setThreadState(thread, ThreadState.BlockedOnNotification(ntfnPtr));
                    k.tcbQueues.tcbEPAppend(thread, ntfnPtr.queue);
                    ntfnPtr.state = NtfnState.Waiting;
                    maybeReturnSchedContext(ntfnPtr, thread);
                } else {
                    k.ipc.doNBRecvFailedTransfer(thread);
                }
                break;
            case Active:
                setRegister(thread, badgeRegister, ntfnPtr.ntfnMsgIdentifier);
                ntfn_set_idle(ntfnPtr);
                maybeDonateSchedContext(thread, ntfnPtr);
                // With ReplyRecv / NBSendRecv the SC may just have been donated to the current
                // thread from the notification, so it can still need its refills unblocked.
                SchedContext sc = thread.tcbSchedContext;
                if (sc != null && sc != ks.ksCurSC && k.refills.sc_sporadic(sc)) {
                    k.refills.refill_unblock_check(sc);
                }
                break;
            default:
                break;
        }
        assertNtfnValid(ntfnPtr, thread);
    }

    /** Takes a thread waiting on {@code ntfnPtr} off the queue; it becomes Inactive. */
    public void cancelSignal(Tcb threadPtr, Notification ntfnPtr) {
        assertion(ntfnPtr.state == NtfnState.Waiting, "cancelSignal notification waiting", threadPtr);
        tcbNTFNDequeue(threadPtr, ntfnPtr);
        k.thread.setThreadState(threadPtr, ThreadState.Inactive);
        assertNtfnValid(ntfnPtr, threadPtr);
    }

    /** Notification deleted: every waiting thread restarts its wait (re-executes the syscall). */
    public void cancelAllSignals(Notification ntfnPtr) {
        if (ntfnPtr.state != NtfnState.Waiting) {
            return;
        }
        Tcb next;
        for (Tcb thread = ntfnPtr.queue.head; thread != null; thread = next) {
            next = thread.tcbSchedNext;
            removeAndRestartNTFNQueuedThread(thread, ntfnPtr);
        }
        assertion(ntfnPtr.state == NtfnState.Idle, "Q13 cancelAllSignals notification now idle", null);
        assertNtfnValid(ntfnPtr, null);
        k.sched.rescheduleRequired();
    }

    /**
     * Delivers the pending badge of an Active notification to its bound thread {@code tcb}
     * (which is about to receive on an endpoint) and lends the notification's SC if it has none.
     */
    public void completeSignal(Notification ntfnPtr, Tcb tcb) {
        if (tcb == null || ntfnPtr.state != NtfnState.Active) {
            fail("tried to complete signal with inactive notification object");
            return;
        }
        setRegister(tcb, badgeRegister, ntfnPtr.ntfnMsgIdentifier);
        ntfn_set_idle(ntfnPtr);
        maybeDonateSchedContext(tcb, ntfnPtr);
        SchedContext sc = tcb.tcbSchedContext;
        // Only an SC just lent by the notification needs its refills unblocked.
        if (sc != null && k.refills.sc_sporadic(sc) && sc == ntfnPtr.ntfnSchedContext && sc != ks.ksCurSC) {
            k.refills.refill_unblock_check(sc);
        }
        assertNtfnValid(ntfnPtr, tcb);
    }

    /** Binds {@code ntfnPtr} to {@code tcb}: signals then also wake the thread from an endpoint receive. */
    public void bindNotification(Tcb tcb, Notification ntfnPtr) {
        ntfnPtr.ntfnBoundTCB = tcb;
        tcb.tcbBoundNotification = ntfnPtr;
    }

    /** Unbinds the thread's notification, if any. */
    public void unbindNotification(Tcb tcb) {
        Notification ntfnPtr = tcb.tcbBoundNotification;
        if (ntfnPtr != null) {
            doUnbindNotification(ntfnPtr, tcb);
        }
    }

    /** Unbinds the notification's thread, if any. */
    public void unbindMaybeNotification(Notification ntfnPtr) {
        Tcb boundTCB = ntfnPtr.ntfnBoundTCB;
        if (boundTCB != null) {
            doUnbindNotification(ntfnPtr, boundTCB);
        }
    }

    /** Re-sorts {@code thread} in the notification queue after its priority changed. */
    public void reorderNTFN(Notification ntfnPtr, Tcb thread) {
        k.tcbQueues.tcbEPDequeue(thread, ntfnPtr.queue);
        k.tcbQueues.tcbEPAppend(thread, ntfnPtr.queue);
        assertNtfnValid(ntfnPtr, thread);
    }

    /**
     * Lends the notification's SC to a passive {@code tcb} woken by it, unless the SC is already
     * in use by another thread, and resumes the SC (postponing it if its budget is not ready).
     */
    public void maybeDonateSchedContext(Tcb tcb, Notification ntfnPtr) {
        if (tcb.tcbSchedContext == null) {
            SchedContext sc = ntfnPtr.ntfnSchedContext;
            if (sc != null && sc.scTcb == null) {
                k.schedContexts.schedContext_donate(sc, tcb);
                k.schedContexts.schedContext_resume(sc);
            }
        }
    }

    /**
     * Takes the notification's SC back from {@code tcb} when it blocks again, so that the thread
     * waits passively; the current thread then has to stop running.
     */
    public void maybeReturnSchedContext(Notification ntfnPtr, Tcb tcb) {
        SchedContext sc = ntfnPtr.ntfnSchedContext;
        if (sc != null && sc == tcb.tcbSchedContext) {
            tcb.tcbSchedContext = null;
            sc.scTcb = null;
            if (tcb == ks.ksCurThread) {
                k.sched.rescheduleRequired();
            }
        }
    }

    /** Invoking a notification cap signals it with the cap's badge. */
    public ExceptionT performInvocation_Notification(Notification ntfn, long badge) {
        sendSignal(ntfn, badge);
        return ExceptionT.EXCEPTION_NONE;
    }

    // ---- helpers ----

    /**
     * The MCS tail of waking a thread by a signal (C's MCS_DO_IF_SC and the sporadic check):
     * lend it the notification's SC if it is passive, switch to it if it can run now, and
     * unblock the refills of a sporadic SC it holds.
     */
    private void maybeDonateAndSwitchTo(Tcb tcb, Notification ntfnPtr) {
        maybeDonateSchedContext(tcb, ntfnPtr);
        if (k.thread.isSchedulable(tcb)) {
            k.sched.possibleSwitchTo(tcb);
        }
        SchedContext sc = tcb.tcbSchedContext;
        if (sc != null && k.refills.sc_sporadic(sc)) {
            assertion(sc != ks.ksCurSC, "woken thread's sporadic SC is not the current SC", tcb);
            if (sc != ks.ksCurSC) {
                k.refills.refill_unblock_check(sc);
            }
        }
    }

    private void removeAndRestartNTFNQueuedThread(Tcb thread, Notification ntfnPtr) {
        assertion(thread.tcbState.tsType() == ThreadStateType.BlockedOnNotification,
                "Q13 notification queue member blocked on notification", thread);
        tcbNTFNDequeue(thread, ntfnPtr);
        k.thread.setThreadState(thread, ThreadState.Restart);
        SchedContext sc = thread.tcbSchedContext;
        if (sc != null && k.refills.sc_sporadic(sc)) {
            assertion(sc != ks.ksCurSC, "restarted thread's sporadic SC is not the current SC", thread);
            if (sc != ks.ksCurSC) {
                k.refills.refill_unblock_check(sc);
            }
        }
        k.sched.possibleSwitchTo(thread);
    }

    /** Removal from the notification queue; an emptied notification becomes Idle. */
    private void tcbNTFNDequeue(Tcb thread, Notification ntfnPtr) {
        k.tcbQueues.tcbEPDequeue(thread, ntfnPtr.queue);
        if (ntfnPtr.queue.isEmpty()) {
            ntfnPtr.state = NtfnState.Idle;
        }
    }

    private static void ntfn_set_active(Notification ntfnPtr, long badge) {
        ntfnPtr.state = NtfnState.Active;
        ntfnPtr.ntfnMsgIdentifier = badge;
    }

    /** Back to Idle; the delivered badge is cleared (Haskell: no message identifier). */
    private static void ntfn_set_idle(Notification ntfnPtr) {
        ntfnPtr.state = NtfnState.Idle;
        ntfnPtr.ntfnMsgIdentifier = 0;
    }

    private static void doUnbindNotification(Notification ntfnPtr, Tcb tcbptr) {
        ntfnPtr.ntfnBoundTCB = null;
        tcbptr.tcbBoundNotification = null;
    }

    /** Q13 for a notification: well-formed queue of its waiters, non-empty iff Waiting. */
    private void assertNtfnValid(Notification ntfnPtr, Tcb thread) {
        if (!config.checks()) {
            return;
        }
        String defect;
        if (ntfnPtr.queue.isEmpty() == (ntfnPtr.state == NtfnState.Waiting)) {
            defect = ntfnPtr + " is " + ntfnPtr.state + " with "
                    + (ntfnPtr.queue.isEmpty() ? "an empty" : "a non-empty") + " queue";
        } else {
            defect = Endpoints.tcbQueueDefect(ntfnPtr.queue,
                    t -> t.tcbState.tsType() == ThreadStateType.BlockedOnNotification
                            && t.tcbState.blockingNotification() == ntfnPtr);
        }
        if (defect != null) {
            k.invariants.violated("Q13 notification queue well formed", thread, defect);
        }
    }
}
