package sel4.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static sel4.api.InvocationLabel.ARMIRQIssueIRQHandlerTrigger;
import static sel4.api.InvocationLabel.ARMIRQIssueSGISignal;
import static sel4.api.InvocationLabel.ARMSMCCall;
import static sel4.labels.CallerView.dataReply;
import static sel4.labels.CallerView.deleteFirst;
import static sel4.labels.CallerView.emptyReply;
import static sel4.labels.CallerView.failedLookup;
import static sel4.labels.CallerView.illegal;
import static sel4.labels.CallerView.invalidArgument;
import static sel4.labels.CallerView.range;
import static sel4.labels.CallerView.revokeFirst;
import static sel4.labels.CallerView.truncated;
import static sel4.labels.Rig.CNODE;
import static sel4.labels.Rig.DEPTH;
import static sel4.labels.Rig.IRQ_CONTROL;
import static sel4.labels.Rig.NO_CAPS;
import static sel4.labels.Rig.caps;

import java.util.List;
import sel4.api.InvocationLabel;
import sel4.api.LookupFault;
import sel4.arch.aarch64.ArchInterrupts;
import sel4.arch.aarch64.SGISignalCap;
import sel4.arch.aarch64.SmcFirmware;
import sel4.model.BootInfoSlots;
import sel4.model.Config;
import sel4.model.IRQState;
import sel4.object.cap.IRQHandlerCap;
import sel4.object.cap.NullCap;
import sel4.user.RootTask;

/**
 * The AArch64 IRQ-control labels (src/arch/arm/object/interrupt.c Arch_decodeIRQControlInvocation:
 * IssueIRQHandlerTrigger and IssueSGISignal) and SMC Call (src/arch/arm/object/smc.c, HEAD form:
 * the conforming eight-word reply).
 *
 * <p>IssueSGISignal also refuses every request on a platform without SGIs; the model's platform
 * has 16, so that check cannot fail.
 */
final class ArmIrqAndSmcCases implements CaseFamily {
    private static final int IRQ = 41;
    private static final long SMC = BootInfoSlots.seL4_CapSMC;
    private static final long[] ARGS = {0x8400_0000L, 1, 2, 3, 4, 5, 6, 7};

    @Override
    public String name() {
        return "AArch64 IRQ control and SMC";
    }

