// contract: interrupts are delivered by IRQ state (signal, timer, reserved, inactive, out of range) with the GICv2 mask/ack discipline, and IRQ control / handler invocations answer bad arguments with seL4's errors.
package sel4.object.interrupt;

import static org.assertj.core.api.Assertions.assertThat;
import static sel4.api.ExceptionT.EXCEPTION_NONE;
import static sel4.api.ExceptionT.EXCEPTION_SYSCALL_ERROR;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sel4.api.EntryTestSupport;
import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.SyscallError;
import sel4.machine.InterruptController;
import sel4.machine.Timer;
import sel4.model.IRQState;
import sel4.object.cap.Cap;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.IRQControlCap;
import sel4.object.cap.IRQHandlerCap;
import sel4.object.cap.NotificationCap;
import sel4.object.cap.NullCap;
import sel4.object.cnode.Cte;
import sel4.object.frame.IpcBuffer;
import sel4.object.notification.Notification;
import sel4.object.notification.NtfnState;
import sel4.object.tcb.ThreadState;
import sel4.object.tcb.ThreadStateType;

class InterruptsTest {
    private static final int DEVICE_IRQ = 40;

    private EntryTestSupport w;
    private Interrupts irqs;
    private InterruptController gic;
    private Cte irqControlSlot;

    @BeforeEach
    void setUp() {
        w = new EntryTestSupport();
        irqs = w.k.interrupts;
        gic = w.k.machine.irq();
        irqControlSlot = w.slot(w.put(new IRQControlCap()));
    }

    private void extraCaps(Cap... caps) {
        Arrays.fill(w.ks.current_extra_caps, null);
        for (int i = 0; i < caps.length; i++) {
            Cte c = new Cte(null, i);
            c.cap = caps[i];
            w.ks.current_extra_caps[i] = c;
        }
    }

    private IpcBuffer clientBuffer() {
        return new IpcBuffer(w.bufferFrame(w.client), 0);
    }

    private ExceptionT issue(long irq, long index, long depth) {
        w.setMessage(w.client, InvocationLabel.IRQIssueIRQHandler.label(), 1, irq, index, depth);
        return irqs.decodeIRQControlInvocation(InvocationLabel.IRQIssueIRQHandler.label(), 3, irqControlSlot, clientBuffer());
    }

    private void assertError(ExceptionT result, SyscallError expected) {
        assertThat(result).isEqualTo(EXCEPTION_SYSCALL_ERROR);
        assertThat(w.ks.current_syscall_error).isEqualTo(expected);
        assertThat(w.client.tcbState).isSameAs(ThreadState.Running);
    }

    // ---- handleInterrupt by IRQ state ----

    @Test
    void anIrqBeyondMaxIrqIsOnlyAcknowledged() {
        long acks = gic.ackCount();
        irqs.handleInterrupt(w.k.config.maxIRQ() + 1);
        irqs.handleInterrupt(-5);
        assertThat(gic.ackCount()).isEqualTo(acks + 2);
        assertThat(w.ks.ksReprogram).isFalse();
    }

    @Test
    void theTimerIrqAcknowledgesTheDeadlineAndAsksForReprogramming() {
        int timer = w.k.config.timerIrq();
        w.k.machine.timer().advance(EntryTestSupport.BUDGET);
        assertThat(gic.getActiveIRQ()).isEqualTo(timer);
        long acks = gic.ackCount();

        irqs.handleInterrupt(timer);

        assertThat(w.k.machine.timer().getDeadline()).isEqualTo(Timer.NO_DEADLINE);
        assertThat(gic.isPending(timer)).isFalse();
        assertThat(w.ks.ksReprogram).isTrue();
        assertThat(gic.isMasked(timer)).isFalse();
        assertThat(gic.ackCount()).isEqualTo(acks + 1);
    }

    @Test
    void anInactiveIrqIsMaskedAndReported() {
        irqs.setIRQState(IRQState.IRQSignal, DEVICE_IRQ);
        gic.assertLine(DEVICE_IRQ);
        irqs.deletedIRQHandler(DEVICE_IRQ);
        assertThat(gic.isMasked(DEVICE_IRQ)).isTrue();
        // Broken hardware raises it anyway: the kernel masks it again and reports it.
        gic.maskInterrupt(false, DEVICE_IRQ);
        long acks = gic.ackCount();
        irqs.handleInterrupt(DEVICE_IRQ);
        assertThat(gic.isMasked(DEVICE_IRQ)).isTrue();
        assertThat(gic.isPending(DEVICE_IRQ)).isFalse();
        assertThat(irqs.inactiveIRQsReported()).isEqualTo(1);
        assertThat(gic.ackCount()).isEqualTo(acks + 1);
    }

