package sel4.object.reply;

import sel4.api.ExceptionT;
import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;
import sel4.object.tcb.ThreadStateType;

/**
 * Models seL4's MCS src/object/reply.c and include/object/reply.h (Haskell Object/Reply): reply
 * objects and the call stack they form on a scheduling context.
 *
 * <p>A call pushes the caller's reply object; if the caller's SC is donated to the callee, the
 * reply also goes onto that SC's call stack ({@code scReply} is the top, {@code replyPrev} points
 * to older entries), so that replying (or deleting a reply) hands the SC back to the right
 * thread. The Q18 assertions (KERNEL-REFERENCE §10) check the reply/TCB/SC links at each step.
 */
public final class Replies extends KernelModule {
    public Replies(Kernel k) {
        super(k);
    }

    /**
     * Links {@code reply} to the calling thread, blocks the caller on it, and donates the
     * caller's SC to the callee when the callee has none and donation is allowed.
     */
    public void reply_push(Tcb tcb_caller, Tcb tcb_callee, Reply reply, boolean canDonate) {
        SchedContext sc_donated = tcb_caller.tcbSchedContext;
        assertion(reply.replyTCB == null, "Q18 reply_push reply not linked to a TCB", tcb_caller);
        assertion(reply.replyPrev == null && reply.replyNext == null && reply.replyHeadSc == null,
                "Q18 reply_push reply not on a call stack", tcb_caller);
        assertion(isOneOf(tcb_caller, ThreadStateType.BlockedOnSend, ThreadStateType.Running, ThreadStateType.Restart),
                "Q18 reply_push caller blocked on send or active", tcb_caller);
        assertion(isOneOf(tcb_callee, ThreadStateType.Inactive, ThreadStateType.Running, ThreadStateType.Restart),
                "Q18 reply_push callee in a simple state", tcb_callee);
        assertion(tcb_caller.tcbSchedNext == null && tcb_caller.tcbSchedPrev == null && !tcb_caller.tcbQueued
                        && !tcb_caller.tcbInReleaseQueue,
                "Q11 reply_push caller not sched-linked", tcb_caller);

        reply.replyTCB = tcb_caller;
        k.thread.setThreadStateBlockedOnReply(tcb_caller, reply);

        if (sc_donated != null && tcb_callee.tcbSchedContext == null && canDonate) {
            bindScReply(sc_donated, reply);
            k.schedContexts.schedContext_donate(sc_donated, tcb_callee);
        }
    }

    /**
     * Pushes {@code reply} on top of {@code sc}'s call stack (Haskell bindScReply; inline in C's
     * reply_push): the old top becomes the reply's predecessor.
     */
    public void bindScReply(SchedContext sc, Reply reply) {
        Reply old_caller = sc.scReply;
        assertion(old_caller == null || old_caller.replyHeadSc == sc,
                "Q18 bindScReply old stack top heads this SC", reply.replyTCB);
        if (old_caller != null) {
            old_caller.replyHeadSc = null;
            old_caller.replyNext = reply;
        }
        reply.replyPrev = old_caller;
        sc.scReply = reply;
        reply.replyNext = null;
        reply.replyHeadSc = sc;
        assertion(reply.replyTCB != null && isBlockedOnReply(reply.replyTCB, reply),
                "Q18 bindScReply reply on an SC stack has its caller BlockedOnReply", reply.replyTCB);
    }

    /**
     * Pops {@code reply}, the top of its SC's call stack, and gives the SC back to the caller
     * {@code tcb} unless the caller has acquired another SC meanwhile; then unlinks the reply
     * (the caller becomes Inactive until the reply transfer sets its final state).
     */
    public void reply_pop(Reply reply, Tcb tcb) {
        assertReplyLinked(reply, tcb, "reply_pop");
        SchedContext sc = reply.replyHeadSc;
        assertion(sc != null, "Q18 reply_pop reply heads its call stack", tcb);
        Reply prev = reply.replyPrev;
        if (sc != null) {
            sc.scReply = prev;
        }
        if (prev != null) {
            prev.replyNext = null;
            prev.replyHeadSc = sc;
        }
        reply.replyNext = null;
        reply.replyHeadSc = null;
        if (tcb.tcbSchedContext == null && sc != null) {
            k.schedContexts.schedContext_donate(sc, tcb);
        }
        reply.replyPrev = null;
        reply_unlink(reply, tcb);
    }

