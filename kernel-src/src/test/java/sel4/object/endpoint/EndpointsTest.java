// contract: endpoint send / receive / call with reply objects and SC donation, cancellation, queue order and the kernel reply helpers behave as seL4 MCS endpoint.c, keep the endpoint queue invariants (Q13) and report broken queues.
package sel4.object.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sel4.kernel.IpcTestSupport.badge;
import static sel4.kernel.IpcTestSupport.epCap;
import static sel4.kernel.IpcTestSupport.mr;
import static sel4.kernel.IpcTestSupport.msgInfo;
import static sel4.kernel.IpcTestSupport.setMessage;
import static sel4.kernel.IpcTestSupport.setReg;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sel4.api.ExceptionT;
import sel4.api.Fault;
import sel4.api.LookupFault;
import sel4.api.MessageInfo;
import sel4.api.SyscallError;
import sel4.kernel.InvariantViolation;
import sel4.kernel.IpcTestSupport;
import sel4.kernel.KernelHalt;
import sel4.machine.Registers;
import sel4.model.SchedulerAction;
import sel4.object.cap.NotificationCap;
import sel4.object.cap.NullCap;
import sel4.object.cap.ReplyCap;
import sel4.object.cap.VMRights;
import sel4.object.frame.IpcBuffer;
import sel4.object.notification.Notification;
import sel4.object.notification.NtfnState;
import sel4.object.reply.Reply;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.TcbQueue;
import sel4.object.tcb.ThreadState;
import sel4.object.tcb.ThreadStateType;

class EndpointsTest {
    private final IpcTestSupport s = IpcTestSupport.aarch64();
    private final Endpoints eps = s.k.endpoints;
    private final Endpoint ep = s.endpoint();
    private final Tcb client = s.thread("client", 10);
    private final Tcb server = s.thread("server", 20);
    private final Reply reply = s.reply();

    private static List<Tcb> members(TcbQueue q) {
        List<Tcb> out = new ArrayList<>();
        for (Tcb t = q.head; t != null; t = t.tcbSchedNext) {
            out.add(t);
        }
        return out;
    }

    // ---- kernel reply helpers ----

    @Test
    void emptySuccessReplyZeroesBadgeAndMessageInfoOnly() {
        setReg(client, Registers.badgeRegister, 0x77);
        setReg(client, Registers.msgInfoRegister, 0x12345);
        setReg(client, Registers.msgRegisters[0], 0xabc);

        eps.replyFromKernel_success_empty(client);

        assertThat(badge(client)).isZero();
        assertThat(msgInfo(client)).isEqualTo(new MessageInfo(0, 0, 0, 0));
        assertThat(mr(client, null, 0)).as("no MR touched").isEqualTo(0xabc);
    }

    // ---- paths that complete without blocking anyone ----

    @Test
    void nonBlockingSendWithoutReceiverIsDropped() {
        s.k.ks.ksCurThread = client;
        setMessage(client, null, 1, 0, 42);

        ExceptionT r = eps.performInvocation_Endpoint(ep, 5, true, true, false, false, false);

        assertThat(r).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(ep.state).isEqualTo(EPState.Idle);
        assertThat(ep.queue.isEmpty()).isTrue();
    }

    @Test
    void pollWithoutSenderReturnsBadgeZero() {
        setReg(server, Registers.badgeRegister, 0x1111);

        eps.receiveIPC(server, epCap(ep, 0), false, NullCap.INSTANCE);

        assertThat(badge(server)).isZero();
        assertThat(server.tcbState).isSameAs(ThreadState.Running);
        assertThat(ep.state).isEqualTo(EPState.Idle);
    }

    @Test
    void pendingBoundSignalIsDeliveredInsteadOfReceiving() {
        Notification n = s.notification();
        s.k.notifications.bindNotification(server, n);
        s.k.notifications.sendSignal(n, 0x6);

        eps.receiveIPC(server, epCap(ep, 0), true, NullCap.INSTANCE);

        assertThat(badge(server)).isEqualTo(0x6);
        assertThat(n.state).isEqualTo(NtfnState.Idle);
        assertThat(server.tcbState).isSameAs(ThreadState.Running);
        assertThat(ep.state).isEqualTo(EPState.Idle);
    }

