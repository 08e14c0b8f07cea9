package sel4.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static sel4.api.InvocationLabel.IRQAckIRQ;
import static sel4.api.InvocationLabel.IRQClearIRQHandler;
import static sel4.api.InvocationLabel.IRQIssueIRQHandler;
import static sel4.api.InvocationLabel.IRQSetIRQHandler;
import static sel4.labels.CallerView.deleteFirst;
import static sel4.labels.CallerView.emptyReply;
import static sel4.labels.CallerView.failedLookup;
import static sel4.labels.CallerView.illegal;
import static sel4.labels.CallerView.invalidCapability;
import static sel4.labels.CallerView.range;
import static sel4.labels.CallerView.revokeFirst;
import static sel4.labels.CallerView.truncated;
import static sel4.labels.Rig.CNODE;
import static sel4.labels.Rig.DEPTH;
import static sel4.labels.Rig.IRQ_CONTROL;
import static sel4.labels.Rig.NO_CAPS;
import static sel4.labels.Rig.caps;

import java.util.List;
import sel4.api.LookupFault;
import sel4.model.Config;
import sel4.model.IRQState;
import sel4.object.cap.IRQHandlerCap;
import sel4.object.cap.NotificationCap;
import sel4.object.cap.NullCap;
import sel4.object.notification.Notification;
import sel4.object.notification.NtfnState;
import sel4.user.RootTask;

/**
 * IRQ control and IRQ handler labels (src/object/interrupt.c): IssueIRQHandler with the IRQ
 * number, IRQ state and destination-slot checks; SetIRQHandler with its notification checks;
 * Ack and Clear, which check nothing but the cap they are sent to.
 */
final class IrqCases implements CaseFamily {
    private static final int IRQ = 40;

    @Override
    public String name() {
        return "IRQ control and handlers";
    }

