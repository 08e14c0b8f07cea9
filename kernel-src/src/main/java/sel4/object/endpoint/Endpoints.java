package sel4.object.endpoint;

import static sel4.api.MessageInfo.seL4_MessageInfo_new;
import static sel4.api.MessageInfo.wordFromMessageInfo;
import static sel4.machine.Registers.badgeRegister;
import static sel4.machine.Registers.msgInfoRegister;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Predicate;
import sel4.api.ExceptionT;
import sel4.api.Fault;
import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.object.cap.Cap;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.ReplyCap;
import sel4.object.frame.IpcBuffer;
import sel4.object.notification.Notification;
import sel4.object.notification.NtfnState;
import sel4.object.reply.Reply;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.TcbQueue;
import sel4.object.tcb.ThreadState;
import sel4.object.tcb.ThreadStateType;

/**
 * Models seL4's src/object/endpoint.c (Haskell Object/Endpoint): synchronous IPC with MCS reply
 * objects and SC donation, cancellation, and the C kernel-reply helpers replyFromKernel_error /
 * replyFromKernel_success_empty.
 *
 * <p>The endpoint queue is priority ordered and threaded through the TCBs' scheduler links; the
 * list operations are {@code k.tcbQueues.tcbEPAppend/tcbEPDequeue}, and this module keeps the
 * endpoint state in step with the queue (C's MCS tcbEPAppend / tcbEPDequeue wrappers): the
 * queue is non-empty exactly when the state is not Idle. The Q13 assertion (KERNEL-REFERENCE
 * §10) checks the queue after every change made here.
 */
public final class Endpoints extends KernelModule {
    public Endpoints(Kernel k) {
        super(k);
    }

    /**
     * Sends a message (or {@code thread}'s pending fault) on {@code epptr}. With a receiver
     * waiting the transfer happens at once; a call (or a fault) then blocks the sender on the
     * receiver's reply object, possibly donating the sender's SC; a plain send may donate the SC
     * to a passive receiver. Without a receiver a blocking sender queues on the endpoint and a
     * non-blocking send is dropped.
     */
    public void sendIPC(boolean blocking, boolean do_call, long badge, boolean canGrant, boolean canGrantReply,
                        boolean canDonate, Tcb thread, Endpoint epptr) {
        assertion(thread.tcbState.isRunnable(), "sendIPC sender active", thread);
        assertion(!canDonate || thread.tcbSchedContext != null, "sendIPC canDonate implies sender has an SC", thread);
        switch (epptr.state) {
            case Idle:
            case Send:
                if (blocking) {
                    k.thread.setThreadState(thread,
                            ThreadState.BlockedOnSend(epptr, badge, canGrant, canGrantReply, do_call));
                    tcbEPAppend(thread, epptr, EPState.Send);
                }
                break;
            case Recv: {
                Tcb dest = epptr.queue.head;
                if (dest == null) {
                    assertEPQueueValid(epptr, thread);
                    return;
                }
                assertion(dest != thread, "sendIPC receiver is not the sender", thread);
                assertion(!dest.tcbQueued && !dest.tcbInReleaseQueue, "sendIPC receiver in no scheduler queue", dest);
                assertion(!ks.ksSchedulerAction.isSwitchTo(dest), "sendIPC receiver not the SwitchToThread target",
                        dest);
                tcbEPDequeue(dest, epptr);

                k.ipc.doIPCTransfer(thread, epptr, badge, canGrant, dest);

                Reply reply = dest.tcbState.replyObject();
                if (reply != null) {
                    k.replies.reply_unlink(reply, dest);
                }
                if (do_call || thread.tcbFault != null) {
                    if (reply != null && (canGrant || canGrantReply)) {
                        k.replies.reply_push(thread, dest, reply, canDonate);
                    } else {
                        k.thread.setThreadState(thread, ThreadState.Inactive);
                    }
                } else if (canDonate && dest.tcbSchedContext == null && thread.tcbSchedContext != null) {
                    k.schedContexts.schedContext_donate(thread.tcbSchedContext, dest);
                }

                k.thread.setThreadState(dest, ThreadState.Running);
                SchedContext dest_sc = dest.tcbSchedContext;
                // A condition here, not an assertion as on the other unblock paths: a call to a
                // passive receiver has just donated the caller's SC, which is the current SC.
                if (dest_sc != null && k.refills.sc_sporadic(dest_sc) && dest_sc != ks.ksCurSC) {
                    k.refills.refill_unblock_check(dest_sc);
                }
                k.sched.possibleSwitchTo(dest);
                break;
            }
            default:
                break;
        }
        assertEPQueueValid(epptr, thread);
    }