    @Override
    public List<LabelCase> cases() {
        CaseList c = new CaseList(Config.aarch64());
        c.success(ARMIRQIssueIRQHandlerTrigger, "a handler cap; the line is set edge-triggered", r -> {
            long dest = r.free();
            emptyReply(r.call(IRQ_CONTROL, ARMIRQIssueIRQHandlerTrigger, caps(CNODE), IRQ, 1, dest, DEPTH));
            assertThat(r.cap(dest)).isEqualTo(new IRQHandlerCap(IRQ));
            assertThat(r.arm().hardware().irqTrigger(IRQ)).isTrue();
            assertThat(r.ks.intStateIRQTable[IRQ]).isEqualTo(IRQState.IRQSignal);
        });
        issueShared(c, ARMIRQIssueIRQHandlerTrigger, IRQ);
        c.error(ARMIRQIssueIRQHandlerTrigger, "RangeError [0, maxIRQ]: no such IRQ line", r -> {
            int max = r.k.config.maxIRQ();
            range(r.call(IRQ_CONTROL, ARMIRQIssueIRQHandlerTrigger, caps(CNODE), max + 1, 1, r.free(), DEPTH), 0, max);
        });
        c.error(ARMIRQIssueIRQHandlerTrigger, "RevokeFirst: the IRQ is already in use", r -> {
            long dest = r.free();
            revokeFirst(r.call(IRQ_CONTROL, ARMIRQIssueIRQHandlerTrigger, caps(CNODE), r.k.config.vtimerIrq(), 1,
                    dest, DEPTH));
            assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
            assertThat(r.arm().hardware().irqTrigger(r.k.config.vtimerIrq())).isNull();
        });

        c.success(ARMIRQIssueSGISignal, "an SGI-signal cap for the SGI and target", r -> {
            long dest = r.free();
            emptyReply(r.call(IRQ_CONTROL, ARMIRQIssueSGISignal, caps(CNODE), 7, 2, dest, DEPTH));
            assertThat(r.cap(dest)).isEqualTo(new SGISignalCap(7, 2));
        });
        issueShared(c, ARMIRQIssueSGISignal, 7);
        c.error(ARMIRQIssueSGISignal, "RangeError [0, 15]: no such SGI", r -> {
            long dest = r.free();
            range(r.call(IRQ_CONTROL, ARMIRQIssueSGISignal, caps(CNODE), Config.numSGIs, 1, dest, DEPTH), 0,
                    Config.numSGIs - 1);
            assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
        });
        c.error(ARMIRQIssueSGISignal, "InvalidArgument 1: no such target CPU interface", r -> {
            long dest = r.free();
            invalidArgument(r.call(IRQ_CONTROL, ARMIRQIssueSGISignal, caps(CNODE), 1,
                    ArchInterrupts.GIC_SGI_NUM_TARGETS, dest, DEPTH), 1);
            assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
        });

        c.success(ARMSMCCall, "conforming reply: the eight result registers (four through the buffer)", r -> {
            dataReply(r.call(SMC, ARMSMCCall, NO_CAPS, ARGS), SmcFirmware.compute(ARGS));
            assertThat(r.arm().hardware().smc().calls()).containsExactly(ARGS);
        });
        c.success(ARMSMCCall, "a badged cap performs the one function its badge names", r -> {
            long badged = r.mint(SMC, RootTask.ALL_RIGHTS, ARGS[0]);
            dataReply(r.call(badged, ARMSMCCall, NO_CAPS, ARGS), SmcFirmware.compute(ARGS));
        });
        c.error(ARMSMCCall, "TruncatedMessage: fewer than eight words", r -> {
            truncated(r.call(SMC, ARMSMCCall, NO_CAPS, 1, 2, 3, 4, 5, 6, 7));
            assertThat(r.arm().hardware().smc().calls()).isEmpty();
        });
        c.error(ARMSMCCall, "IllegalOperation: a badged cap names another function", r -> {
            long badged = r.mint(SMC, RootTask.ALL_RIGHTS, 0x8400_0001L);
            illegal(r.call(badged, ARMSMCCall, NO_CAPS, ARGS));
            assertThat(r.arm().hardware().smc().calls()).isEmpty();
        });
        return c.rows();
    }

    /** The message and destination-slot checks both IRQ-control labels share. */
    private static void issueShared(CaseList c, InvocationLabel l, long number) {
        c.error(l, "TruncatedMessage: fewer than four words or no CNode", r -> {
            long dest = r.free();
            truncated(r.call(IRQ_CONTROL, l, caps(CNODE), number, 1, dest));
            truncated(r.call(IRQ_CONTROL, l, NO_CAPS, number, 1, dest, DEPTH));
            assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
        });
        c.error(l, "RangeError [1, 64]: destination depth out of range", r -> {
            long dest = r.free();
            range(r.call(IRQ_CONTROL, l, caps(CNODE), number, 1, dest, 65), 1, 64);
            assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
        });
        c.error(l, "FailedLookup [0, invalid root]: the destination root is not a CNode", r -> {
            long dest = r.free();
            failedLookup(r.call(IRQ_CONTROL, l, caps(r.notification()), number, 1, dest, DEPTH), false,
                    new LookupFault.InvalidRoot());
            assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
        });
        c.error(l, "DeleteFirst: the destination slot is occupied", r -> {
            long occupied = r.endpoint();
            deleteFirst(r.call(IRQ_CONTROL, l, caps(CNODE), number, 1, occupied, DEPTH));
            assertThat(r.ks.intStateIRQTable[IRQ]).isEqualTo(IRQState.IRQInactive);
        });
    }
}
