// contract: message, fault, cap and reply transfers deliver exactly the words, label, badge and caps seL4 delivers, honour buffer authority and truncation, and answer bad user descriptors without exceptions.
package sel4.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static sel4.kernel.IpcTestSupport.badge;
import static sel4.kernel.IpcTestSupport.mr;
import static sel4.kernel.IpcTestSupport.msgInfo;
import static sel4.kernel.IpcTestSupport.reg;
import static sel4.kernel.IpcTestSupport.setMessage;
import static sel4.kernel.IpcTestSupport.setReg;

import org.junit.jupiter.api.Test;
import sel4.api.ExceptionT;
import sel4.api.Fault;
import sel4.api.LookupFault;
import sel4.api.MessageInfo;
import sel4.machine.Registers;
import sel4.model.Config;
import sel4.model.SchedulerAction;
import sel4.object.cap.NotificationCap;
import sel4.object.cap.NullCap;
import sel4.object.cap.VMRights;
import sel4.object.cnode.CNode;
import sel4.object.endpoint.Endpoint;
import sel4.object.frame.IpcBuffer;
import sel4.object.reply.Reply;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;
import sel4.object.tcb.ThreadStateType;

class IpcTransferTest {
    private final IpcTestSupport s = IpcTestSupport.aarch64();
    private final IpcTransfer ipc = s.k.ipc;
    private final Tcb sender = s.thread("sender", 10);
    private final Tcb receiver = s.thread("receiver", 10);
    private final Endpoint ep = s.endpoint();
    private final Tcb caller = s.thread("caller", 50);
    private final Reply reply = s.reply();

    // ---- copyMRs ----

    @Test
    void withoutBuffersOnlyTheMessageRegistersAreCopied() {
        setMessage(sender, null, 0, 0, 1, 2, 3, 4);
        IpcBuffer recv = s.looseBuffer();

        int n = ipc.copyMRs(sender, null, receiver, recv, 6);

        assertThat(n).isEqualTo(Registers.n_msgRegisters);
        for (int i = 0; i < 4; i++) {
            assertThat(mr(receiver, null, i)).isEqualTo(i + 1);
        }
        assertThat(recv.frame().kernelWrites()).isZero();
    }

    @Test
    void withBothBuffersTheWholeMessageIsCopied() {
        IpcBuffer send = s.looseBuffer();
        IpcBuffer recv = s.looseBuffer();
        setMessage(sender, send, 0, 0, 10, 11, 12, 13, 14, 15);

        int n = ipc.copyMRs(sender, send, receiver, recv, 6);

        assertThat(n).isEqualTo(6);
        assertThat(mr(receiver, recv, 4)).isEqualTo(14);
        assertThat(mr(receiver, recv, 5)).isEqualTo(15);
    }

    @Test
    void copyLengthIsBoundedByTheMaximumMessage() {
        IpcBuffer send = s.looseBuffer();
        IpcBuffer recv = s.looseBuffer();

        assertThat(ipc.copyMRs(sender, send, receiver, recv, 5000)).isEqualTo(Config.msgMaxLength);
        assertThat(ipc.copyMRs(sender, send, receiver, recv, -3)).isZero();
    }

    // ---- extra caps words ----

    @Test
    void extraCapPointersAndUnwrappedBadgesShareTheCapsOrBadgesWords() {
        IpcBuffer buf = s.looseBuffer();
        buf.frame().writeWord(buf.baseWord() + IpcBuffer.capsOrBadgesWord0 + 2, 0x33);

        assertThat(ipc.getExtraCPtr(buf, 2)).isEqualTo(0x33);
        ipc.setExtraBadge(buf, 0xbeef, 1);
        assertThat(buf.get(IpcBuffer.capsOrBadgesWord0 + 1)).isEqualTo(0xbeef);
    }

    // ---- doNormalTransfer / doFaultTransfer / doNBRecvFailedTransfer ----

