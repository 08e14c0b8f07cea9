// contract: through callKernel, each syscall and kernel entry produces what a user thread observes in seL4 MCS — replies, errors, faults, blocking, two-phase calls, budget-skipped syscalls and interrupt entry — including the legacy reply defects of LEGACY-REPLY-BUGS §A.
package sel4.api;

import static org.assertj.core.api.Assertions.assertThat;
import static sel4.api.EntryTestSupport.badge;
import static sel4.api.EntryTestSupport.caps;
import static sel4.api.EntryTestSupport.info;
import static sel4.api.EntryTestSupport.mr;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import sel4.machine.Registers;
import sel4.machine.Timer;
import sel4.model.IRQState;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.NotificationCap;
import sel4.object.cap.ReplyCap;
import sel4.object.cap.VMRights;
import sel4.object.endpoint.EPState;
import sel4.object.endpoint.Endpoint;
import sel4.object.frame.Frame;
import sel4.object.notification.Notification;
import sel4.object.notification.NtfnState;
import sel4.object.reply.Reply;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.TcbInvocations;
import sel4.object.tcb.ThreadState;
import sel4.object.tcb.ThreadStateType;

/** End-to-end tests of the kernel entry: they run the whole kernel (scheduler, CSpace, IPC, arch). */
class SyscallsTest {
    /** A cptr whose guard bits do not match the root CNode cap: the lookup fails. */
    private static final long BAD_CPTR = 1L << 40;

    private EntryTestSupport w;
    private Tcb client;
    private Tcb target;
    private int targetCptr;

    @BeforeEach
    void setUp() {
        w = new EntryTestSupport();
        client = w.client;
        target = w.newThread("target", 50);
        targetCptr = w.capOf(target);
    }

    private long reg(Tcb t, int r) {
        return EntryTestSupport.getRegister(t, r);
    }

    private Reply blockInRecv(Tcb t, Endpoint ep) {
        Reply r = w.newReply();
        r.replyTCB = t;
        t.tcbState = ThreadState.BlockedOnReceive(ep, false, r);
        if (ep.queue.end == null) {
            ep.queue.head = t;
        } else {
            ep.queue.end.tcbSchedNext = t;
            t.tcbSchedPrev = ep.queue.end;
        }
        ep.queue.end = t;
        ep.state = EPState.Recv;
        return r;
    }

    /** A fault handler of higher priority than the client, waiting on its endpoint. */
    private Tcb faultHandlerWaiting() {
        Endpoint faultEp = w.newEndpoint();
        Tcb handler = w.newThread("handler", 200);
        w.giveRoundRobinSc(handler);
        blockInRecv(handler, faultEp);
        client.tcbCTE[Tcb.tcbFaultHandler].cap = new EndpointCap(faultEp, 0x55, true, false, true, true);
        return handler;
    }

    // ---- Call / Send / NBSend on kernel objects ----

    @Nested
    class KernelObjectInvocations {
        @Test
        void callWithoutDataGetsTheEmptyReply() {
            w.invoke(Syscall.SysCall, targetCptr, InvocationLabel.TCBSetPriority.label(), caps(w.clientCptr), 70);
            assertThat(target.tcbPriority).isEqualTo(70);
            assertThat(info(client)).isEqualTo(new MessageInfo(0, 0, 0, 0));
            assertThat(badge(client)).isZero();
            assertThat(mr(client, 0)).isEqualTo(70); // the empty reply touches no message register
            assertThat(client.tcbState).isSameAs(ThreadState.Running);
            assertThat(w.ks.ksCurThread).isSameAs(client);
            assertThat(reg(client, Registers.NextIP)).isEqualTo(EntryTestSupport.USER_PC + 1);
        }

