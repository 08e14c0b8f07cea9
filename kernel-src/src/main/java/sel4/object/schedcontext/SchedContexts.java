package sel4.object.schedcontext;

import static sel4.api.MessageInfo.seL4_MessageInfo_new;
import static sel4.api.MessageInfo.wordFromMessageInfo;
import static sel4.machine.Registers.msgInfoRegister;

import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.SyscallError;
import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.object.cap.Cap;
import sel4.object.cap.CapTag;
import sel4.object.cap.NotificationCap;
import sel4.object.cap.SchedContextCap;
import sel4.object.cap.ThreadCap;
import sel4.object.cnode.Cte;
import sel4.object.frame.IpcBuffer;
import sel4.object.notification.Notification;
import sel4.object.reply.Reply;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;

/**
 * Models seL4's src/object/schedcontext.c (Haskell Object/SchedContext): binding, donation,
 * yield and the SchedContext invocations. The data-returning invocations (Consumed, YieldTo) and
 * the deferred YieldTo completion are in their legacy form (LEGACY-REPLY-BUGS §A6 rows 9-11,
 * seL4 before 90dafb2e7): {@link #setConsumed} writes the consumed time into the current thread's
 * registers through whatever buffer it is given, the invoke functions leave the decoder's Restart
 * in place, and no call flag is consulted. Everything else is conforming seL4 behaviour.
 */
public final class SchedContexts extends KernelModule {
    /**
     * getMaxTicksToUs: the largest tick count whose conversion to µs cannot overflow. With one
     * tick per µs every 64-bit count converts, so this is UINT64_MAX.
     */
    private static final long maxTicksToUs = 0xFFFF_FFFF_FFFF_FFFFL;

    public SchedContexts(Kernel k) {
        super(k);
    }

    // ---- binding ----

    /**
     * Binds an SC to a thread that has none. A sporadic SC that was not in use gets its unblock
     * check; an SC without available budget sends the thread to the release queue; otherwise a
     * schedulable thread is queued and a reschedule is requested.
     */
    public void schedContext_bindTCB(SchedContext sc, Tcb tcb) {
        tcb.tcbSchedContext = sc;
        sc.scTcb = tcb;

        if (k.refills.sc_sporadic(sc) && k.refills.sc_active(sc) && sc != ks.ksCurSC) {
            k.refills.refill_unblock_check(sc);
        }
        schedContext_resume(sc);
        if (k.thread.isSchedulable(tcb)) {
            k.tcbQueues.tcbSchedEnqueue(tcb);
            k.sched.rescheduleRequired();
        }
    }

    /** Takes the SC away from its thread, which leaves every scheduler queue. */
    public void schedContext_unbindTCB(SchedContext sc, Tcb tcb) {
        assertion(sc.scTcb == tcb, "schedContext_unbindTCB: SC bound to the thread", tcb);
        if (sc.scTcb == null) {
            return;
        }
        if (tcb == ks.ksCurThread) {
            k.sched.rescheduleRequired();
        }
        k.tcbQueues.tcbSchedDequeue(sc.scTcb);
        k.tcbQueues.tcbReleaseRemove(sc.scTcb);
        sc.scTcb.tcbSchedContext = null;
        sc.scTcb = null;
    }

    public void schedContext_unbindAllTCBs(SchedContext sc) {
        if (sc.scTcb != null) {
            schedContext_unbindTCB(sc, sc.scTcb);
        }
    }

    /**
     * Passes an SC to {@code to} (IPC donation). The previous holder loses it and leaves the ready
     * and release queues; if it was running or about to run, a new choice is needed. The receiver
     * is not queued here: the IPC path decides whether it runs.
     */
    public void schedContext_donate(SchedContext sc, Tcb to) {
        Tcb from = sc.scTcb;
        if (from != null) {
            k.tcbQueues.tcbSchedDequeue(from);
            k.tcbQueues.tcbReleaseRemove(from);
            from.tcbSchedContext = null;
            if (from == ks.ksCurThread || ks.ksSchedulerAction.isSwitchTo(from)) {
                k.sched.rescheduleRequired();
            }
        }
        sc.scTcb = to;
        to.tcbSchedContext = sc;
    }