    @Test
    void normalTransferDeliversLabelWordsAndBadgeButNoCapsWithoutGrant() {
        IpcBuffer send = s.looseBuffer();
        IpcBuffer recv = s.looseBuffer();
        setMessage(sender, send, 0x1234, 2, 1, 2, 3, 4, 5);

        ipc.doNormalTransfer(sender, send, null, 0x99, false, receiver, recv);

        MessageInfo info = msgInfo(receiver);
        assertThat(info.label()).isEqualTo(0x1234);
        assertThat(info.length()).isEqualTo(5);
        assertThat(info.extraCaps()).isZero();
        assertThat(info.capsUnwrapped()).isZero();
        assertThat(badge(receiver)).isEqualTo(0x99);
        assertThat(mr(receiver, recv, 4)).isEqualTo(5);
    }

    @Test
    void receiverWithoutBufferGetsTheRegisterPartAndTheTruncatedLength() {
        IpcBuffer send = s.looseBuffer();
        setMessage(sender, send, 7, 0, 1, 2, 3, 4, 5, 6);

        ipc.doNormalTransfer(sender, send, null, 0, false, receiver, null);

        assertThat(msgInfo(receiver).length()).isEqualTo(Registers.n_msgRegisters);
        assertThat(msgInfo(receiver).label()).isEqualTo(7);
    }

    @Test
    void oversizedLengthInTheSendersMessageInfoIsClamped() {
        IpcBuffer send = s.looseBuffer();
        IpcBuffer recv = s.looseBuffer();
        setReg(sender, Registers.msgInfoRegister, 0x7f);

        ipc.doNormalTransfer(sender, send, null, 0, false, receiver, recv);

        assertThat(msgInfo(receiver).length()).isEqualTo(Config.msgMaxLength);
    }

    @Test
    void grantWithoutExtraCapsTransfersNoCaps() {
        IpcBuffer send = s.looseBuffer();
        IpcBuffer recv = s.looseBuffer();
        setMessage(sender, send, 1, 0, 42);

        ipc.doNormalTransfer(sender, send, null, 0, true, receiver, recv);

        assertThat(msgInfo(receiver).extraCaps()).isZero();
        assertThat(mr(receiver, recv, 0)).isEqualTo(42);
    }

    @Test
    void faultTransferLabelsTheMessageWithTheFaultTypeAndSetsTheBadge() {
        setReg(sender, Registers.FaultIP, 0x400);
        sender.tcbFault = new Fault.CapFault(0x9, false, new LookupFault.InvalidRoot());

        ipc.doFaultTransfer(0x77, sender, receiver, null);

        assertThat(msgInfo(receiver).label()).isEqualTo(Fault.seL4_Fault_CapFault);
        assertThat(msgInfo(receiver).length()).isEqualTo(4);
        assertThat(badge(receiver)).isEqualTo(0x77);
        assertThat(mr(receiver, null, 0)).isEqualTo(0x400);
        assertThat(mr(receiver, null, 1)).isEqualTo(0x9);
    }

    @Test
    void failedPollSaysNoMessageWithBadgeZero() {
        setReg(receiver, Registers.badgeRegister, 0x5555);

        ipc.doNBRecvFailedTransfer(receiver);

        assertThat(badge(receiver)).isZero();
    }

    // ---- lookups that need no CSpace ----

    @Test
    void noSenderBufferMeansNoExtraCaps() {
        s.k.ks.current_extra_caps[0] = receiver.tcbCTE[0];

        ExceptionT status = ipc.lookupExtraCaps(sender, null, new MessageInfo(0, 0, 3, 0));

        assertThat(status).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(s.k.ks.current_extra_caps[0]).isNull();
    }

    @Test
    void noReceiveBufferMeansNoReceiveSlotAndNoCapTransfer() {
        assertThat(ipc.getReceiveSlots(receiver, null)).isNull();
        s.k.ks.current_extra_caps[0] = sender.tcbCTE[0];

        MessageInfo out = ipc.transferCaps(new MessageInfo(3, 5, 2, 9), null, receiver, null);

        assertThat(out).isEqualTo(new MessageInfo(3, 0, 0, 9));
    }

    @Test
    void replyThroughAnUnusedReplyObjectDoesNothing() {
        Reply r = s.reply();
        setMessage(sender, null, 0, 0, 1);

        ipc.doReplyTransfer(sender, r, true);

        assertThat(r.replyTCB).isNull();
        assertThat(sender.tcbState).isSameAs(ThreadState.Running);
    }