    @Test
    void receiveOnSomethingElseThanAnEndpointHalts() {
        NotificationCap notEp = new NotificationCap(s.notification(), 0, true, true);

        assertThatThrownBy(() -> eps.receiveIPC(server, notEp, true, NullCap.INSTANCE))
                .isInstanceOf(KernelHalt.class);
    }

    @Test
    void cancellingOnAnIdleEndpointChangesNothing() {
        s.k.ks.ksSchedulerAction = SchedulerAction.ResumeCurrentThread;

        eps.cancelAllIPC(ep);
        eps.cancelBadgedSends(ep, 3);

        assertThat(ep.state).isEqualTo(EPState.Idle);
        assertThat(s.k.ks.ksSchedulerAction).isSameAs(SchedulerAction.ResumeCurrentThread);
    }

    @Test
    void cancelIpcOfARunningThreadOnlyDropsItsFault() {
        client.tcbFault = new Fault.UnknownSyscall(1);

        eps.cancelIPC(client);

        assertThat(client.tcbFault).isNull();
        assertThat(client.tcbState).isSameAs(ThreadState.Running);
    }

    // ---- Q13 ----

    @Test
    void endpointStateDisagreeingWithItsQueueIsReportedAsQ13() {
        ep.state = EPState.Send;

        assertThatThrownBy(() -> eps.sendIPC(false, false, 0, false, false, false, client, ep))
                .isInstanceOf(InvariantViolation.class)
                .satisfies(e -> assertThat(((InvariantViolation) e).invariant()).startsWith("Q13"));
    }

    @Test
    void queueCheckerAcceptsAWellFormedPriorityQueue() {
        TcbQueue q = link(s.thread("a", 9), s.thread("b", 5), s.thread("c", 5));

        assertThat(Endpoints.tcbQueueDefect(q, t -> true)).isNull();
        assertThat(Endpoints.tcbQueueDefect(new TcbQueue(), t -> true)).isNull();
    }

    @Test
    void queueCheckerFindsBrokenLinksCyclesOrderAndStrangers() {
        Tcb a = s.thread("a", 9);
        Tcb b = s.thread("b", 5);
        Tcb c = s.thread("c", 5);

        TcbQueue q = link(a, b, c);
        c.tcbSchedPrev = a;
        assertThat(Endpoints.tcbQueueDefect(q, t -> true)).contains("prev link");

        q = link(a, b, c);
        c.tcbSchedNext = a;
        assertThat(Endpoints.tcbQueueDefect(q, t -> true)).isNotNull();

        q = link(b, a);
        assertThat(Endpoints.tcbQueueDefect(q, t -> true)).contains("sorted");

        q = link(a, b);
        assertThat(Endpoints.tcbQueueDefect(q, t -> t != b)).contains("does not belong");

        q = link(a, b);
        q.end = a;
        assertThat(Endpoints.tcbQueueDefect(q, t -> true)).contains("end");

        q = new TcbQueue();
        q.head = a;
        a.tcbSchedNext = null;
        a.tcbSchedPrev = null;
        assertThat(Endpoints.tcbQueueDefect(q, t -> true)).contains("emptiness");
    }

    private static TcbQueue link(Tcb... ts) {
        TcbQueue q = new TcbQueue();
        for (int i = 0; i < ts.length; i++) {
            ts[i].tcbSchedPrev = i == 0 ? null : ts[i - 1];
            ts[i].tcbSchedNext = i == ts.length - 1 ? null : ts[i + 1];
        }
        q.head = ts[0];
        q.end = ts[ts.length - 1];
        return q;
    }

    private void serverWaits(Reply offered) {
        s.k.ks.ksCurThread = server;
        eps.receiveIPC(server, epCap(ep, 0), true, offered == null ? NullCap.INSTANCE : new ReplyCap(offered, true));
        s.k.ks.ksCurThread = client;
    }