    /**
     * Keeps the invariant "a schedulable thread's head refill is ready and sufficient": if it is
     * not, the thread waits in the release queue.
     */
    public void schedContext_resume(SchedContext sc) {
        if (sc != null && sc.scTcb != null && k.thread.isSchedulable(sc.scTcb)) {
            if (!(k.refills.refill_ready(sc) && k.refills.refill_sufficient(sc, 0))) {
                k.budget.postpone(sc);
            }
        }
    }

    public void schedContext_bindNtfn(SchedContext sc, Notification ntfn) {
        ntfn.ntfnSchedContext = sc;
        sc.scNotification = ntfn;
    }

    public void schedContext_unbindNtfn(SchedContext sc) {
        if (sc != null && sc.scNotification != null) {
            sc.scNotification.ntfnSchedContext = null;
            sc.scNotification = null;
        }
    }

    /** Detaches the reply object at the top of the SC's call stack (the SC stops heading it). */
    public void schedContext_unbindReply(SchedContext sc) {
        if (sc != null && sc.scReply != null) {
            Reply reply = sc.scReply;
            assertion(reply.replyHeadSc == sc, "schedContext_unbindReply: reply heads the SC's call stack",
                    reply.replyTCB);
            reply.replyHeadSc = null;
            reply.replyNext = null;
            sc.scReply = null;
        }
    }

    /** A thread that yielded to this SC gets its deferred YieldTo answer now (SC finalisation). */
    public void schedContext_unbindYieldFrom(SchedContext sc) {
        if (sc != null && sc.scYieldFrom != null) {
            schedContext_completeYieldTo(sc.scYieldFrom);
        }
    }

    // ---- consumed time and yield ----

    /** Returns the time consumed since the last report, in µs, and resets the counter. */
    public long schedContext_updateConsumed(SchedContext sc) {
        long consumed = sc.scConsumed;
        if (Long.compareUnsigned(consumed, maxTicksToUs) >= 0) {
            sc.scConsumed -= maxTicksToUs;
            return config.ticksToUs(maxTicksToUs);
        } else {
            sc.scConsumed = 0;
            return config.ticksToUs(consumed);
        }
    }

    public void schedContext_cancelYieldTo(Tcb tcb) {
        if (tcb != null && tcb.tcbYieldTo != null) {
            tcb.tcbYieldTo.scYieldFrom = null;
            tcb.tcbYieldTo = null;
        }
    }

    /**
     * Legacy form (codes T B G): answers a deferred YieldTo with the consumed time of the SC the
     * yielder yielded to. The buffer is looked up for the yielder, but setConsumed writes the
     * registers of the current thread, which is the yielder only when called from activateThread.
     */
    public void schedContext_completeYieldTo(Tcb yielder) {
        if (yielder != null && yielder.tcbYieldTo != null) {
            setConsumed(yielder.tcbYieldTo, k.arch.lookupIPCBuffer(true, yielder));
            schedContext_cancelYieldTo(yielder);
        }
    }

    /**
     * Legacy reply writer: the consumed time goes into the current thread's message registers
     * (through {@code buffer} beyond them) and msgInfo gets length = words written; the badge is
     * not written and nothing says whether the invocation was a Call.
     */
    public void setConsumed(SchedContext sc, IpcBuffer buffer) {
        long consumed = schedContext_updateConsumed(sc);
        int length = mode_setTimeArg(0, consumed, buffer, ks.ksCurThread);
        setRegister(ks.ksCurThread, msgInfoRegister, wordFromMessageInfo(seL4_MessageInfo_new(0, 0, 0, length)));
    }

    // ---- invocations ----