        @Test
        void callWithADecodeErrorGetsTheErrorReply() {
            w.invoke(Syscall.SysCall, targetCptr, InvocationLabel.TCBSetPriority.label(), caps(w.clientCptr), 101);
            assertThat(target.tcbPriority).isEqualTo(50);
            assertThat(info(client).label()).isEqualTo(SyscallError.seL4_RangeError);
            assertThat(info(client).length()).isEqualTo(2);
            assertThat(mr(client, 0)).isZero();
            assertThat(mr(client, 1)).isEqualTo(100);
            assertThat(badge(client)).isZero();
            assertThat(client.tcbState).isSameAs(ThreadState.Running);
        }

        @Test
        void sendWithADecodeErrorWritesNothing() {
            w.invoke(Syscall.SysSend, targetCptr, InvocationLabel.TCBSetPriority.label(), caps(w.clientCptr), 101);
            MessageInfo sent = new MessageInfo(InvocationLabel.TCBSetPriority.label(), 0, 1, 1);
            assertThat(info(client)).isEqualTo(sent);
            assertThat(mr(client, 0)).isEqualTo(101);
            assertThat(badge(client)).isEqualTo(targetCptr);
            assertThat(client.tcbState).isSameAs(ThreadState.Running);
        }

        @Test
        void invokingAnEmptySlotIsAnInvalidCapabilityError() {
            int empty = w.freeSlot();
            w.invoke(Syscall.SysCall, empty, 1, caps());
            assertThat(info(client).label()).isEqualTo(SyscallError.seL4_InvalidCapability);
            assertThat(info(client).length()).isEqualTo(1);
            assertThat(mr(client, 0)).isZero();
        }

        @Test
        void nbSendToAnUnresolvableCptrIsDropped() {
            w.invoke(Syscall.SysNBSend, BAD_CPTR, 1, caps(), 5);
            assertThat(client.tcbState).isSameAs(ThreadState.Running);
            assertThat(client.tcbFault).isNull();
            assertThat(mr(client, 0)).isEqualTo(5);
            assertThat(w.ks.ksCurThread).isSameAs(client);
        }

        @Test
        void callToAnUnresolvableCptrWithoutFaultHandlerStopsTheThread() {
            w.invoke(Syscall.SysCall, BAD_CPTR, 1, caps());
            assertThat(client.tcbState).isSameAs(ThreadState.Inactive);
            assertThat(w.ks.ksCurThread).isSameAs(w.idle);
        }

        @Test
        void callToAnUnresolvableCptrSendsACapFaultToTheHandler() {
            Tcb handler = faultHandlerWaiting();
            w.invoke(Syscall.SysCall, BAD_CPTR, 1, caps());
            assertThat(w.ks.ksCurThread).isSameAs(handler);
            assertThat(info(handler).label()).isEqualTo(Fault.seL4_Fault_CapFault);
            assertThat(mr(handler, 0)).isEqualTo(EntryTestSupport.USER_PC); // restart PC
            assertThat(mr(handler, 1)).isEqualTo(BAD_CPTR);
            assertThat(mr(handler, 2)).isZero(); // not in the receive phase
            assertThat(mr(handler, 3)).isEqualTo(LookupFault.seL4_GuardMismatch);
            assertThat(badge(handler)).isEqualTo(0x55);
            assertThat(client.tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnReply);
        }
    }

    // ---- the data-returning TCB invocations, conforming and legacy ----

    @Nested
    class DataReplies {
        @Test
        void readRegistersReplyHoldsTheRegistersOnCall() {
            int[] frame = w.k.arch.frameRegisters();
            int[] gp = w.k.arch.gpRegisters();
            for (int i = 0; i < frame.length; i++) {
                EntryTestSupport.setRegister(target, frame[i], 0x100 + i);
            }
            for (int i = 0; i < gp.length; i++) {
                EntryTestSupport.setRegister(target, gp[i], 0x200 + i);
            }
            int n = frame.length + 2;
            w.invoke(Syscall.SysCall, targetCptr, InvocationLabel.TCBReadRegisters.label(), caps(), 0, n);
            assertThat(info(client)).isEqualTo(new MessageInfo(0, 0, 0, n));
            assertThat(badge(client)).isZero();
            assertThat(mr(client, 0)).isEqualTo(0x100);
            assertThat(mr(client, 3)).isEqualTo(0x103);
            assertThat(w.bufferWord(client, 4 + 1)).isEqualTo(0x104);
            assertThat(w.bufferWord(client, frame.length + 1 + 1)).isEqualTo(0x201);
            assertThat(client.tcbState).isSameAs(ThreadState.Running);
        }

