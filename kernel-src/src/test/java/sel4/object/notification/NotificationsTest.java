// contract: notification signal / wait / poll, bound-thread wake-up, SC lending and return, binding and cancellation behave as seL4 MCS notification.c and keep the notification invariants (Q11, Q13).
package sel4.object.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sel4.kernel.IpcTestSupport.badge;
import static sel4.kernel.IpcTestSupport.epCap;
import static sel4.kernel.IpcTestSupport.setReg;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sel4.api.ExceptionT;
import sel4.kernel.InvariantViolation;
import sel4.kernel.IpcTestSupport;
import sel4.kernel.KernelHalt;
import sel4.machine.Registers;
import sel4.model.SchedulerAction;
import sel4.object.cap.NotificationCap;
import sel4.object.cap.ReplyCap;
import sel4.object.endpoint.EPState;
import sel4.object.endpoint.Endpoint;
import sel4.object.reply.Reply;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;
import sel4.object.tcb.ThreadStateType;

class NotificationsTest {
    private final IpcTestSupport s = IpcTestSupport.aarch64();
    private final Notifications ntfns = s.k.notifications;
    private final Notification n = s.notification();
    private final NotificationCap cap = new NotificationCap(n, 0, true, true);
    private final Tcb waiter = s.thread("waiter", 10);

    private List<Tcb> waiters() {
        List<Tcb> out = new ArrayList<>();
        for (Tcb t = n.queue.head; t != null; t = t.tcbSchedNext) {
            out.add(t);
        }
        return out;
    }

    @Test
    void signalsWithoutWaiterAccumulateAsABitwiseOr() {
        ntfns.sendSignal(n, 0x1);
        assertThat(n.state).isEqualTo(NtfnState.Active);
        assertThat(n.ntfnMsgIdentifier).isEqualTo(0x1);

        assertThat(ntfns.performInvocation_Notification(n, 0x4)).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(n.ntfnMsgIdentifier).isEqualTo(0x5);
    }

    @Test
    void waitOnAnActiveNotificationTakesTheBadgeAtOnce() {
        ntfns.sendSignal(n, 0x30);

        ntfns.receiveSignal(waiter, cap, true);

        assertThat(badge(waiter)).isEqualTo(0x30);
        assertThat(n.state).isEqualTo(NtfnState.Idle);
        assertThat(n.ntfnMsgIdentifier).as("delivered badge cleared").isZero();
        assertThat(waiter.tcbState).isSameAs(ThreadState.Running);
    }

    @Test
    void pollWithoutSignalReturnsBadgeZero() {
        setReg(waiter, Registers.badgeRegister, 0xff);

        ntfns.receiveSignal(waiter, cap, false);

        assertThat(badge(waiter)).isZero();
        assertThat(n.state).isEqualTo(NtfnState.Idle);
        assertThat(waiter.tcbState).isSameAs(ThreadState.Running);
    }

    @Test
    void boundThreadWaitingForAReplyIsNotWoken() {
        Reply r = s.reply();
        waiter.tcbState = ThreadState.BlockedOnReply(r);
        r.replyTCB = waiter;
        ntfns.bindNotification(waiter, n);

        ntfns.sendSignal(n, 0x2);

        assertThat(n.state).isEqualTo(NtfnState.Active);
        assertThat(waiter.tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnReply);
    }

    @Test
    void bindingIsSymmetricAndUnbindingFromEitherSideClearsBoth() {
        ntfns.bindNotification(waiter, n);
        assertThat(n.ntfnBoundTCB).isSameAs(waiter);
        assertThat(waiter.tcbBoundNotification).isSameAs(n);

        ntfns.unbindNotification(waiter);
        assertThat(n.ntfnBoundTCB).isNull();
        assertThat(waiter.tcbBoundNotification).isNull();

        ntfns.bindNotification(waiter, n);
        ntfns.unbindMaybeNotification(n);
        assertThat(n.ntfnBoundTCB).isNull();
        assertThat(waiter.tcbBoundNotification).isNull();

        ntfns.unbindMaybeNotification(n);
        ntfns.unbindNotification(waiter);
        assertThat(n.ntfnBoundTCB).isNull();
    }

    @Test
    void completingAnInactiveNotificationHalts() {
        assertThatThrownBy(() -> ntfns.completeSignal(n, waiter))
                .isInstanceOf(KernelHalt.class).hasMessageContaining("inactive notification");
    }

