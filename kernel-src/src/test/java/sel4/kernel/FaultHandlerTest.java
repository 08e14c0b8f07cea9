// contract: faults are delivered as fault IPCs to the slot-3 handler (with SC donation) or stop the thread when there is none, timeouts go to the slot-4 handler without donation, and a handler's reply restarts or stops the faulter.
package sel4.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sel4.kernel.IpcTestSupport.badge;
import static sel4.kernel.IpcTestSupport.epCap;
import static sel4.kernel.IpcTestSupport.mr;
import static sel4.kernel.IpcTestSupport.msgInfo;
import static sel4.kernel.IpcTestSupport.reg;
import static sel4.kernel.IpcTestSupport.setMessage;
import static sel4.kernel.IpcTestSupport.setReg;

import org.junit.jupiter.api.Test;
import sel4.api.Fault;
import sel4.api.Faults;
import sel4.api.LookupFault;
import sel4.machine.Registers;
import sel4.model.Config;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.NullCap;
import sel4.object.cap.ReplyCap;
import sel4.object.endpoint.EPState;
import sel4.object.endpoint.Endpoint;
import sel4.object.reply.Reply;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;
import sel4.object.tcb.ThreadStateType;

class FaultHandlerTest {
    private final IpcTestSupport s = IpcTestSupport.aarch64();
    private final FaultHandler fh = s.k.faultHandler;
    private final Endpoint ep = s.endpoint();
    private final Tcb faulter = s.thread("faulter", 10);
    private final Tcb handler = s.thread("handler", 50);
    private final Reply reply = s.reply();

    @Test
    void onlyAnEndpointCapInSlotFourIsATimeoutHandler() {
        assertThat(fh.validTimeoutHandler(faulter)).isFalse();

        faulter.tcbCTE[Tcb.tcbTimeoutHandler].cap = epCap(ep, 0);

        assertThat(fh.validTimeoutHandler(faulter)).isTrue();
    }

    @Test
    void nullHandlerCapMeansNoHandlerAndRecordsNothing() {
        s.k.ks.current_fault = new Fault.UserException(1, 2);

        assertThat(fh.sendFaultIPC(faulter, NullCap.INSTANCE, false)).isFalse();

        assertThat(faulter.tcbFault).isNull();
        assertThat(faulter.tcbState).isSameAs(ThreadState.Running);
    }

    @Test
    void handlerCapWithoutReplyRightsIsABrokenInvariant() {
        s.k.ks.current_fault = new Fault.UserException(1, 2);
        EndpointCap sendOnly = new EndpointCap(ep, 0, true, true, false, false);

        assertThatThrownBy(() -> fh.sendFaultIPC(faulter, sendOnly, false)).isInstanceOf(InvariantViolation.class);
    }

    @Test
    void releaseBuildTreatsAnInvalidHandlerCapAsNoHandler() {
        // Checks off on purpose: this is what a release build does with the same broken slot.
        IpcTestSupport rel = new IpcTestSupport(Config.aarch64().toBuilder().checks(false).build());
        Tcb t = rel.thread("t", 1);
        rel.k.ks.current_fault = new Fault.UserException(1, 2);

        boolean sent = rel.k.faultHandler.sendFaultIPC(t, new EndpointCap(rel.endpoint(), 0, true, true, false, false),
                false);

        assertThat(sent).isFalse();
        assertThat(t.tcbFault).isNull();
    }

    @Test
    void timeoutWithoutTimeoutHandlerIsABrokenInvariant() {
        s.k.ks.current_fault = new Fault.Timeout(1);

        assertThatThrownBy(() -> fh.handleTimeout(faulter)).isInstanceOf(InvariantViolation.class);
    }

    private void handlerWaits() {
        s.k.ks.ksCurThread = handler;
        s.k.endpoints.receiveIPC(handler, epCap(ep, 0), true, new ReplyCap(reply, true));
        s.k.ks.ksCurThread = faulter;
    }

    @Test
    void faultWithoutHandlerStopsTheThread() {
        s.k.ks.ksCurThread = faulter;
        s.k.ks.current_fault = new Fault.UserException(1, 2);

        fh.handleFault(faulter);

        assertThat(faulter.tcbState).isSameAs(ThreadState.Inactive);
    }