    @Test
    void replyObjectOfferedByAReceiverIsNotAReplyTarget() {
        Endpoint ep = s.endpoint();
        Reply r = s.reply();
        receiver.tcbState = ThreadState.BlockedOnReceive(ep, false, r);
        r.replyTCB = receiver;

        ipc.doReplyTransfer(sender, r, true);

        assertThat(receiver.tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnReceive);
        assertThat(r.replyTCB).isSameAs(receiver);
    }

    @Test
    void transferUsesTheReceiversWritableBufferAndTheSendersReadOnlyOne() {
        IpcBuffer send = s.attachBuffer(sender, VMRights.VMReadOnly);
        IpcBuffer recv = s.attachBuffer(receiver, VMRights.VMReadWrite);
        setMessage(sender, send, 5, 0, 1, 2, 3, 4, 5, 6);

        ipc.doIPCTransfer(sender, ep, 0x10, false, receiver);

        assertThat(msgInfo(receiver).length()).isEqualTo(6);
        assertThat(recv.get(6)).isEqualTo(6);
        assertThat(send.frame().kernelWrites()).isZero();
    }

    @Test
    void readOnlyReceiveBufferIsNeverWrittenAndTheMessageIsTruncated() {
        IpcBuffer send = s.attachBuffer(sender, VMRights.VMReadWrite);
        IpcBuffer recv = s.attachBuffer(receiver, VMRights.VMReadOnly);
        setMessage(sender, send, 5, 0, 1, 2, 3, 4, 5, 6);

        ipc.doIPCTransfer(sender, ep, 0, false, receiver);

        assertThat(msgInfo(receiver).length()).isEqualTo(Registers.n_msgRegisters);
        assertThat(recv.frame().kernelWrites()).isZero();
    }

    @Test
    void pendingFaultIsTransferredInsteadOfTheMessage() {
        sender.tcbFault = new Fault.UnknownSyscall(77);
        setMessage(sender, null, 0x999, 0, 1);
        IpcBuffer recv = s.attachBuffer(receiver, VMRights.VMReadWrite);

        ipc.doIPCTransfer(sender, ep, 3, true, receiver);

        assertThat(msgInfo(receiver).label()).isEqualTo(Fault.seL4_Fault_UnknownSyscall);
        assertThat(msgInfo(receiver).length()).isEqualTo(13);
        assertThat(recv.get(13)).isEqualTo(77);
        assertThat(badge(receiver)).isEqualTo(3);
    }

    @Test
    void capToTheSameEndpointIsUnwrappedIntoItsBadge() {
        CNode scn = s.giveCSpace(sender, 4);
        scn.slots[3].cap = IpcTestSupport.epCap(ep, 0x55);
        IpcBuffer send = s.attachBuffer(sender, VMRights.VMReadWrite);
        IpcBuffer recv = s.attachBuffer(receiver, VMRights.VMReadWrite);
        setMessage(sender, send, 1, 1, 0xa);
        send.frame().writeWord(send.baseWord() + IpcBuffer.capsOrBadgesWord0, 3);

        ipc.doIPCTransfer(sender, ep, 0, true, receiver);

        MessageInfo info = msgInfo(receiver);
        assertThat(info.extraCaps()).isEqualTo(1);
        assertThat(info.capsUnwrapped()).isEqualTo(1);
        assertThat(recv.get(IpcBuffer.capsOrBadgesWord0)).isEqualTo(0x55);
    }

    @Test
    void grantedCapLandsInTheEmptyReceiveSlotTheReceiverNamed() {
        CNode scn = s.giveCSpace(sender, 4);
        NotificationCap ncap = new NotificationCap(s.notification(), 7, true, true);
        scn.slots[2].cap = ncap;
        CNode rcn = s.giveCSpace(receiver, 4);
        rcn.slots[1].cap = IpcTestSupport.rootCap(rcn);
        IpcBuffer send = s.attachBuffer(sender, VMRights.VMReadWrite);
        IpcBuffer recv = s.attachBuffer(receiver, VMRights.VMReadWrite);
        setMessage(sender, send, 1, 1);
        send.frame().writeWord(send.baseWord() + IpcBuffer.capsOrBadgesWord0, 2);
        receiveInto(recv, 1, 9, 64);

        ipc.doIPCTransfer(sender, ep, 0, true, receiver);

        assertThat(msgInfo(receiver).extraCaps()).isEqualTo(1);
        assertThat(msgInfo(receiver).capsUnwrapped()).isZero();
        assertThat(rcn.slots[9].cap).isEqualTo(ncap);
        assertThat(scn.slots[2].cap).as("granting copies").isEqualTo(ncap);
    }