        @Test
        void readRegistersWithoutBufferReportsOnlyTheRegisterWords() {
            w.removeIpcBuffer(client);
            w.invoke(Syscall.SysCall, targetCptr, InvocationLabel.TCBReadRegisters.label(), caps(), 0, 10);
            assertThat(info(client).length()).isEqualTo(Registers.n_msgRegisters);
        }

        @Test
        void readRegistersOnSendWritesNothing() {
            w.invoke(Syscall.SysSend, targetCptr, InvocationLabel.TCBReadRegisters.label(), caps(), 0, 3);
            assertThat(info(client)).isEqualTo(new MessageInfo(InvocationLabel.TCBReadRegisters.label(), 0, 0, 2));
            assertThat(mr(client, 1)).isEqualTo(3);
            assertThat(badge(client)).isEqualTo(targetCptr);
        }

        @Test
        void setFlagsRepliesTheNewFlagsOnCallOnly() {
            w.invoke(Syscall.SysCall, targetCptr, InvocationLabel.TCBSetFlags.label(), caps(), 0, 0xff);
            assertThat(target.tcbFlags).isEqualTo(Tcb.seL4_TCBFlag_fpuDisabled);
            assertThat(info(client)).isEqualTo(new MessageInfo(0, 0, 0, 1));
            assertThat(mr(client, 0)).isEqualTo(1);
            assertThat(badge(client)).isZero();

            w.invoke(Syscall.SysSend, targetCptr, InvocationLabel.TCBSetFlags.label(), caps(), 1, 0);
            assertThat(target.tcbFlags).isZero();
            assertThat(info(client)).isEqualTo(new MessageInfo(InvocationLabel.TCBSetFlags.label(), 0, 0, 2));
            assertThat(mr(client, 0)).isEqualTo(1);
        }

        /** LEGACY-REPLY-BUGS §A6 invokeGetBreakpoint, codes R and L. */
        // legacy-form: pins R (word 4 written through a read-only buffer) and L (length 5 without a buffer) of invokeGetBreakpoint
        @Tag("legacy-form")
        @Test
        void getBreakpointWritesWord4IntoAReadOnlyBufferAndClaimsLength5() {
            w.k.tcbInvocations.invokeSetBreakpoint(target, 4, 0x5000, TcbInvocations.seL4_DataBreakpoint, 4,
                    TcbInvocations.seL4_BreakOnWrite);
            Frame ro = w.giveIpcBuffer(client, VMRights.VMReadOnly);
            long writes = ro.kernelWrites();
            w.invoke(Syscall.SysCall, targetCptr, InvocationLabel.TCBGetBreakpoint.label(), caps(), 4);
            assertThat(info(client)).isEqualTo(new MessageInfo(0, 0, 0, 5));
            assertThat(badge(client)).isZero();
            assertThat(mr(client, 0)).isEqualTo(0x5000);
            assertThat(mr(client, 1)).isEqualTo(TcbInvocations.seL4_DataBreakpoint);
            assertThat(mr(client, 2)).isEqualTo(4);
            assertThat(mr(client, 3)).isEqualTo(TcbInvocations.seL4_BreakOnWrite);
            assertThat(w.bufferWord(client, 5)).isEqualTo(1); // R: written through read authority
            assertThat(ro.kernelWrites()).isEqualTo(writes + 1);
            assertThat(client.tcbState).isSameAs(ThreadState.Running);

            w.removeIpcBuffer(client);
            w.invoke(Syscall.SysCall, targetCptr, InvocationLabel.TCBGetBreakpoint.label(), caps(), 4);
            assertThat(info(client).length()).isEqualTo(5); // L: word 4 was dropped but still counted
        }