    @Test
    void aSignalIrqWithoutASendCapableNotificationIsMaskedUndelivered() {
        irqs.setIRQState(IRQState.IRQSignal, DEVICE_IRQ);
        gic.assertLine(DEVICE_IRQ);
        irqs.handleInterrupt(DEVICE_IRQ);
        assertThat(gic.isMasked(DEVICE_IRQ)).isTrue();
        assertThat(irqs.undeliveredIRQs()).isEqualTo(1);

        Notification n = w.newNotification();
        w.ks.intStateIRQNode[DEVICE_IRQ].cap = new NotificationCap(n, 0x10, false, true);
        gic.maskInterrupt(false, DEVICE_IRQ);
        irqs.handleInterrupt(DEVICE_IRQ);
        assertThat(n.state).isEqualTo(NtfnState.Idle);
        assertThat(irqs.undeliveredIRQs()).isEqualTo(2);
        assertThat(gic.isMasked(DEVICE_IRQ)).isTrue();
    }

    @Test
    void setIrqStateMasksExactlyTheInactiveIrqs() {
        irqs.setIRQState(IRQState.IRQSignal, DEVICE_IRQ);
        assertThat(irqs.isIRQActive(DEVICE_IRQ)).isTrue();
        assertThat(gic.isMasked(DEVICE_IRQ)).isFalse();
        irqs.setIRQState(IRQState.IRQInactive, DEVICE_IRQ);
        assertThat(irqs.isIRQActive(DEVICE_IRQ)).isFalse();
        assertThat(gic.isMasked(DEVICE_IRQ)).isTrue();
    }

    // ---- IRQ control ----

    @Test
    void issueIrqHandlerNeedsThreeWordsAndACNode() {
        extraCaps(w.rootCNodeSlot.cap);
        w.setMessage(w.client, InvocationLabel.IRQIssueIRQHandler.label(), 1, DEVICE_IRQ, 5);
        assertError(irqs.decodeIRQControlInvocation(InvocationLabel.IRQIssueIRQHandler.label(), 2, irqControlSlot,
                clientBuffer()), SyscallError.truncatedMessage());
        extraCaps();
        assertError(issue(DEVICE_IRQ, 5, 8), SyscallError.truncatedMessage());
    }

    @Test
    void issueIrqHandlerRejectsIrqsOutsideTheController() {
        extraCaps(w.rootCNodeSlot.cap);
        int max = w.k.config.maxIRQ();
        assertError(issue(max + 1, 5, 8), SyscallError.rangeError(0, max));
        assertError(issue(-1L, 5, 8), SyscallError.rangeError(0, max));
        assertError(issue(1L << 32, 5, 8), SyscallError.rangeError(0, max));
    }

    @Test
    void issueIrqHandlerForAnIrqInUseSaysRevokeFirst() {
        extraCaps(w.rootCNodeSlot.cap);
        assertError(issue(w.k.config.timerIrq(), 5, 8), SyscallError.revokeFirst());
        assertError(issue(w.k.config.vtimerIrq(), 5, 8), SyscallError.revokeFirst());
        irqs.setIRQState(IRQState.IRQSignal, DEVICE_IRQ);
        assertError(issue(DEVICE_IRQ, 5, 8), SyscallError.revokeFirst());
    }

    // ---- IRQ handler ----

    @Test
    void irqHandlerLabelsOtherThanAckSetClearAreIllegal() {
        assertError(irqs.decodeIRQHandlerInvocation(InvocationLabel.IRQIssueIRQHandler.label(), DEVICE_IRQ),
                SyscallError.illegalOperation());
        assertError(irqs.decodeIRQHandlerInvocation(0, DEVICE_IRQ), SyscallError.illegalOperation());
        assertError(irqs.decodeIRQHandlerInvocation(Long.MIN_VALUE, DEVICE_IRQ), SyscallError.illegalOperation());
    }

    @Test
    void setIrqHandlerNeedsANotificationWithSendRight() {
        long set = InvocationLabel.IRQSetIRQHandler.label();
        extraCaps();
        assertError(irqs.decodeIRQHandlerInvocation(set, DEVICE_IRQ), SyscallError.truncatedMessage());
        extraCaps(new EndpointCap(w.newEndpoint(), 1, true, true, true, true));
        assertError(irqs.decodeIRQHandlerInvocation(set, DEVICE_IRQ), SyscallError.invalidCapability(0));
        extraCaps(new NotificationCap(w.newNotification(), 1, false, true));
        assertError(irqs.decodeIRQHandlerInvocation(set, DEVICE_IRQ), SyscallError.invalidCapability(0));
        assertThat(w.ks.intStateIRQNode[DEVICE_IRQ].cap).isInstanceOf(NullCap.class);
    }