    @Test
    void blockingSendWithoutReceiverQueuesTheSender() {
        s.k.ks.ksCurThread = client;

        eps.sendIPC(true, true, 0x42, true, false, false, client, ep);

        assertThat(ep.state).isEqualTo(EPState.Send);
        assertThat(members(ep.queue)).containsExactly(client);
        ThreadState st = client.tcbState;
        assertThat(st.tsType()).isEqualTo(ThreadStateType.BlockedOnSend);
        assertThat(st.blockingEndpoint()).isSameAs(ep);
        assertThat(st.blockingIPCBadge()).isEqualTo(0x42);
        assertThat(st.blockingIPCCanGrant()).isTrue();
        assertThat(st.blockingIPCIsCall()).isTrue();
    }

    @Test
    void waitersAreOrderedByPriorityThenArrival() {
        Tcb low1 = s.thread("low1", 5);
        Tcb high = s.thread("high", 9);
        Tcb low2 = s.thread("low2", 5);
        for (Tcb t : List.of(low1, high, low2)) {
            eps.sendIPC(true, false, 0, false, false, false, t, ep);
        }

        assertThat(members(ep.queue)).containsExactly(high, low1, low2);
    }

    @Test
    void priorityChangeReordersTheWaiter() {
        Tcb a = s.thread("a", 5);
        Tcb b = s.thread("b", 6);
        eps.sendIPC(true, false, 0, false, false, false, a, ep);
        eps.sendIPC(true, false, 0, false, false, false, b, ep);

        a.tcbPriority = 7;
        eps.reorderEP(ep, a);

        assertThat(members(ep.queue)).containsExactly(a, b);
    }

    @Test
    void sendToWaitingReceiverTransfersAndWakesIt() {
        serverWaits(reply);
        IpcBuffer sbuf = s.attachBuffer(server, VMRights.VMReadWrite);
        IpcBuffer cbuf = s.attachBuffer(client, VMRights.VMReadWrite);
        setMessage(client, cbuf, 3, 0, 10, 11, 12, 13, 14);

        eps.sendIPC(true, false, 0x9, false, false, false, client, ep);

        assertThat(server.tcbState).isSameAs(ThreadState.Running);
        assertThat(client.tcbState).as("plain send returns").isSameAs(ThreadState.Running);
        assertThat(ep.state).isEqualTo(EPState.Idle);
        assertThat(badge(server)).isEqualTo(0x9);
        assertThat(msgInfo(server)).isEqualTo(new MessageInfo(3, 0, 0, 5));
        assertThat(sbuf.get(5)).isEqualTo(14);
        assertThat(reply.replyTCB).as("offered reply released").isNull();
    }

    @Test
    void callBlocksTheCallerOnTheReceiversReplyObject() {
        serverWaits(reply);
        setMessage(client, null, 1, 0, 5);

        eps.performInvocation_Endpoint(ep, 0, false, true, true, true, false);

        assertThat(client.tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnReply);
        assertThat(client.tcbState.replyObject()).isSameAs(reply);
        assertThat(reply.replyTCB).isSameAs(client);
        assertThat(server.tcbState).isSameAs(ThreadState.Running);
        assertThat(mr(server, null, 0)).isEqualTo(5);
    }

    @Test
    void callWithoutReplyObjectOrReplyRightLeavesTheCallerInactive() {
        serverWaits(null);
        eps.sendIPC(true, true, 0, true, true, false, client, ep);
        assertThat(client.tcbState).isSameAs(ThreadState.Inactive);

        client.tcbState = ThreadState.Running;
        serverWaits(reply);
        eps.sendIPC(true, true, 0, false, false, false, client, ep);
        assertThat(client.tcbState).as("no grant, no grant-reply").isSameAs(ThreadState.Inactive);
        assertThat(reply.replyTCB).isNull();
    }

    @Test
    void callToAPassiveServerLendsTheSchedContextAndTheReplyReturnsIt() {
        SchedContext sc = s.roundRobinSc(client);
        s.k.ks.ksCurSC = sc;
        serverWaits(reply);
        setMessage(client, null, 0, 0, 0x51);

        eps.sendIPC(true, true, 0, true, true, true, client, ep);

        assertThat(server.tcbSchedContext).isSameAs(sc);
        assertThat(client.tcbSchedContext).isNull();
        assertThat(sc.scReply).isSameAs(reply);
        assertThat(reply.replyHeadSc).isSameAs(sc);

        // The server runs on the client's SC and replies.
        s.k.tcbQueues.tcbSchedDequeue(server);
        s.k.ks.ksCurThread = server;
        s.k.ks.ksSchedulerAction = SchedulerAction.ResumeCurrentThread;
        setMessage(server, null, 0, 0, 0x52);

        s.k.replies.performInvocation_Reply(server, reply, true);

        assertThat(client.tcbSchedContext).isSameAs(sc);
        assertThat(server.tcbSchedContext).isNull();
        assertThat(sc.scReply).isNull();
        assertThat(reply.replyTCB).isNull();
        assertThat(reply.replyHeadSc).isNull();
        assertThat(client.tcbState).isSameAs(ThreadState.Running);
        assertThat(mr(client, null, 0)).isEqualTo(0x52);
    }