        /** LEGACY-REPLY-BUGS §A4/§A6: the data survives, the length is clobbered to 0 (C), badge zeroed by the empty reply. */
        // legacy-form: pins C of invokeConfigureSingleStepping (the empty reply clobbers the length to 0)
        @Tag("legacy-form")
        @Test
        void configureSingleSteppingOnCallIsClobberedByTheEmptyReply() {
            w.invoke(Syscall.SysCall, targetCptr, InvocationLabel.TCBConfigureSingleStepping.label(), caps(), 2, 5);
            assertThat(info(client)).isEqualTo(new MessageInfo(0, 0, 0, 0));
            assertThat(mr(client, 0)).isEqualTo(1);
            assertThat(badge(client)).isZero();
            assertThat(target.tcbArch.debug.singleStepEnabled).isTrue();
            assertThat(client.tcbState).isSameAs(ThreadState.Running);
        }

        /** Codes G, I and B: on Send the caller's MR0 is overwritten, msgInfo and badge are not. */
        // legacy-form: pins G of invokeConfigureSingleStepping (MR0 overwritten on Send)
        @Tag("legacy-form")
        @Test
        void configureSingleSteppingOnSendOverwritesTheCallersMessageRegister() {
            w.invoke(Syscall.SysSend, targetCptr, InvocationLabel.TCBConfigureSingleStepping.label(), caps(), 2, 5);
            assertThat(mr(client, 0)).isEqualTo(1);
            assertThat(info(client)).isEqualTo(new MessageInfo(InvocationLabel.TCBConfigureSingleStepping.label(), 0, 0, 2));
            assertThat(badge(client)).isEqualTo(targetCptr);
        }

        /** §A8 code P: the perform stage reads the register values through the decode-time buffer. */
        @Test
        void writeRegistersTakesValuesBeyondTheRegistersFromTheBuffer() {
            int[] frame = w.k.arch.frameRegisters();
            w.invoke(Syscall.SysCall, targetCptr, InvocationLabel.TCBWriteRegisters.label(), caps(),
                    0, 6, 0x7000, 0x9000, 0, 11, 12, 13);
            assertThat(reg(target, frame[0])).isEqualTo(0x7000);
            assertThat(reg(target, frame[5])).isEqualTo(13);
            assertThat(info(client)).isEqualTo(new MessageInfo(0, 0, 0, 0));
        }
    }

    // ---- receive ----

    @Nested
    class Receive {
        @Test
        void recvOnAnIdleEndpointBlocksWithTheReplyObject() {
            Endpoint ep = w.newEndpoint();
            int epCptr = w.put(new EndpointCap(ep, 0, false, true, false, false));
            Reply r = w.newReply();
            int replyCptr = w.put(new ReplyCap(r, true));
            EntryTestSupport.setRegister(client, Registers.capRegister, epCptr);
            EntryTestSupport.setRegister(client, Registers.replyRegister, replyCptr);
            w.syscall(Syscall.SysRecv);
            assertThat(client.tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnReceive);
            assertThat(client.tcbState.replyObject()).isSameAs(r);
            assertThat(ep.queue.head).isSameAs(client);
            assertThat(w.ks.ksCurThread).isSameAs(w.idle);
        }

        @Test
        void nbRecvOnAnIdleEndpointReturnsBadgeZero() {
            Endpoint ep = w.newEndpoint();
            int epCptr = w.put(new EndpointCap(ep, 0, false, true, false, false));
            int replyCptr = w.put(new ReplyCap(w.newReply(), true));
            EntryTestSupport.setRegister(client, Registers.capRegister, epCptr);
            EntryTestSupport.setRegister(client, Registers.replyRegister, replyCptr);
            w.syscall(Syscall.SysNBRecv);
            assertThat(badge(client)).isZero();
            assertThat(client.tcbState).isSameAs(ThreadState.Running);
            assertThat(ep.state).isEqualTo(EPState.Idle);
        }