    /**
     * Decodes a SchedContext invocation. The first-phase restriction of two-phase system calls is
     * applied by the dispatcher. Consumed has no arguments; Bind / UnbindObject take their object
     * as the first extra cap; Unbind is refused for the current thread's own SC.
     */
    public ExceptionT decodeSchedContextInvocation(long label, Cap cap, IpcBuffer buffer) {
        if (!(cap instanceof SchedContextCap scCap)) {
            return syscallError(SyscallError.invalidCapability(0));
        }
        SchedContext sc = scCap.sc();

        switch (InvocationLabel.genInvocationType(label)) {
            case SchedContextConsumed:
                k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
                return invokeSchedContext_Consumed(sc, buffer);
            case SchedContextBind:
                return decodeSchedContext_Bind(sc);
            case SchedContextUnbindObject:
                return decodeSchedContext_UnbindObject(sc);
            case SchedContextUnbind:
                if (sc.scTcb == ks.ksCurThread) {
                    return syscallError(SyscallError.illegalOperation());
                }
                k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
                return invokeSchedContext_Unbind(sc);
            case SchedContextYieldTo:
                return decodeSchedContext_YieldTo(sc, buffer);
            default:
                return syscallError(SyscallError.illegalOperation());
        }
    }

    /** Legacy form (codes C G B R~): the reply is written and ct stays in the decoder's Restart. */
    public ExceptionT invokeSchedContext_Consumed(SchedContext sc, IpcBuffer buffer) {
        setConsumed(sc, buffer);
        return ExceptionT.EXCEPTION_NONE;
    }

    /** The extra cap of the invocation, or null when the caller passed none. */
    private Cap firstExtraCap() {
        Cte slot = ks.current_extra_caps[0];
        return slot == null ? null : slot.cap;
    }