    /**
     * Removes {@code reply} from its call stack: popped (SC returned) when it is the top,
     * otherwise cut out of the middle, which breaks the stack in two (the SC stays where it is).
     */
    public void reply_remove(Reply reply, Tcb tcb) {
        assertReplyLinked(reply, tcb, "reply_remove");
        if (reply.replyHeadSc != null) {
            reply_pop(reply, tcb);
            return;
        }
        if (reply.replyNext != null) {
            reply.replyNext.replyPrev = null;
        }
        if (reply.replyPrev != null) {
            clearCallStackNext(reply.replyPrev);
        }
        reply.replyPrev = null;
        clearCallStackNext(reply);
        reply_unlink(reply, tcb);
    }

    /**
     * Removes the reply a BlockedOnReply {@code tcb} waits on from its call stack without
     * returning any SC (used by cancelIPC when the caller is deleted or suspended).
     */
    public void reply_remove_tcb(Tcb tcb) {
        assertion(tcb.tcbState.tsType() == ThreadStateType.BlockedOnReply,
                "Q18 reply_remove_tcb thread BlockedOnReply", tcb);
        Reply reply = tcb.tcbState.replyObject();
        if (reply == null) {
            k.thread.setThreadState(tcb, ThreadState.Inactive);
            return;
        }
        if (reply.replyHeadSc != null) {
            reply.replyHeadSc.scReply = null;
        } else if (reply.replyNext != null) {
            reply.replyNext.replyPrev = null;
        }
        if (reply.replyPrev != null) {
            clearCallStackNext(reply.replyPrev);
        }
        reply.replyPrev = null;
        clearCallStackNext(reply);
        reply_unlink(reply, tcb);
    }

    /**
     * Breaks the link between {@code reply} and {@code tcb}, the thread blocked on it (receiver
     * that offered it, or caller waiting for the reply); the thread becomes Inactive.
     */
    public void reply_unlink(Reply reply, Tcb tcb) {
        ThreadStateType ts = tcb.tcbState.tsType();
        assertion(ts == ThreadStateType.BlockedOnReceive || ts == ThreadStateType.BlockedOnReply,
                "Q18 reply_unlink thread blocked on receive or reply", tcb);
        assertion(reply.replyTCB == tcb, "Q18 reply_unlink reply linked to the thread", tcb);
        assertion(tcb.tcbState.replyObject() == reply, "Q18 reply_unlink thread state names the reply", tcb);
        reply.replyTCB = null;
        k.thread.setThreadState(tcb, ThreadState.Inactive);
    }

    /**
     * Detaches a reply object whose last capability is deleted (the reply-cap case of C's
     * finaliseCap; Haskell replyClear): a waiting caller loses its reply (and stays Inactive), a
     * receiver that offered the reply has its receive cancelled.
     */
    public void reply_clear(Reply reply) {
        Tcb tcb = reply.replyTCB;
        if (tcb == null) {
            return;
        }
        switch (tcb.tcbState.tsType()) {
            case BlockedOnReply:
                reply_remove(reply, tcb);
                break;
            case BlockedOnReceive:
                k.endpoints.cancelIPC(tcb);
                break;
            default:
                fail("Invalid tcb state");
        }
    }

    /** Invoking a reply cap sends the reply to the caller waiting on the reply object. */
    public ExceptionT performInvocation_Reply(Tcb thread, Reply reply, boolean canGrant) {
        k.ipc.doReplyTransfer(thread, reply, canGrant);
        return ExceptionT.EXCEPTION_NONE;
    }

    /** Clears the whole call-stack "next" word (C: call_stack_new(0, false)). */
    private static void clearCallStackNext(Reply reply) {
        reply.replyNext = null;
        reply.replyHeadSc = null;
    }

    private void assertReplyLinked(Reply reply, Tcb tcb, String fn) {
        assertion(reply.replyTCB == tcb, "Q18 " + fn + " reply linked to the thread", tcb);
        assertion(isBlockedOnReply(tcb, reply), "Q18 " + fn + " thread BlockedOnReply on the reply", tcb);
    }

    private static boolean isBlockedOnReply(Tcb tcb, Reply reply) {
        return tcb.tcbState.tsType() == ThreadStateType.BlockedOnReply && tcb.tcbState.replyObject() == reply;
    }

    private static boolean isOneOf(Tcb t, ThreadStateType a, ThreadStateType b, ThreadStateType c) {
        ThreadStateType ts = t.tcbState.tsType();
        return ts == a || ts == b || ts == c;
    }
}