    @Test
    void waitingOnAnEndpointCapHalts() {
        assertThatThrownBy(() -> ntfns.receiveSignal(waiter, epCap(s.endpoint(), 0), true))
                .isInstanceOf(KernelHalt.class);
    }

    @Test
    void notificationSchedContextIsReturnedOnlyByItsHolder() {
        SchedContext sc = new SchedContext(0x9000_0000L, 8);
        n.ntfnSchedContext = sc;
        Tcb other = s.thread("other", 1);
        s.k.ks.ksCurThread = other;
        SchedContext own = new SchedContext(0x9000_1000L, 8);
        waiter.tcbSchedContext = own;

        ntfns.maybeReturnSchedContext(n, waiter);
        assertThat(waiter.tcbSchedContext).as("not the notification's SC").isSameAs(own);

        waiter.tcbSchedContext = sc;
        sc.scTcb = waiter;
        ntfns.maybeReturnSchedContext(n, waiter);
        assertThat(waiter.tcbSchedContext).isNull();
        assertThat(sc.scTcb).isNull();
        assertThat(s.k.ks.ksSchedulerAction).as("not the current thread").isSameAs(SchedulerAction.ResumeCurrentThread);
    }

    @Test
    void nothingIsLentToAThreadWithItsOwnScOrFromAnScInUse() {
        SchedContext sc = new SchedContext(0x9000_0000L, 8);
        n.ntfnSchedContext = sc;
        Tcb holder = s.thread("holder", 1);
        sc.scTcb = holder;

        ntfns.maybeDonateSchedContext(waiter, n);
        assertThat(waiter.tcbSchedContext).isNull();

        sc.scTcb = null;
        SchedContext own = new SchedContext(0x9000_1000L, 8);
        waiter.tcbSchedContext = own;
        ntfns.maybeDonateSchedContext(waiter, n);
        assertThat(waiter.tcbSchedContext).isSameAs(own);
        assertThat(sc.scTcb).isNull();
    }

    @Test
    void cancelAllOnANotificationWithoutWaitersDoesNothing() {
        ntfns.sendSignal(n, 1);

        ntfns.cancelAllSignals(n);

        assertThat(n.state).isEqualTo(NtfnState.Active);
        assertThat(s.k.ks.ksSchedulerAction).isSameAs(SchedulerAction.ResumeCurrentThread);
    }

    @Test
    void waiterStillLinkedIntoAnotherQueueIsReportedAsQ11() {
        waiter.tcbQueued = true;

        assertThatThrownBy(() -> ntfns.receiveSignal(waiter, cap, true))
                .isInstanceOf(InvariantViolation.class)
                .satisfies(e -> assertThat(((InvariantViolation) e).invariant()).startsWith("Q11"));
    }

    @Test
    void waitingNotificationWithoutWaitersIsReportedAsQ13() {
        n.state = NtfnState.Waiting;

        assertThatThrownBy(() -> ntfns.sendSignal(n, 1))
                .isInstanceOf(InvariantViolation.class)
                .satisfies(e -> assertThat(((InvariantViolation) e).invariant()).startsWith("Q13"));
    }

    @Test
    void blockingWaitQueuesTheThread() {
        s.k.ks.ksCurThread = waiter;

        ntfns.receiveSignal(waiter, cap, true);

        assertThat(waiter.tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnNotification);
        assertThat(waiter.tcbState.blockingNotification()).isSameAs(n);
        assertThat(n.state).isEqualTo(NtfnState.Waiting);
        assertThat(waiters()).containsExactly(waiter);
    }

    @Test
    void signalWakesTheHighestPriorityWaiterWithTheBadge() {
        Tcb low = s.thread("low", 3);
        Tcb high = s.thread("high", 30);
        ntfns.receiveSignal(low, cap, true);
        ntfns.receiveSignal(high, cap, true);
        assertThat(waiters()).containsExactly(high, low);

        ntfns.sendSignal(n, 0x8);

        assertThat(high.tcbState).isSameAs(ThreadState.Running);
        assertThat(badge(high)).isEqualTo(0x8);
        assertThat(waiters()).containsExactly(low);
        assertThat(n.state).isEqualTo(NtfnState.Waiting);

        ntfns.sendSignal(n, 0x1);
        assertThat(low.tcbState).isSameAs(ThreadState.Running);
        assertThat(n.state).isEqualTo(NtfnState.Idle);
    }