    @Test
    void withoutGrantNoCapIsLookedUpOrTransferred() {
        CNode scn = s.giveCSpace(sender, 4);
        scn.slots[2].cap = new NotificationCap(s.notification(), 7, true, true);
        CNode rcn = s.giveCSpace(receiver, 4);
        rcn.slots[1].cap = IpcTestSupport.rootCap(rcn);
        IpcBuffer send = s.attachBuffer(sender, VMRights.VMReadWrite);
        IpcBuffer recv = s.attachBuffer(receiver, VMRights.VMReadWrite);
        setMessage(sender, send, 1, 1);
        send.frame().writeWord(send.baseWord() + IpcBuffer.capsOrBadgesWord0, 2);
        receiveInto(recv, 1, 9, 64);

        ipc.doIPCTransfer(sender, ep, 0, false, receiver);

        assertThat(msgInfo(receiver).extraCaps()).isZero();
        assertThat(rcn.slots[9].cap).isInstanceOf(NullCap.class);
    }

    @Test
    void badExtraCapPointerDropsTheCapsButDeliversTheMessage() {
        s.giveCSpace(sender, 4);
        IpcBuffer send = s.attachBuffer(sender, VMRights.VMReadWrite);
        s.attachBuffer(receiver, VMRights.VMReadWrite);
        setMessage(sender, send, 1, 1, 0x31);
        send.frame().writeWord(send.baseWord() + IpcBuffer.capsOrBadgesWord0, -1L);

        ipc.doIPCTransfer(sender, ep, 0, true, receiver);

        assertThat(msgInfo(receiver).extraCaps()).isZero();
        assertThat(mr(receiver, null, 0)).isEqualTo(0x31);
    }

    @Test
    void failedExtraCapLookupRaisesACapFault() {
        s.giveCSpace(sender, 4);
        IpcBuffer send = s.attachBuffer(sender, VMRights.VMReadWrite);
        send.frame().writeWord(send.baseWord() + IpcBuffer.capsOrBadgesWord0, -1L);

        ExceptionT status = ipc.lookupExtraCaps(sender, send, new MessageInfo(0, 0, 1, 0));

        assertThat(status).isEqualTo(ExceptionT.EXCEPTION_LOOKUP_FAULT);
        assertThat(s.k.ks.current_fault).isInstanceOfSatisfying(Fault.CapFault.class,
                f -> assertThat(f.address()).isEqualTo(-1L));
    }

    @Test
    void receiveDescriptorWithAbsurdDepthOrOccupiedSlotYieldsNoSlot() {
        CNode rcn = s.giveCSpace(receiver, 4);
        rcn.slots[1].cap = IpcTestSupport.rootCap(rcn);
        rcn.slots[9].cap = new NotificationCap(s.notification(), 0, true, true);
        IpcBuffer recv = s.attachBuffer(receiver, VMRights.VMReadWrite);

        for (long depth : new long[] {0, -1L, 65, 1L << 32 | 64}) {
            receiveInto(recv, 1, 8, depth);
            assertThat(ipc.getReceiveSlots(receiver, recv)).as("depth %d", depth).isNull();
        }
        receiveInto(recv, 1, 9, 64);
        assertThat(ipc.getReceiveSlots(receiver, recv)).as("occupied").isNull();
        receiveInto(recv, 1, 8, 64);
        assertThat(ipc.getReceiveSlots(receiver, recv)).isSameAs(rcn.slots[8]);
    }

    private void receiveInto(IpcBuffer recv, long cnodeCptr, long index, long depth) {
        recv.frame().writeWord(recv.baseWord() + IpcBuffer.receiveCNodeWord, cnodeCptr);
        recv.frame().writeWord(recv.baseWord() + IpcBuffer.receiveIndexWord, index);
        recv.frame().writeWord(recv.baseWord() + IpcBuffer.receiveDepthWord, depth);
    }

    // ---- doReplyTransfer ----

    private void callerWaitsOnReply() {
        caller.tcbState = ThreadState.BlockedOnReply(reply);
        reply.replyTCB = caller;
    }