    /**
     * Bind checks: a thread target must have no SC, the SC no thread, and a blocked thread only
     * gets an SC whose budget is released (binding could otherwise leave it waiting for a
     * release while blocked, seL4 8df3c4cd0); a notification target must have no SC and the SC no
     * notification.
     */
    public ExceptionT decodeSchedContext_Bind(SchedContext sc) {
        Cap cap = firstExtraCap();
        if (cap == null) {
            return syscallError(SyscallError.truncatedMessage());
        }
        switch (cap.capType()) {
            case cap_thread_cap: {
                Tcb tcb = ((ThreadCap) cap).tcb();
                if (sc.scTcb != null) {
                    return syscallError(SyscallError.illegalOperation());
                }
                if (tcb.tcbSchedContext != null) {
                    return syscallError(SyscallError.illegalOperation());
                }
                if (k.thread.isBlocked(tcb) && !k.refills.sc_released(sc)) {
                    return syscallError(SyscallError.illegalOperation());
                }
                break;
            }
            case cap_notification_cap: {
                Notification ntfn = ((NotificationCap) cap).ntfn();
                if (sc.scNotification != null) {
                    return syscallError(SyscallError.illegalOperation());
                }
                if (ntfn.ntfnSchedContext != null) {
                    return syscallError(SyscallError.illegalOperation());
                }
                break;
            }
            default:
                return syscallError(SyscallError.invalidCapability(1));
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeSchedContext_Bind(sc, cap);
    }

    public ExceptionT invokeSchedContext_Bind(SchedContext sc, Cap cap) {
        switch (cap.capType()) {
            case cap_thread_cap:
                schedContext_bindTCB(sc, ((ThreadCap) cap).tcb());
                break;
            case cap_notification_cap:
                schedContext_bindNtfn(sc, ((NotificationCap) cap).ntfn());
                break;
            default:
                fail("invalid cap type");
        }
        return ExceptionT.EXCEPTION_NONE;
    }

    /** Unbinds the SC from everything: its thread, its notification and its call stack. */
    public ExceptionT invokeSchedContext_Unbind(SchedContext sc) {
        schedContext_unbindAllTCBs(sc);
        schedContext_unbindNtfn(sc);
        schedContext_unbindReply(sc);
        return ExceptionT.EXCEPTION_NONE;
    }

    /**
     * UnbindObject checks: the object must be the one bound to this SC, and the current thread
     * cannot take its own SC away.
     */
    public ExceptionT decodeSchedContext_UnbindObject(SchedContext sc) {
        Cap cap = firstExtraCap();
        if (cap == null) {
            return syscallError(SyscallError.truncatedMessage());
        }
        switch (cap.capType()) {
            case cap_thread_cap:
                if (sc.scTcb != ((ThreadCap) cap).tcb()) {
                    return syscallError(SyscallError.illegalOperation());
                }
                if (sc.scTcb == ks.ksCurThread) {
                    return syscallError(SyscallError.illegalOperation());
                }
                break;
            case cap_notification_cap:
                if (sc.scNotification != ((NotificationCap) cap).ntfn()) {
                    return syscallError(SyscallError.illegalOperation());
                }
                break;
            default:
                return syscallError(SyscallError.invalidCapability(1));
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeSchedContext_UnbindObject(sc, cap);
    }

    public ExceptionT invokeSchedContext_UnbindObject(SchedContext sc, Cap cap) {
        if (cap.capType() == CapTag.cap_thread_cap) {
            schedContext_unbindTCB(sc, sc.scTcb);
        } else if (cap.capType() == CapTag.cap_notification_cap) {
            schedContext_unbindNtfn(sc);
        } else {
            fail("invalid cap type");
        }
        return ExceptionT.EXCEPTION_NONE;
    }

    /**
     * YieldTo checks: the SC must have a thread, not the caller itself, whose priority the caller
     * could have assigned (≤ its MCP), and the caller must not have a yield pending.
     */
    public ExceptionT decodeSchedContext_YieldTo(SchedContext sc, IpcBuffer buffer) {
        if (sc.scTcb == null) {
            return syscallError(SyscallError.illegalOperation());
        }
        if (sc.scTcb == ks.ksCurThread) {
            return syscallError(SyscallError.illegalOperation());
        }
        if (sc.scTcb.tcbPriority > ks.ksCurThread.tcbMCP) {
            return syscallError(SyscallError.illegalOperation());
        }
        if (ks.ksCurThread.tcbYieldTo != null) {
            return syscallError(SyscallError.illegalOperation());
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeSchedContext_YieldTo(sc, buffer);
    }

    /**
     * Legacy form: yields the rest of the caller's timeslice to the SC's thread. A lower-priority
     * target is only moved to the front of its queue and the caller gets its answer now; a target
     * of equal or higher priority runs first and the caller's answer is deferred until it runs
     * again (activateThread → schedContext_completeYieldTo); a target that cannot run answers now.
     * "Answer now" writes the consumed time with ct left in Restart (codes C G B R~).
     */
    public ExceptionT invokeSchedContext_YieldTo(SchedContext sc, IpcBuffer buffer) {
        if (sc.scYieldFrom != null) {
            schedContext_completeYieldTo(sc.scYieldFrom);
        }

        // From here on a schedulable target has a ready and sufficient head refill.
        schedContext_resume(sc);

        boolean return_now = true;
        if (k.thread.isSchedulable(sc.scTcb)) {
            if (sc.scTcb.tcbPriority < ks.ksCurThread.tcbPriority) {
                k.tcbQueues.tcbSchedDequeue(sc.scTcb);
                k.tcbQueues.tcbSchedEnqueue(sc.scTcb);
            } else {
                ks.ksCurThread.tcbYieldTo = sc;
                sc.scYieldFrom = ks.ksCurThread;
                k.tcbQueues.tcbSchedDequeue(sc.scTcb);
                k.tcbQueues.tcbSchedEnqueue(ks.ksCurThread);
                k.tcbQueues.tcbSchedEnqueue(sc.scTcb);
                k.sched.rescheduleRequired();
                // The target runs first; the caller is answered when it is scheduled again.
                return_now = false;
            }
        }

        if (return_now) {
            setConsumed(sc, buffer);
        }
        return ExceptionT.EXCEPTION_NONE;
    }
}