    @Test
    void plainSendToAPassiveReceiverDonatesWhenAllowed() {
        SchedContext sc = s.roundRobinSc(client);
        serverWaits(null);

        eps.sendIPC(true, false, 0, false, false, true, client, ep);

        assertThat(server.tcbSchedContext).isSameAs(sc);
        assertThat(client.tcbSchedContext).isNull();
    }

    @Test
    void receiveTakesTheFirstQueuedSenderAndResumesIt() {
        IpcBuffer cbuf = s.attachBuffer(client, VMRights.VMReadOnly);
        setMessage(client, cbuf, 8, 0, 1, 2, 3, 4, 5, 6);
        eps.sendIPC(true, false, 0x33, false, false, false, client, ep);
        IpcBuffer sbuf = s.attachBuffer(server, VMRights.VMReadWrite);
        s.k.ks.ksCurThread = server;

        eps.receiveIPC(server, epCap(ep, 0), true, NullCap.INSTANCE);

        assertThat(client.tcbState).isSameAs(ThreadState.Running);
        assertThat(ep.state).isEqualTo(EPState.Idle);
        assertThat(badge(server)).isEqualTo(0x33);
        assertThat(msgInfo(server).length()).isEqualTo(6);
        assertThat(sbuf.get(6)).isEqualTo(6);
    }

    @Test
    void receiveFromAQueuedCallerBlocksItOnTheOfferedReply() {
        SchedContext sc = s.roundRobinSc(client);
        eps.sendIPC(true, true, 0, true, true, false, client, ep);
        s.k.ks.ksCurThread = server;

        eps.receiveIPC(server, epCap(ep, 0), true, new ReplyCap(reply, true));

        assertThat(client.tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnReply);
        assertThat(reply.replyTCB).isSameAs(client);
        assertThat(server.tcbSchedContext).as("passive receiver gets the caller's SC").isSameAs(sc);
    }

    @Test
    void queuedFaultWithoutReplyObjectStopsTheFaulter() {
        client.tcbFault = new Fault.UserException(1, 2);
        eps.sendIPC(true, false, 0, true, true, false, client, ep);
        s.k.ks.ksCurThread = server;

        eps.receiveIPC(server, epCap(ep, 0), true, NullCap.INSTANCE);

        assertThat(client.tcbState).isSameAs(ThreadState.Inactive);
        assertThat(msgInfo(server).label()).isEqualTo(Fault.seL4_Fault_UserException);
    }

    @Test
    void queuedTimeoutFaultIsNotGivenTheEmptySchedContext() {
        SchedContext sc = s.roundRobinSc(client);
        client.tcbFault = new Fault.Timeout(1);
        eps.sendIPC(true, false, 0, true, true, false, client, ep);
        s.k.ks.ksCurThread = server;

        eps.receiveIPC(server, epCap(ep, 0), true, new ReplyCap(reply, true));

        assertThat(client.tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnReply);
        assertThat(client.tcbSchedContext).isSameAs(sc);
        assertThat(server.tcbSchedContext).isNull();
    }

    @Test
    void receivingWithAReplyObjectStillOwedCancelsTheOldCall() {
        Tcb oldCaller = s.thread("old", 3);
        oldCaller.tcbState = ThreadState.BlockedOnReply(reply);
        reply.replyTCB = oldCaller;
        s.k.ks.ksCurThread = server;

        eps.receiveIPC(server, epCap(ep, 0), true, new ReplyCap(reply, true));

        assertThat(oldCaller.tcbState).isSameAs(ThreadState.Inactive);
        assertThat(reply.replyTCB).isSameAs(server);
        assertThat(server.tcbState.replyObject()).isSameAs(reply);
    }

