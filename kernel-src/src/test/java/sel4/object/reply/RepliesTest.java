// contract: reply objects link callers, form the SC call stack on donation, hand the SC back on reply, break cleanly on removal or deletion, and report inconsistent reply links (Q18) and blocked-while-queued callers (Q11).
package sel4.object.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sel4.kernel.IpcTestSupport.epCap;
import static sel4.kernel.IpcTestSupport.mr;
import static sel4.kernel.IpcTestSupport.setMessage;

import org.junit.jupiter.api.Test;
import sel4.api.ExceptionT;
import sel4.kernel.InvariantViolation;
import sel4.kernel.IpcTestSupport;
import sel4.kernel.KernelHalt;
import sel4.object.cap.ReplyCap;
import sel4.object.endpoint.EPState;
import sel4.object.endpoint.Endpoint;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;
import sel4.object.tcb.ThreadStateType;

class RepliesTest {
    private final IpcTestSupport s = IpcTestSupport.aarch64();
    private final Replies replies = s.k.replies;
    private final Tcb a = s.thread("a", 10);
    private final Tcb b = s.thread("b", 20);
    private final Tcb c = s.thread("c", 30);
    private final Reply r1 = s.reply();
    private final Reply r2 = s.reply();

    private static String invariantOf(Throwable e) {
        return ((InvariantViolation) e).invariant();
    }

    @Test
    void replyingThroughAnUnusedReplyObjectIsANoOp() {
        setMessage(a, null, 0, 0, 1);

        assertThat(replies.performInvocation_Reply(a, r1, true)).isEqualTo(ExceptionT.EXCEPTION_NONE);

        assertThat(a.tcbState).isSameAs(ThreadState.Running);
        assertThat(r1.replyTCB).isNull();
    }

    @Test
    void deletingAnUnusedReplyObjectChangesNothing() {
        replies.reply_clear(r1);

        assertThat(r1.replyTCB).isNull();
    }

    @Test
    void pushingAReplyThatIsStillOwnedIsReportedAsQ18() {
        r1.replyTCB = c;

        assertThatThrownBy(() -> replies.reply_push(a, b, r1, false))
                .isInstanceOf(InvariantViolation.class)
                .satisfies(e -> assertThat(invariantOf(e)).startsWith("Q18"));
        assertThat(a.tcbState).as("nothing changed").isSameAs(ThreadState.Running);
    }

    @Test
    void blockingACallerThatIsStillInTheReadyQueueIsReportedAsQ11() {
        // The bug-B shape: a thread appended to its ready queue then blocked by a fault IPC.
        a.tcbQueued = true;

        assertThatThrownBy(() -> replies.reply_push(a, b, r1, false))
                .isInstanceOf(InvariantViolation.class)
                .satisfies(e -> assertThat(invariantOf(e)).startsWith("Q11"));
    }

    @Test
    void unlinkingAReplyFromTheWrongThreadIsReportedAsQ18() {
        Endpoint ep = s.endpoint();
        a.tcbState = ThreadState.BlockedOnReceive(ep, false, r2);
        r1.replyTCB = a;

        assertThatThrownBy(() -> replies.reply_unlink(r1, a))
                .isInstanceOf(InvariantViolation.class)
                .satisfies(e -> assertThat(invariantOf(e)).startsWith("Q18"));
    }

    @Test
    void poppingAReplyThatIsNotOnTopOfAStackIsReportedAsQ18() {
        a.tcbState = ThreadState.BlockedOnReply(r1);
        r1.replyTCB = a;

        assertThatThrownBy(() -> replies.reply_pop(r1, a))
                .isInstanceOf(InvariantViolation.class)
                .satisfies(e -> assertThat(invariantOf(e)).startsWith("Q18"));
    }

    @Test
    void deletingAReplyHeldByARunningThreadHalts() {
        r1.replyTCB = a;

        assertThatThrownBy(() -> replies.reply_clear(r1)).isInstanceOf(KernelHalt.class);
    }

    @Test
    void pushWithoutDonationOnlyLinksAndBlocksTheCaller() {
        SchedContext sc = s.roundRobinSc(a);
        SchedContext bsc = s.roundRobinSc(b);

        replies.reply_push(a, b, r1, true);

        assertThat(a.tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnReply);
        assertThat(a.tcbState.replyObject()).isSameAs(r1);
        assertThat(r1.replyTCB).isSameAs(a);
        assertThat(a.tcbSchedContext).as("callee has its own SC").isSameAs(sc);
        assertThat(b.tcbSchedContext).isSameAs(bsc);
        assertThat(r1.replyHeadSc).isNull();
        assertThat(sc.scReply).isNull();
    }