        @Test
        void recvWithANonReplyCapInTheReplyRegisterIsAReceivePhaseCapFault() {
            Tcb handler = faultHandlerWaiting();
            Endpoint ep = w.newEndpoint();
            int epCptr = w.put(new EndpointCap(ep, 0, false, true, false, false));
            EntryTestSupport.setRegister(client, Registers.capRegister, epCptr);
            EntryTestSupport.setRegister(client, Registers.replyRegister, epCptr);
            w.syscall(Syscall.SysRecv);
            assertThat(info(handler).label()).isEqualTo(Fault.seL4_Fault_CapFault);
            assertThat(mr(handler, 1)).isEqualTo(epCptr);
            assertThat(mr(handler, 2)).isEqualTo(1); // in the receive phase
            assertThat(mr(handler, 3)).isEqualTo(LookupFault.seL4_MissingCapability);
            assertThat(ep.state).isEqualTo(EPState.Idle);
        }

        @Test
        void waitOnANotificationWithoutReceiveRightFaults() {
            Notification n = w.newNotification();
            int cptr = w.put(new NotificationCap(n, 0, true, false));
            EntryTestSupport.setRegister(client, Registers.capRegister, cptr);
            w.syscall(Syscall.SysWait);
            assertThat(client.tcbState).isSameAs(ThreadState.Inactive);
            assertThat(n.state).isEqualTo(NtfnState.Idle);
        }

        @Test
        void waitOnANotificationBoundToAnotherThreadFaults() {
            Notification n = w.newNotification();
            n.ntfnBoundTCB = target;
            target.tcbBoundNotification = n;
            int cptr = w.put(new NotificationCap(n, 0, true, true));
            EntryTestSupport.setRegister(client, Registers.capRegister, cptr);
            w.syscall(Syscall.SysWait);
            assertThat(client.tcbState).isSameAs(ThreadState.Inactive);
        }

        @Test
        void pollingAnActiveNotificationTakesTheBadge() {
            Notification n = w.newNotification();
            n.state = NtfnState.Active;
            n.ntfnMsgIdentifier = 0x30;
            int cptr = w.put(new NotificationCap(n, 0, true, true));
            EntryTestSupport.setRegister(client, Registers.capRegister, cptr);
            w.syscall(Syscall.SysNBWait);
            assertThat(badge(client)).isEqualTo(0x30);
            assertThat(n.state).isEqualTo(NtfnState.Idle);
            assertThat(client.tcbState).isSameAs(ThreadState.Running);
        }
    }

    // ---- two-phase syscalls ----

    @Nested
    class TwoPhase {
        @Test
        void callThenReplyRecvRoundTrip() {
            Endpoint ep = w.newEndpoint();
            Tcb server = w.newThread("server", 150);
            w.giveRoundRobinSc(server);
            Reply r = blockInRecv(server, ep);
            int clientEp = w.put(new EndpointCap(ep, 0x77, true, false, true, true));
            int serverEp = w.put(new EndpointCap(ep, 0, false, true, false, false));
            int serverReply = w.put(new ReplyCap(r, true));

            w.invoke(Syscall.SysCall, clientEp, 9, caps(), 11, 22);
            assertThat(w.ks.ksCurThread).isSameAs(server);
            assertThat(info(server)).isEqualTo(new MessageInfo(9, 0, 0, 2));
            assertThat(mr(server, 0)).isEqualTo(11);
            assertThat(mr(server, 1)).isEqualTo(22);
            assertThat(badge(server)).isEqualTo(0x77);
            assertThat(client.tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnReply);

            EntryTestSupport.setRegister(server, Registers.replyRegister, serverReply);
            EntryTestSupport.setRegister(server, Registers.capRegister, serverEp);
            w.setMessage(server, 0, 0, 33);
            w.syscall(Syscall.SysReplyRecv);

            assertThat(server.tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnReceive);
            assertThat(server.tcbState.replyObject()).isSameAs(r);
            assertThat(w.ks.ksCurThread).isSameAs(client);
            assertThat(client.tcbState).isSameAs(ThreadState.Running);
            assertThat(info(client)).isEqualTo(new MessageInfo(0, 0, 0, 1));
            assertThat(mr(client, 0)).isEqualTo(33);
        }