    /**
     * Receives on the endpoint of {@code cap}, offering the reply object of {@code replyCap} (a
     * reply cap or the null cap). A pending signal on the bound notification wins. With a sender
     * waiting the transfer happens at once and a calling (or faulting) sender blocks on the
     * reply object; otherwise a blocking receiver queues and a polling one gets badge 0.
     */
    public void receiveIPC(Tcb thread, Cap cap, boolean isBlocking, Cap replyCap) {
        if (!(cap instanceof EndpointCap epCap)) {
            fail("receiveIPC: invalid cap");
            return;
        }
        Endpoint epptr = epCap.ep();
        assertion(thread.tcbState.isRunnable(), "receiveIPC receiver active", thread);

        Reply replyPtr = null;
        if (replyCap instanceof ReplyCap rc) {
            replyPtr = rc.reply();
            Tcb reply_tcb = replyPtr.replyTCB;
            if (reply_tcb != null && reply_tcb != thread) {
                // The reply object still holds an unanswered call (or another receiver offered
                // it): that operation is cancelled, so the reply object is free again.
                cancelIPC(reply_tcb);
            }
        }

        Notification ntfnPtr = thread.tcbBoundNotification;
        if (ntfnPtr != null && ntfnPtr.state == NtfnState.Active) {
            k.notifications.completeSignal(ntfnPtr, thread);
            return;
        }
        // A blocking receiver running on its notification's SC gives it back, so that it waits
        // passively and can receive a client's SC.
        if (ntfnPtr != null && isBlocking) {
            k.notifications.maybeReturnSchedContext(ntfnPtr, thread);
        }

        switch (epptr.state) {
            case Idle:
            case Recv:
                if (isBlocking) {
                    k.thread.setThreadState(thread, ThreadState.BlockedOnReceive(epptr, false, replyPtr));
                    if (replyPtr != null) {
                        replyPtr.replyTCB = thread;
                    }
                    tcbEPAppend(thread, epptr, EPState.Recv);
                } else {
                    k.ipc.doNBRecvFailedTransfer(thread);
                }
                break;
            case Send: {
                Tcb sender = epptr.queue.head;
                if (sender == null) {
                    break;
                }
                tcbEPDequeue(sender, epptr);
                ThreadState senderState = sender.tcbState;
                assertion(senderState.tsType() == ThreadStateType.BlockedOnSend,
                        "receiveIPC sender blocked on send", sender);
                long badge = senderState.blockingIPCBadge();
                boolean canGrant = senderState.blockingIPCCanGrant();
                boolean canGrantReply = senderState.blockingIPCCanGrantReply();

                k.ipc.doIPCTransfer(sender, epptr, badge, canGrant, thread);

                boolean do_call = senderState.blockingIPCIsCall();
                unblockCheckIfSporadic(sender, sender.tcbSchedContext);

                if (do_call || sender.tcbFault != null) {
                    if ((canGrant || canGrantReply) && replyPtr != null) {
                        // A thread that ran out of budget must not hand its empty SC on.
                        boolean canDonate = sender.tcbSchedContext != null
                                && !(sender.tcbFault instanceof Fault.Timeout);
                        k.replies.reply_push(sender, thread, replyPtr, canDonate);
                    } else {
                        k.thread.setThreadState(sender, ThreadState.Inactive);
                    }
                } else {
                    k.thread.setThreadState(sender, ThreadState.Running);
                    k.sched.possibleSwitchTo(sender);
                }
                break;
            }
            default:
                break;
        }
        assertEPQueueValid(epptr, thread);
    }

    /**
     * Aborts whatever IPC {@code tptr} is blocked in and clears its pending fault: an endpoint
     * wait leaves the queue (and releases the offered reply object), a notification wait is
     * cancelled, and a caller waiting for a reply is taken off the call stack.
     */
    public void cancelIPC(Tcb tptr) {
        ThreadState state = tptr.tcbState;
        tptr.tcbFault = null;
        switch (state.tsType()) {
            case BlockedOnSend:
            case BlockedOnReceive: {
                Endpoint epptr = state.blockingEndpoint();
                assertion(epptr.state != EPState.Idle, "cancelIPC endpoint not idle", tptr);
                tcbEPDequeue(tptr, epptr);
                if (state.tsType() == ThreadStateType.BlockedOnReceive && state.replyObject() != null) {
                    k.replies.reply_unlink(state.replyObject(), tptr);
                }
                k.thread.setThreadState(tptr, ThreadState.Inactive);
                assertEPQueueValid(epptr, tptr);
                break;
            }
            case BlockedOnNotification:
                k.notifications.cancelSignal(tptr, state.blockingNotification());
                break;
            case BlockedOnReply:
                k.replies.reply_remove_tcb(tptr);
                break;
            default:
                break;
        }
    }