    @Override
    public List<LabelCase> cases() {
        CaseList c = new CaseList(Config.aarch64());
        c.success(IRQIssueIRQHandler, "a handler cap for a free IRQ, which becomes a signal IRQ", r -> {
            long dest = r.free();
            emptyReply(r.call(IRQ_CONTROL, IRQIssueIRQHandler, caps(CNODE), IRQ, dest, DEPTH));
            assertThat(r.cap(dest)).isEqualTo(new IRQHandlerCap(IRQ));
            assertThat(r.ks.intStateIRQTable[IRQ]).isEqualTo(IRQState.IRQSignal);
            assertThat(r.root.slot(IRQ_CONTROL).mdbNext).isSameAs(r.root.slot(dest));
        });
        c.error(IRQIssueIRQHandler, "TruncatedMessage: fewer than three words or no CNode", r -> {
            long dest = r.free();
            truncated(r.call(IRQ_CONTROL, IRQIssueIRQHandler, caps(CNODE), IRQ, dest));
            truncated(r.call(IRQ_CONTROL, IRQIssueIRQHandler, NO_CAPS, IRQ, dest, DEPTH));
            assertFree(r, dest);
        });
        c.error(IRQIssueIRQHandler, "RangeError [0, maxIRQ]: no such IRQ line", r -> {
            long dest = r.free();
            int max = r.k.config.maxIRQ();
            range(r.call(IRQ_CONTROL, IRQIssueIRQHandler, caps(CNODE), max + 1, dest, DEPTH), 0, max);
            assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
        });
        c.error(IRQIssueIRQHandler, "RevokeFirst: the IRQ is already in use (kernel timer, issued IRQ)", r -> {
            long dest = r.free();
            revokeFirst(r.call(IRQ_CONTROL, IRQIssueIRQHandler, caps(CNODE), r.k.config.timerIrq(), dest, DEPTH));
            r.setUp(IRQ_CONTROL, IRQIssueIRQHandler, caps(CNODE), IRQ, dest, DEPTH);
            long second = r.free();
            revokeFirst(r.call(IRQ_CONTROL, IRQIssueIRQHandler, caps(CNODE), IRQ, second, DEPTH));
            assertThat(r.cap(second)).isEqualTo(NullCap.INSTANCE);
        });
        c.error(IRQIssueIRQHandler, "RangeError [1, 64]: destination depth out of range", r -> {
            long dest = r.free();
            range(r.call(IRQ_CONTROL, IRQIssueIRQHandler, caps(CNODE), IRQ, dest, 0), 1, 64);
            assertFree(r, dest);
        });
        c.error(IRQIssueIRQHandler, "FailedLookup [0, invalid root]: the destination root is not a CNode", r -> {
            long dest = r.free();
            failedLookup(r.call(IRQ_CONTROL, IRQIssueIRQHandler, caps(r.endpoint()), IRQ, dest, DEPTH), false,
                    new LookupFault.InvalidRoot());
            assertFree(r, dest);
        });
        c.error(IRQIssueIRQHandler, "DeleteFirst: the destination slot is occupied", r -> {
            long occupied = r.endpoint();
            deleteFirst(r.call(IRQ_CONTROL, IRQIssueIRQHandler, caps(CNODE), IRQ, occupied, DEPTH));
            assertThat(r.ks.intStateIRQTable[IRQ]).isEqualTo(IRQState.IRQInactive);
        });

        c.success(IRQSetIRQHandler, "the IRQ then signals the notification with the cap's badge", r -> {
            long handler = handler(r);
            long ntfn = r.notification();
            long badged = r.mint(ntfn, RootTask.ALL_RIGHTS, 0x40);
            emptyReply(r.call(handler, IRQSetIRQHandler, caps(badged)));
            fire(r);
            Notification n = r.object(ntfn, Notification.class);
            assertThat(n.state).isEqualTo(NtfnState.Active);
            assertThat(n.ntfnMsgIdentifier).isEqualTo(0x40);
        });
        c.error(IRQSetIRQHandler, "TruncatedMessage: no notification cap", r -> {
            long handler = handler(r);
            truncated(r.call(handler, IRQSetIRQHandler, NO_CAPS));
            assertThat(r.ks.intStateIRQNode[IRQ].cap).isEqualTo(NullCap.INSTANCE);
        });
        c.error(IRQSetIRQHandler, "InvalidCapability 0: not a notification, or one without send right", r -> {
            long handler = handler(r);
            invalidCapability(r.call(handler, IRQSetIRQHandler, caps(r.endpoint())), 0);
            invalidCapability(r.call(handler, IRQSetIRQHandler, caps(r.copy(r.notification(), TcbControlCases.READ))),
                    0);
            assertThat(r.ks.intStateIRQNode[IRQ].cap).isEqualTo(NullCap.INSTANCE);
        });

        c.success(IRQAckIRQ, "unmasks the IRQ the kernel masked when it signalled", r -> {
            long handler = handler(r);
            r.setUp(handler, IRQSetIRQHandler, caps(r.notification()));
            fire(r);
            assertThat(r.k.machine.irq().isMasked(IRQ)).as("masked until acknowledged").isTrue();
            emptyReply(r.call(handler, IRQAckIRQ, NO_CAPS));
            assertThat(r.k.machine.irq().isMasked(IRQ)).isFalse();
        });
        c.error(IRQAckIRQ, "IllegalOperation: sent to the IRQ control cap, which only issues handlers", r ->
                illegal(r.call(IRQ_CONTROL, IRQAckIRQ, NO_CAPS, IRQ)));

        c.success(IRQClearIRQHandler, "removes the notification: the IRQ no longer signals it", r -> {
            long handler = handler(r);
            long ntfn = r.notification();
            r.setUp(handler, IRQSetIRQHandler, caps(ntfn));
            emptyReply(r.call(handler, IRQClearIRQHandler, NO_CAPS));
            assertThat(r.ks.intStateIRQNode[IRQ].cap).isEqualTo(NullCap.INSTANCE);
            fire(r);
            assertThat(r.object(ntfn, Notification.class).state).isEqualTo(NtfnState.Idle);
        });
        c.error(IRQClearIRQHandler, "IllegalOperation: sent to the IRQ control cap, which only issues handlers", r -> {
            long handler = handler(r);
            long ntfn = r.notification();
            r.setUp(handler, IRQSetIRQHandler, caps(ntfn));
            illegal(r.call(IRQ_CONTROL, IRQClearIRQHandler, NO_CAPS));
            assertThat(r.ks.intStateIRQNode[IRQ].cap).isInstanceOf(NotificationCap.class);
        });
        return c.rows();
    }

    private static void assertFree(Rig r, long dest) {
        assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
        assertThat(r.ks.intStateIRQTable[IRQ]).isEqualTo(IRQState.IRQInactive);
    }

    private static long handler(Rig r) {
        long dest = r.free();
        r.setUp(IRQ_CONTROL, IRQIssueIRQHandler, caps(CNODE), IRQ, dest, DEPTH);
        return dest;
    }

    /** A device pulses the IRQ line; the kernel takes the interrupt while the root task waits. */
    private static void fire(Rig r) {
        r.k.machine.irq().assertLine(IRQ);
        r.sim.run();
        r.k.machine.irq().deassertLine(IRQ);
    }
}