        @Test
        void thePhaseOneInvocationMayNotBeAThreadCap() {
            Endpoint ep = w.newEndpoint();
            int epCptr = w.put(new EndpointCap(ep, 0, false, true, false, false));
            int replyCptr = w.put(new ReplyCap(w.newReply(), true));
            EntryTestSupport.setRegister(client, Registers.nbsendRecvDest, targetCptr);
            EntryTestSupport.setRegister(client, Registers.capRegister, epCptr);
            EntryTestSupport.setRegister(client, Registers.replyRegister, replyCptr);
            w.setMessage(client, InvocationLabel.TCBSetPriority.label(), 1, 70);
            w.setExtraCaps(client, w.clientCptr);
            w.syscall(Syscall.SysNBSendRecv);
            assertThat(target.tcbPriority).isEqualTo(50);
            assertThat(client.tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnReceive);
        }

        @Test
        void nbSendWaitSignalsThenWaitsWithoutAReplyObject() {
            Endpoint ep = w.newEndpoint();
            Notification n = w.newNotification();
            int epCptr = w.put(new EndpointCap(ep, 0, false, true, false, false));
            int ntfnCptr = w.put(new NotificationCap(n, 0x8, true, false));
            EntryTestSupport.setRegister(client, Registers.capRegister, epCptr);
            EntryTestSupport.setRegister(client, Registers.replyRegister, ntfnCptr);
            w.setMessage(client, 0, 0);
            w.syscall(Syscall.SysNBSendWait);
            assertThat(n.state).isEqualTo(NtfnState.Active);
            assertThat(n.ntfnMsgIdentifier).isEqualTo(0x8);
            assertThat(client.tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnReceive);
            assertThat(client.tcbState.replyObject()).isNull();
        }
    }

    // ---- faults other than capability faults ----

    @Nested
    class FaultEntries {
        @Test
        void unknownSyscallBecomesAnUnknownSyscallFault() {
            Tcb handler = faultHandlerWaiting();
            EntryTestSupport.setRegister(client, Registers.FaultIP, EntryTestSupport.USER_PC);
            w.k.callKernel(new Event.UnknownSyscallEvent(-42));
            assertThat(info(handler).label()).isEqualTo(Fault.seL4_Fault_UnknownSyscall);
            assertThat(client.tcbFault).isEqualTo(new Fault.UnknownSyscall(-42));
            assertThat(client.tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnReply);
        }

        @Test
        void userExceptionKeepsTheFieldWidthsOfTheFault() {
            Tcb handler = faultHandlerWaiting();
            w.k.callKernel(new Event.UserLevelFaultEvent(0x1_2345_6789L, 0xffff_ffff_ffffL));
            assertThat(info(handler).label()).isEqualTo(Fault.seL4_Fault_UserException);
            assertThat(client.tcbFault).isEqualTo(new Fault.UserException(0x2345_6789L, 0xfff_ffffL));
        }

        @Test
        void vmFaultIsDeliveredWithTheVmFaultLabel() {
            Tcb handler = faultHandlerWaiting();
            w.k.callKernel(new Event.VMFaultEvent(Event.VMFaultType.seL4_DataFault, 0xdead_0000L, 0x93));
            assertThat(info(handler).label()).isEqualTo(Fault.seL4_Fault_VMFault);
            assertThat(client.tcbFault).isInstanceOf(Fault.VMFault.class);
        }
    }

    // ---- MCS budget and interrupt entry ----

    @Nested
    class BudgetAndInterrupts {
        private Tcb peer;

        private void peerAtSamePriority() {
            peer = w.newThread("peer", 100);
            w.giveRoundRobinSc(peer);
            w.makeReady(peer);
        }