    @Test
    void replyDeliversTheMessageAndTheCallerRunsAgain() {
        callerWaitsOnReply();
        IpcBuffer cbuf = s.attachBuffer(caller, VMRights.VMReadWrite);
        IpcBuffer sbuf = s.attachBuffer(sender, VMRights.VMReadWrite);
        setMessage(sender, sbuf, 0, 0, 1, 2, 3, 4, 5);
        s.k.ks.ksCurThread = sender;

        ipc.doReplyTransfer(sender, reply, false);

        assertThat(caller.tcbState).isSameAs(ThreadState.Running);
        assertThat(reply.replyTCB).isNull();
        assertThat(msgInfo(caller).length()).isEqualTo(5);
        assertThat(badge(caller)).as("replies carry no badge").isZero();
        assertThat(cbuf.get(5)).isEqualTo(5);
    }

    @Test
    void callerWithBudgetIsConsideredForSwitching() {
        callerWaitsOnReply();
        s.roundRobinSc(caller);
        s.k.ks.ksCurThread = sender;

        ipc.doReplyTransfer(sender, reply, false);

        assertThat(s.k.ks.ksSchedulerAction).isEqualTo(SchedulerAction.SwitchToThread(caller));
    }

    @Test
    void callerOutOfBudgetWaitsInTheReleaseQueue() {
        callerWaitsOnReply();
        SchedContext sc = s.schedContext(caller, 1000, 5000);
        sc.rAmount[sc.scRefillHead] = 1;
        s.k.ks.ksCurThread = sender;

        ipc.doReplyTransfer(sender, reply, false);

        assertThat(caller.tcbState).isSameAs(ThreadState.Running);
        assertThat(caller.tcbInReleaseQueue).isTrue();
        assertThat(caller.tcbQueued).isFalse();
    }

    @Test
    void callerOutOfBudgetWithTimeoutHandlerRaisesATimeoutFault() {
        callerWaitsOnReply();
        SchedContext sc = s.schedContext(caller, 1000, 5000);
        sc.scBadge = 0x7e;
        sc.rAmount[sc.scRefillHead] = 1;
        Endpoint tep = s.endpoint();
        caller.tcbCTE[Tcb.tcbTimeoutHandler].cap = IpcTestSupport.epCap(tep, 0x31);
        Tcb th = s.thread("timeout-handler", 100);
        Reply thReply = s.reply();
        s.k.ks.ksCurThread = th;
        s.k.endpoints.receiveIPC(th, IpcTestSupport.epCap(tep, 0), true,
                new sel4.object.cap.ReplyCap(thReply, true));
        s.k.ks.ksCurThread = sender;

        ipc.doReplyTransfer(sender, reply, false);

        assertThat(th.tcbState).isSameAs(ThreadState.Running);
        assertThat(msgInfo(th).label()).isEqualTo(Fault.seL4_Fault_Timeout);
        assertThat(badge(th)).isEqualTo(0x31);
        assertThat(mr(th, null, 0)).isEqualTo(0x7e);
        assertThat(caller.tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnReply);
        assertThat(caller.tcbState.replyObject()).isSameAs(thReply);
        assertThat(caller.tcbSchedContext).as("a timed-out SC is not donated").isSameAs(sc);
    }

    @Test
    void faultReplyWithLabelZeroRestartsTheFaulterWithTheNewRegisters() {
        callerWaitsOnReply();
        caller.tcbFault = new Fault.UserException(0, 0);
        setMessage(sender, null, 0, 0, 0x8000, 0x9000);

        ipc.doReplyTransfer(sender, reply, false);

        assertThat(caller.tcbState).isSameAs(ThreadState.Restart);
        assertThat(caller.tcbFault).isNull();
        assertThat(reg(caller, Registers.FaultIP)).isEqualTo(0x8000);
        assertThat(reg(caller, Registers.SP)).isEqualTo(0x9000);
    }

    @Test
    void faultReplyWithNonZeroLabelLeavesTheFaulterStopped() {
        callerWaitsOnReply();
        caller.tcbFault = new Fault.UserException(0, 0);
        setMessage(sender, null, 1, 0);

        ipc.doReplyTransfer(sender, reply, false);

        assertThat(caller.tcbState).isSameAs(ThreadState.Inactive);
        assertThat(caller.tcbFault).isNull();
    }
}