    // ---- success paths ----

    @Test
    void issueIrqHandlerPutsAHandlerCapInTheNamedSlot() {
        extraCaps(w.rootCNodeSlot.cap);
        int dest = w.freeSlot();
        assertThat(issue(DEVICE_IRQ, dest, 64)).isEqualTo(EXCEPTION_NONE);
        assertThat(w.slot(dest).cap).isEqualTo(new IRQHandlerCap(DEVICE_IRQ));
        assertThat(w.ks.intStateIRQTable[DEVICE_IRQ]).isEqualTo(IRQState.IRQSignal);
        assertThat(gic.isMasked(DEVICE_IRQ)).isFalse();
        assertThat(w.client.tcbState.tsType()).isEqualTo(ThreadStateType.Restart);
    }

    @Test
    void issueIrqHandlerIntoAFullSlotFails() {
        extraCaps(w.rootCNodeSlot.cap);
        assertError(issue(DEVICE_IRQ, w.clientCptr, 64), SyscallError.deleteFirst());
        assertThat(w.ks.intStateIRQTable[DEVICE_IRQ]).isEqualTo(IRQState.IRQInactive);
    }

    @Test
    void issueIrqHandlerWithABadDepthIsAFailedLookupNotACrash() {
        extraCaps(w.rootCNodeSlot.cap);
        assertError(issue(DEVICE_IRQ, w.freeSlot(), 1L << 40), SyscallError.rangeError(1, 64));
        assertError(issue(DEVICE_IRQ, w.freeSlot(), -1L), SyscallError.rangeError(1, 64));
        assertThat(w.ks.intStateIRQTable[DEVICE_IRQ]).isEqualTo(IRQState.IRQInactive);
    }

    @Test
    void aSignalledIrqStaysMaskedUntilAcknowledged() {
        Notification n = w.newNotification();
        Cte ntfnSlot = w.slot(w.put(new NotificationCap(n, 0x4, true, true)));
        irqs.setIRQState(IRQState.IRQSignal, DEVICE_IRQ);
        extraCaps(ntfnSlot.cap);
        w.ks.current_extra_caps[0] = ntfnSlot;
        assertThat(irqs.decodeIRQHandlerInvocation(InvocationLabel.IRQSetIRQHandler.label(), DEVICE_IRQ))
                .isEqualTo(EXCEPTION_NONE);
        assertThat(w.ks.intStateIRQNode[DEVICE_IRQ].cap).isEqualTo(ntfnSlot.cap);

        gic.assertLine(DEVICE_IRQ);
        irqs.handleInterrupt(DEVICE_IRQ);
        assertThat(n.state).isEqualTo(NtfnState.Active);
        assertThat(n.ntfnMsgIdentifier).isEqualTo(0x4);
        assertThat(gic.isPending(DEVICE_IRQ)).isFalse();

        assertThat(irqs.decodeIRQHandlerInvocation(InvocationLabel.IRQAckIRQ.label(), DEVICE_IRQ)).isEqualTo(EXCEPTION_NONE);
        // Level-triggered: still asserted, so pending again once unmasked.
        assertThat(gic.isPending(DEVICE_IRQ)).isTrue();

        assertThat(irqs.decodeIRQHandlerInvocation(InvocationLabel.IRQClearIRQHandler.label(), DEVICE_IRQ))
                .isEqualTo(EXCEPTION_NONE);
        assertThat(w.ks.intStateIRQNode[DEVICE_IRQ].cap).isInstanceOf(NullCap.class);
    }

    @Test
    void deletingTheHandlerEmptiesTheIrqNodeSlot() {
        Notification n = w.newNotification();
        Cte ntfnSlot = w.slot(w.put(new NotificationCap(n, 0x4, true, true)));
        irqs.setIRQState(IRQState.IRQSignal, DEVICE_IRQ);
        irqs.invokeIRQHandler_SetIRQHandler(DEVICE_IRQ, ntfnSlot.cap, ntfnSlot);
        irqs.deletingIRQHandler(DEVICE_IRQ);
        irqs.deletedIRQHandler(DEVICE_IRQ);
        assertThat(w.ks.intStateIRQNode[DEVICE_IRQ].cap).isInstanceOf(NullCap.class);
        assertThat(irqs.isIRQActive(DEVICE_IRQ)).isFalse();
    }
}