    /** Endpoint deleted: every waiting thread is restarted (or stopped if it has a pending fault). */
    public void cancelAllIPC(Endpoint epptr) {
        if (epptr.state == EPState.Idle) {
            return;
        }
        Tcb next;
        for (Tcb thread = epptr.queue.head; thread != null; thread = next) {
            next = thread.tcbSchedNext;
            removeAndRestartEPQueuedThread(thread, epptr);
        }
        assertion(epptr.state == EPState.Idle, "Q13 cancelAllIPC endpoint now idle", null);
        assertEPQueueValid(epptr, null);
        k.sched.rescheduleRequired();
    }

    /** Badged cap revoked: every sender that used {@code badge} is restarted; receivers stay. */
    public void cancelBadgedSends(Endpoint epptr, long badge) {
        if (epptr.state != EPState.Send) {
            return;
        }
        Tcb next;
        for (Tcb thread = epptr.queue.head; thread != null; thread = next) {
            next = thread.tcbSchedNext;
            removeAndRestartBadgedThread(thread, epptr, badge);
        }
        assertEPQueueValid(epptr, null);
        k.sched.rescheduleRequired();
    }

    /** Re-sorts {@code thread} in the endpoint queue after its priority changed. */
    public void reorderEP(Endpoint epptr, Tcb thread) {
        TcbQueue queue = epptr.queue;
        k.tcbQueues.tcbEPDequeue(thread, queue);
        k.tcbQueues.tcbEPAppend(thread, queue);
        assertEPQueueValid(epptr, thread);
    }

    /**
     * Error reply of a failed invocation (KERNEL-REFERENCE §6.2): the error words of
     * {@code ks.current_syscall_error}, label = error number, badge 0. Written through the
     * thread's own buffer looked up with write authority.
     */
    public void replyFromKernel_error(Tcb thread) {
        IpcBuffer ipcBuffer = k.arch.lookupIPCBuffer(true, thread);
        setRegister(thread, badgeRegister, 0);
        int len = k.faults.setMRs_syscall_error(thread, ipcBuffer);
        setRegister(thread, msgInfoRegister,
                wordFromMessageInfo(seL4_MessageInfo_new(ks.current_syscall_error.type(), 0, 0, len)));
    }

    /** Empty success reply: badge 0 and an all-zero message info; no message register is touched. */
    public void replyFromKernel_success_empty(Tcb thread) {
        setRegister(thread, badgeRegister, 0);
        setRegister(thread, msgInfoRegister, wordFromMessageInfo(seL4_MessageInfo_new(0, 0, 0, 0)));
    }

    /** Invoking an endpoint cap: the current thread sends (or calls) with the cap's badge and rights. */
    public ExceptionT performInvocation_Endpoint(Endpoint ep, long badge, boolean canGrant, boolean canGrantReply,
                                                 boolean block, boolean call, boolean canDonate) {
        sendIPC(block, call, badge, canGrant, canGrantReply, canDonate, ks.ksCurThread, ep);
        return ExceptionT.EXCEPTION_NONE;
    }

    // ---- queue helpers (C MCS tcbEPAppend / tcbEPDequeue on an endpoint) ----

    /** Ordered insert into the endpoint queue, then the endpoint takes the given state. */
    private void tcbEPAppend(Tcb thread, Endpoint epptr, EPState ep_state) {
        k.tcbQueues.tcbEPAppend(thread, epptr.queue);
        epptr.state = ep_state;
    }

    /** Removal from the endpoint queue; an emptied endpoint becomes Idle. */
    private void tcbEPDequeue(Tcb thread, Endpoint epptr) {
        k.tcbQueues.tcbEPDequeue(thread, epptr.queue);
        if (epptr.queue.isEmpty()) {
            epptr.state = EPState.Idle;
        }
    }