    @Test
    void donationPushesTheReplyOnTheSchedContextsCallStack() {
        SchedContext sc = s.roundRobinSc(a);
        s.k.ks.ksCurThread = a;

        replies.reply_push(a, b, r1, true);

        assertThat(b.tcbSchedContext).isSameAs(sc);
        assertThat(a.tcbSchedContext).isNull();
        assertThat(sc.scReply).isSameAs(r1);
        assertThat(r1.replyHeadSc).isSameAs(sc);
        assertThat(r1.replyPrev).isNull();
    }

    @Test
    void nestedCallsStackTheirRepliesAndEachReplyPopsOne() {
        SchedContext sc = s.roundRobinSc(a);
        s.k.ks.ksCurThread = a;
        replies.reply_push(a, b, r1, true);
        s.k.ks.ksCurThread = b;
        replies.reply_push(b, c, r2, true);

        assertThat(c.tcbSchedContext).isSameAs(sc);
        assertThat(sc.scReply).isSameAs(r2);
        assertThat(r2.replyPrev).isSameAs(r1);
        assertThat(r1.replyNext).isSameAs(r2);
        assertThat(r1.replyHeadSc).isNull();
        assertThat(r2.replyHeadSc).isSameAs(sc);

        s.k.ks.ksCurThread = c;
        setMessage(c, null, 0, 0, 0xc0);
        replies.performInvocation_Reply(c, r2, true);

        assertThat(b.tcbState).isSameAs(ThreadState.Running);
        assertThat(mr(b, null, 0)).isEqualTo(0xc0);
        assertThat(b.tcbSchedContext).isSameAs(sc);
        assertThat(c.tcbSchedContext).isNull();
        assertThat(sc.scReply).isSameAs(r1);
        assertThat(r1.replyHeadSc).isSameAs(sc);
        assertThat(r1.replyNext).isNull();
        assertThat(r2.replyPrev).isNull();
        assertThat(r2.replyTCB).isNull();
    }

    @Test
    void removingAReplyFromTheMiddleBreaksTheStackAndKeepsTheSc() {
        SchedContext sc = s.roundRobinSc(a);
        s.k.ks.ksCurThread = a;
        replies.reply_push(a, b, r1, true);
        s.k.ks.ksCurThread = b;
        replies.reply_push(b, c, r2, true);
        s.k.ks.ksCurThread = c;

        replies.reply_remove(r1, a);

        assertThat(a.tcbState).isSameAs(ThreadState.Inactive);
        assertThat(a.tcbSchedContext).isNull();
        assertThat(c.tcbSchedContext).isSameAs(sc);
        assertThat(sc.scReply).isSameAs(r2);
        assertThat(r2.replyPrev).isNull();
        assertThat(r1.replyTCB).isNull();
        assertThat(r1.replyNext).isNull();
    }

    @Test
    void cancellingAWaitingCallerTakesItsReplyOffTheStackWithoutReturningTheSc() {
        SchedContext sc = s.roundRobinSc(a);
        s.k.ks.ksCurThread = a;
        replies.reply_push(a, b, r1, true);
        s.k.ks.ksCurThread = b;

        s.k.endpoints.cancelIPC(a);

        assertThat(a.tcbState).isSameAs(ThreadState.Inactive);
        assertThat(a.tcbSchedContext).isNull();
        assertThat(b.tcbSchedContext).isSameAs(sc);
        assertThat(sc.scReply).isNull();
        assertThat(r1.replyTCB).isNull();
        assertThat(r1.replyHeadSc).isNull();
    }

    @Test
    void deletingTheReplyOfAWaitingCallerReturnsTheScToIt() {
        SchedContext sc = s.roundRobinSc(a);
        s.k.ks.ksCurThread = a;
        replies.reply_push(a, b, r1, true);
        s.k.ks.ksCurThread = b;

        replies.reply_clear(r1);

        assertThat(a.tcbState).as("the call is lost").isSameAs(ThreadState.Inactive);
        assertThat(a.tcbSchedContext).isSameAs(sc);
        assertThat(b.tcbSchedContext).isNull();
        assertThat(sc.scReply).isNull();
    }

    @Test
    void deletingTheReplyOfferedByAReceiverCancelsTheReceive() {
        Endpoint ep = s.endpoint();
        s.k.ks.ksCurThread = b;
        s.k.endpoints.receiveIPC(b, epCap(ep, 0), true, new ReplyCap(r1, true));

        replies.reply_clear(r1);

        assertThat(b.tcbState).isSameAs(ThreadState.Inactive);
        assertThat(ep.state).isEqualTo(EPState.Idle);
        assertThat(r1.replyTCB).isNull();
    }

    @Test
    void unlinkStopsTheThreadAndFreesTheReply() {
        a.tcbState = ThreadState.BlockedOnReply(r1);
        r1.replyTCB = a;

        replies.reply_unlink(r1, a);

        assertThat(a.tcbState).isSameAs(ThreadState.Inactive);
        assertThat(r1.replyTCB).isNull();
    }
}