        @Test
        void yieldGivesTheTimesliceToAnEqualPriorityThread() {
            peerAtSamePriority();
            w.syscall(Syscall.SysYield);
            assertThat(w.ks.ksCurThread).isSameAs(peer);
            assertThat(client.tcbQueued).isTrue();
            // The whole refill was charged, but scConsumed records only the time really used.
            assertThat(client.tcbSchedContext.scConsumed).isZero();
        }

        @Test
        void aSyscallWithAnExhaustedBudgetIsSkippedAndRestarted() {
            w.k.machine.timer().advance(EntryTestSupport.BUDGET + 1);
            w.invoke(Syscall.SysCall, targetCptr, InvocationLabel.TCBSetPriority.label(), caps(w.clientCptr), 70);
            assertThat(target.tcbPriority).isEqualTo(50);
            // activateThread rewound the PC: the syscall instruction runs again.
            assertThat(reg(client, Registers.NextIP)).isEqualTo(reg(client, Registers.FaultIP));
            assertThat(client.tcbState).isSameAs(ThreadState.Running);
            assertThat(info(client).label()).isEqualTo(InvocationLabel.TCBSetPriority.label());
        }

        @Test
        void theTimerInterruptIsAcknowledgedAndTheDeadlineReprogrammed() {
            w.k.machine.setDeadline(1_000);
            w.k.machine.timer().advance(1_000);
            long[] before = client.tcbArch.tcbContext.registers.clone();
            w.k.callKernel(Event.InterruptEvent.INSTANCE);
            long deadline = w.k.machine.timer().getDeadline();
            assertThat(deadline).isNotEqualTo(Timer.NO_DEADLINE).isGreaterThan(w.k.machine.getCurrentTime());
            assertThat(w.k.machine.irq().isPending(w.k.config.timerIrq())).isFalse();
            assertThat(w.ks.ksReprogram).isFalse();
            assertThat(w.ks.ksCurThread).isSameAs(client);
            assertThat(client.tcbArch.tcbContext.registers).isEqualTo(before);
        }

        /** LEGACY-REPLY-BUGS §B2: the interrupt entry charges the budget before it handles the IRQ. */
        @Test
        void theInterruptEntryEndsAnExhaustedTimesliceBeforeHandlingTheIrq() {
            peerAtSamePriority();
            w.k.machine.timer().advance(EntryTestSupport.BUDGET + 1);
            w.k.callKernel(Event.InterruptEvent.INSTANCE);
            assertThat(w.ks.ksCurThread).isSameAs(peer);
            assertThat(client.tcbQueued).isTrue();
            assertThat(client.tcbState).isSameAs(ThreadState.Running);
        }

        @Test
        void aSignalIrqWakesTheDriverWithItsBadge() {
            int irq = 40;
            Notification n = w.newNotification();
            w.k.interrupts.setIRQState(IRQState.IRQSignal, irq);
            w.ks.intStateIRQNode[irq].cap = new NotificationCap(n, 0x4, true, true);
            Tcb driver = w.newThread("driver", 150);
            w.giveRoundRobinSc(driver);
            driver.tcbState = ThreadState.BlockedOnNotification(n);
            n.queue.head = driver;
            n.queue.end = driver;
            n.state = NtfnState.Waiting;

            w.k.machine.irq().assertLine(irq);
            w.k.callKernel(Event.InterruptEvent.INSTANCE);

            assertThat(w.ks.ksCurThread).isSameAs(driver);
            assertThat(badge(driver)).isEqualTo(0x4);
            assertThat(w.k.machine.irq().isMasked(irq)).isTrue();
            assertThat(client.tcbQueued).isTrue();
        }

        @Test
        void aSpuriousInterruptChangesNothing() {
            long[] before = client.tcbArch.tcbContext.registers.clone();
            w.k.callKernel(Event.InterruptEvent.INSTANCE);
            assertThat(w.ks.ksCurThread).isSameAs(client);
            assertThat(client.tcbArch.tcbContext.registers).isEqualTo(before);
        }
    }
}