    /**
     * A sporadic SC of a thread leaving a blocked state may have refills that became ready while
     * it was blocked: merge them now (refill_unblock_check). The current SC is charged elsewhere.
     */
    private void unblockCheckIfSporadic(Tcb thread, SchedContext sc) {
        if (sc != null && k.refills.sc_sporadic(sc)) {
            assertion(sc != ks.ksCurSC, "unblocked thread's sporadic SC is not the current SC", thread);
            if (sc != ks.ksCurSC) {
                k.refills.refill_unblock_check(sc);
            }
        }
    }

    /** Restarts a thread taken off a deleted endpoint, or stops it if it had a fault pending. */
    private void removeAndRestartEPQueuedThread(Tcb thread, Endpoint epptr) {
        tcbEPDequeue(thread, epptr);
        if (thread.tcbState.tsType() == ThreadStateType.BlockedOnReceive && thread.tcbState.replyObject() != null) {
            k.replies.reply_unlink(thread.tcbState.replyObject(), thread);
        }
        restart_thread_if_no_fault(thread);
    }

    private void removeAndRestartBadgedThread(Tcb thread, Endpoint epptr, long badge) {
        assertion(thread.tcbState.tsType() == ThreadStateType.BlockedOnSend,
                "Q13 cancelBadgedSends queue member blocked on send", thread);
        if (thread.tcbState.blockingIPCBadge() == badge) {
            tcbEPDequeue(thread, epptr);
            restart_thread_if_no_fault(thread);
        }
    }

    /**
     * A cancelled IPC is retried from the start (Restart), except a fault IPC: a faulting thread
     * cannot simply re-execute, so it stops.
     */
    private void restart_thread_if_no_fault(Tcb thread) {
        if (thread.tcbFault == null) {
            k.thread.setThreadState(thread, ThreadState.Restart);
            unblockCheckIfSporadic(thread, thread.tcbSchedContext);
            k.sched.possibleSwitchTo(thread);
        } else {
            k.thread.setThreadState(thread, ThreadState.Inactive);
        }
    }

    // ---- Q13 ----

    /** Q13 for an endpoint: well-formed queue of matching blocked threads, non-empty iff not Idle. */
    private void assertEPQueueValid(Endpoint epptr, Tcb thread) {
        if (!config.checks()) {
            return;
        }
        String defect;
        if (epptr.queue.isEmpty() != (epptr.state == EPState.Idle)) {
            defect = epptr + " is " + epptr.state + " with " + (epptr.queue.isEmpty() ? "an empty" : "a non-empty")
                    + " queue";
        } else {
            ThreadStateType expected = epptr.state == EPState.Send
                    ? ThreadStateType.BlockedOnSend : ThreadStateType.BlockedOnReceive;
            defect = tcbQueueDefect(epptr.queue,
                    t -> t.tcbState.tsType() == expected && t.tcbState.blockingEndpoint() == epptr);
        }
        if (defect != null) {
            k.invariants.violated("Q13 endpoint queue well formed", thread, defect);
        }
    }

    /**
     * Checks a TCB queue threaded through the scheduler links: head and end both set or both
     * empty, next/prev mutually inverse, no cycle, every member accepted by {@code member},
     * priorities non-increasing (exclusivity with the scheduler queues is Q11 / Q12). Returns
     * null if well formed, else what is wrong. Shared with the notification queues.
     */
    public static String tcbQueueDefect(TcbQueue queue, Predicate<Tcb> member) {
        if ((queue.head == null) != (queue.end == null)) {
            return "queue head and end disagree about emptiness";
        }
        if (queue.head == null) {
            return null;
        }
        if (queue.head.tcbSchedPrev != null) {
            return "queue head " + queue.head + " has a predecessor";
        }
        Map<Tcb, Boolean> seen = new IdentityHashMap<>();
        Tcb prev = null;
        for (Tcb t = queue.head; t != null; t = t.tcbSchedNext) {
            if (seen.put(t, Boolean.TRUE) != null) {
                return "queue links form a cycle at " + t;
            }
            if (t.tcbSchedPrev != prev) {
                return "prev link of " + t + " is not " + prev;
            }
            if (!member.test(t)) {
                return t + " in state " + t.tcbState + " does not belong to this queue";
            }
            if (prev != null && prev.tcbPriority < t.tcbPriority) {
                return "queue not sorted by priority at " + t;
            }
            prev = t;
        }
        return prev == queue.end ? null : "queue end is not the last member";
    }
}