    @Test
    void signalWakesABoundThreadOutOfItsEndpointReceive() {
        Endpoint ep = s.endpoint();
        Reply r = s.reply();
        ntfns.bindNotification(waiter, n);
        s.k.ks.ksCurThread = waiter;
        s.k.endpoints.receiveIPC(waiter, epCap(ep, 0), true, new ReplyCap(r, true));

        ntfns.sendSignal(n, 0x40);

        assertThat(waiter.tcbState).isSameAs(ThreadState.Running);
        assertThat(badge(waiter)).isEqualTo(0x40);
        assertThat(ep.state).isEqualTo(EPState.Idle);
        assertThat(r.replyTCB).isNull();
        assertThat(n.state).as("the signal was consumed").isEqualTo(NtfnState.Idle);
    }

    @Test
    void passiveWaiterRunsOnTheNotificationsSchedContext() {
        Tcb cur = s.thread("cur", 1);
        s.k.ks.ksCurThread = cur;
        SchedContext nsc = s.roundRobinSc(null);
        n.ntfnSchedContext = nsc;
        nsc.scNotification = n;
        ntfns.receiveSignal(waiter, cap, true);

        ntfns.sendSignal(n, 1);

        assertThat(waiter.tcbSchedContext).isSameAs(nsc);
        assertThat(nsc.scTcb).isSameAs(waiter);
        assertThat(s.k.ks.ksSchedulerAction).isEqualTo(SchedulerAction.SwitchToThread(waiter));
    }

    @Test
    void waitingAgainGivesTheLentSchedContextBack() {
        SchedContext nsc = s.roundRobinSc(waiter);
        n.ntfnSchedContext = nsc;
        nsc.scNotification = n;
        s.k.ks.ksCurThread = waiter;

        ntfns.receiveSignal(waiter, cap, true);

        assertThat(waiter.tcbSchedContext).isNull();
        assertThat(nsc.scTcb).isNull();
        assertThat(s.k.ks.ksSchedulerAction).isSameAs(SchedulerAction.ChooseNewThread);
    }

    @Test
    void passiveThreadTakingAPendingSignalAlsoTakesTheSchedContext() {
        SchedContext nsc = s.roundRobinSc(null);
        n.ntfnSchedContext = nsc;
        nsc.scNotification = n;
        ntfns.sendSignal(n, 2);

        ntfns.receiveSignal(waiter, cap, true);

        assertThat(badge(waiter)).isEqualTo(2);
        assertThat(waiter.tcbSchedContext).isSameAs(nsc);
    }

    @Test
    void cancelledWaiterStopsAndTheNotificationIdles() {
        ntfns.receiveSignal(waiter, cap, true);

        ntfns.cancelSignal(waiter, n);

        assertThat(waiter.tcbState).isSameAs(ThreadState.Inactive);
        assertThat(n.state).isEqualTo(NtfnState.Idle);
        assertThat(waiters()).isEmpty();
    }

    @Test
    void cancelIpcOfANotificationWaiterCancelsTheWait() {
        ntfns.receiveSignal(waiter, cap, true);

        s.k.endpoints.cancelIPC(waiter);

        assertThat(waiter.tcbState).isSameAs(ThreadState.Inactive);
        assertThat(n.state).isEqualTo(NtfnState.Idle);
    }

    @Test
    void deletingTheNotificationRestartsEveryWaiter() {
        Tcb other = s.thread("other", 12);
        s.k.ks.ksCurThread = s.thread("cur", 1);
        ntfns.receiveSignal(waiter, cap, true);
        ntfns.receiveSignal(other, cap, true);

        ntfns.cancelAllSignals(n);

        assertThat(waiter.tcbState).isSameAs(ThreadState.Restart);
        assertThat(other.tcbState).isSameAs(ThreadState.Restart);
        assertThat(n.state).isEqualTo(NtfnState.Idle);
        assertThat(s.k.ks.ksSchedulerAction).isSameAs(SchedulerAction.ChooseNewThread);
    }

    @Test
    void priorityChangeReordersTheWaiter() {
        Tcb a = s.thread("a", 5);
        Tcb b = s.thread("b", 6);
        ntfns.receiveSignal(a, cap, true);
        ntfns.receiveSignal(b, cap, true);

        a.tcbPriority = 8;
        ntfns.reorderNTFN(n, a);

        assertThat(waiters()).containsExactly(a, b);
    }
}