    @Test
    void faultIsSentToTheWaitingHandlerAndTheFaulterWaitsForItsReply() {
        handlerWaits();
        faulter.tcbCTE[Tcb.tcbFaultHandler].cap = epCap(ep, 0xfa);
        setReg(faulter, Registers.FaultIP, 0x1000);
        s.k.ks.current_fault = new Fault.CapFault(0x20, true, new LookupFault.MissingCapability(3));

        fh.handleFault(faulter);

        assertThat(faulter.tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnReply);
        assertThat(reply.replyTCB).isSameAs(faulter);
        assertThat(handler.tcbState).isSameAs(ThreadState.Running);
        assertThat(badge(handler)).isEqualTo(0xfa);
        assertThat(msgInfo(handler).label()).isEqualTo(Fault.seL4_Fault_CapFault);
        assertThat(mr(handler, null, Faults.seL4_CapFault_IP)).isEqualTo(0x1000);
        assertThat(mr(handler, null, Faults.seL4_CapFault_InRecvPhase)).isEqualTo(1);
        assertThat(faulter.tcbLookupFailure).isEqualTo(new LookupFault.MissingCapability(3));
    }

    @Test
    void faulterWithAnScLendsItToAPassiveHandler() {
        SchedContext sc = s.roundRobinSc(faulter);
        handlerWaits();
        faulter.tcbCTE[Tcb.tcbFaultHandler].cap = epCap(ep, 0);
        s.k.ks.current_fault = new Fault.UnknownSyscall(9);

        fh.handleFault(faulter);

        assertThat(handler.tcbSchedContext).isSameAs(sc);
        assertThat(faulter.tcbSchedContext).isNull();
        assertThat(sc.scReply).isSameAs(reply);
    }

    @Test
    void faultWithoutWaitingHandlerQueuesTheFaulterUntilTheHandlerReceives() {
        faulter.tcbCTE[Tcb.tcbFaultHandler].cap = epCap(ep, 0x3);
        s.k.ks.ksCurThread = faulter;
        s.k.ks.current_fault = new Fault.UserException(4, 5);

        fh.handleFault(faulter);

        assertThat(faulter.tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnSend);
        assertThat(faulter.tcbState.blockingIPCIsCall()).as("a fault is sent, not called").isFalse();
        assertThat(faulter.tcbFault).isEqualTo(new Fault.UserException(4, 5));
        assertThat(ep.state).isEqualTo(EPState.Send);

        handlerWaits();

        assertThat(faulter.tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnReply);
        assertThat(msgInfo(handler).label()).isEqualTo(Fault.seL4_Fault_UserException);
        assertThat(mr(handler, null, 3)).isEqualTo(4);
    }

    @Test
    void handlerReplyWithLabelZeroRestartsTheFaulterAtTheNewPc() {
        handlerWaits();
        faulter.tcbCTE[Tcb.tcbFaultHandler].cap = epCap(ep, 0);
        s.k.ks.current_fault = new Fault.UserException(1, 0);
        fh.handleFault(faulter);
        s.k.ks.ksCurThread = handler;
        setMessage(handler, null, 0, 0, 0x2000);

        s.k.replies.performInvocation_Reply(handler, reply, true);

        assertThat(faulter.tcbState).isSameAs(ThreadState.Restart);
        assertThat(faulter.tcbFault).isNull();
        assertThat(reg(faulter, Registers.FaultIP)).isEqualTo(0x2000);
    }

    @Test
    void faultIpcBlockingAThreadStillInItsReadyQueueIsCaught() {
        // Issue #346 shape: the budget check appended ct to its ready queue, then a fault
        // blocks it on an active handler (no donation, so nothing dequeues it).
        SchedContext sc = s.roundRobinSc(faulter);
        s.roundRobinSc(handler);
        handlerWaits();
        faulter.tcbCTE[Tcb.tcbFaultHandler].cap = epCap(ep, 0);
        s.k.ks.ksCurSC = sc;
        s.k.tcbQueues.tcbSchedAppend(faulter);
        s.k.ks.current_fault = new Fault.UserException(0, 0);

        assertThatThrownBy(() -> fh.handleFault(faulter))
                .isInstanceOf(InvariantViolation.class)
                .satisfies(e -> assertThat(((InvariantViolation) e).invariant()).matches("Q1[12] .*"));
    }

    @Test
    void timeoutGoesToTheTimeoutHandlerWithoutDonation() {
        SchedContext sc = s.roundRobinSc(faulter);
        sc.scBadge = 0x99;
        handlerWaits();
        faulter.tcbCTE[Tcb.tcbTimeoutHandler].cap = epCap(ep, 0x4);
        faulter.tcbCTE[Tcb.tcbFaultHandler].cap = NullCap.INSTANCE;
        s.k.ks.current_fault = new Fault.Timeout(sc.scBadge);

        fh.handleTimeout(faulter);

        assertThat(faulter.tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnReply);
        assertThat(faulter.tcbSchedContext).isSameAs(sc);
        assertThat(handler.tcbSchedContext).isNull();
        assertThat(msgInfo(handler).label()).isEqualTo(Fault.seL4_Fault_Timeout);
        assertThat(badge(handler)).isEqualTo(0x4);
        assertThat(mr(handler, null, 0)).isEqualTo(0x99);
    }
}