    @Test
    void blockingReceiveGivesBackTheNotificationsSchedContext() {
        Notification n = s.notification();
        SchedContext nsc = s.roundRobinSc(server);
        n.ntfnSchedContext = nsc;
        nsc.scNotification = n;
        s.k.notifications.bindNotification(server, n);
        s.k.ks.ksCurThread = server;

        eps.receiveIPC(server, epCap(ep, 0), true, NullCap.INSTANCE);

        assertThat(server.tcbSchedContext).isNull();
        assertThat(nsc.scTcb).isNull();
        assertThat(server.tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnReceive);
    }

    @Test
    void cancelledSenderLeavesTheQueueAndStops() {
        eps.sendIPC(true, false, 0, false, false, false, client, ep);

        eps.cancelIPC(client);

        assertThat(client.tcbState).isSameAs(ThreadState.Inactive);
        assertThat(ep.state).isEqualTo(EPState.Idle);
        assertThat(ep.queue.isEmpty()).isTrue();
    }

    @Test
    void cancelledReceiverReleasesItsReplyObject() {
        serverWaits(reply);

        eps.cancelIPC(server);

        assertThat(server.tcbState).isSameAs(ThreadState.Inactive);
        assertThat(reply.replyTCB).isNull();
        assertThat(ep.state).isEqualTo(EPState.Idle);
    }

    @Test
    void deletingTheEndpointRestartsWaitersButStopsFaulters() {
        Tcb faulter = s.thread("faulter", 4);
        faulter.tcbFault = new Fault.CapFault(1, false, new LookupFault.InvalidRoot());
        s.roundRobinSc(client);
        s.k.ks.ksCurThread = server;
        eps.sendIPC(true, false, 0, false, false, false, client, ep);
        eps.sendIPC(true, false, 0, false, false, false, faulter, ep);

        eps.cancelAllIPC(ep);

        assertThat(client.tcbState).isSameAs(ThreadState.Restart);
        assertThat(faulter.tcbState).isSameAs(ThreadState.Inactive);
        assertThat(ep.state).isEqualTo(EPState.Idle);
        assertThat(client.tcbQueued).as("restarted thread with an SC is ready").isTrue();
        assertThat(s.k.ks.ksSchedulerAction).isSameAs(SchedulerAction.ChooseNewThread);
    }

    @Test
    void cancelBadgedSendsRestartsOnlyThatBadgesSenders() {
        Tcb other = s.thread("other", 10);
        s.k.ks.ksCurThread = server;
        eps.sendIPC(true, false, 7, false, false, false, client, ep);
        eps.sendIPC(true, false, 8, false, false, false, other, ep);

        eps.cancelBadgedSends(ep, 7);

        assertThat(client.tcbState).isSameAs(ThreadState.Restart);
        assertThat(other.tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnSend);
        assertThat(members(ep.queue)).containsExactly(other);
        assertThat(ep.state).isEqualTo(EPState.Send);
    }

    @Test
    void errorReplyCarriesTheErrorNumberAndWordsWithBadgeZero() {
        IpcBuffer buf = s.attachBuffer(client, VMRights.VMReadWrite);
        setReg(client, Registers.badgeRegister, 0x1);
        s.k.ks.current_syscall_error = SyscallError.failedLookup(true, new LookupFault.GuardMismatch(1, 2, 3));

        eps.replyFromKernel_error(client);

        assertThat(msgInfo(client)).isEqualTo(new MessageInfo(SyscallError.seL4_FailedLookup, 0, 0, 5));
        assertThat(badge(client)).isZero();
        assertThat(buf.get(5)).isEqualTo(3);
    }

    @Test
    void errorReplyToAThreadWithReadOnlyBufferIsTruncatedNotWritten() {
        IpcBuffer buf = s.attachBuffer(client, VMRights.VMReadOnly);
        s.k.ks.current_syscall_error = SyscallError.failedLookup(false, new LookupFault.GuardMismatch(1, 2, 3));

        eps.replyFromKernel_error(client);

        assertThat(msgInfo(client).length()).isEqualTo(Registers.n_msgRegisters);
        assertThat(buf.frame().kernelWrites()).isZero();
    }
}
