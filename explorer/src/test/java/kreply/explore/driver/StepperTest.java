// contract: the driver applies scenario events as the hardware would — time stops at the kernel's deadline, interrupts are taken at once, a rewound syscall is re-executed, impossible events change nothing — runs the oracle after every event, and classifies the #346 violations by the queue the blocked thread is in.
package kreply.explore.driver;

import static org.assertj.core.api.Assertions.assertThat;

import kreply.explore.trace.EventKind;
import kreply.explore.trace.FaultKind;
import kreply.explore.trace.SyscallOp;
import kreply.explore.trace.TraceEvent;
import org.junit.jupiter.api.Test;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadStateType;

class StepperTest {
    private final Live live = Live.shipped("vmm");

    @Test
    void aTickStopsAtTheKernelDeadlineAndTakesTheTimerInterrupt() {
        long entries = live.sys.kernelEntries();
        assertThat(live.apply(TraceEvent.tick(300))).isEqualTo(Stepper.Outcome.OK);
        assertThat(live.sys.now()).isEqualTo(300);
        assertThat(live.sys.kernelEntries()).as("no interrupt yet").isEqualTo(entries);
        assertThat(live.apply(TraceEvent.tick(5000))).isEqualTo(Stepper.Outcome.OK);
        assertThat(live.sys.now()).as("guest0's round-robin budget ends at 1000").isEqualTo(1000);
        assertThat(live.sys.kernelEntries()).isEqualTo(entries + 1);
        assertThat(live.current()).isEqualTo("guest0");
        assertThat(live.stepper.deadlineGap()).as("a new timeslice").isEqualTo(1000);
    }

    @Test
    void aDeadlineEventApproachesTheDeadlineAndIsImpossibleBeyondIt() {
        assertThat(live.apply(TraceEvent.deadline(30))).isEqualTo(Stepper.Outcome.OK);
        assertThat(live.sys.now()).isEqualTo(970);
        assertThat(live.apply(TraceEvent.deadline(30))).isEqualTo(Stepper.Outcome.INAPPLICABLE);
        assertThat(live.sys.now()).isEqualTo(970);
    }

    @Test
    void anotherThreadsSyscallCannotHappenAndChangesNothing() {
        long entries = live.sys.kernelEntries();
        TraceEvent vmmRecv = TraceEvent.syscall("vmm", SyscallOp.RECV, "vmm_ep", "vmm_reply", 0, 0, 0, 0);
        assertThat(live.apply(vmmRecv)).isEqualTo(Stepper.Outcome.INAPPLICABLE);
        assertThat(live.sys.kernelEntries()).isEqualTo(entries);
        assertThat(live.sys.now()).isZero();
    }

    @Test
    void aSyscallWhoseBudgetRanOutIsReexecutedWhenTheThreadRunsAgain() {
        live.apply(TraceEvent.deadline(5));
        long entries = live.sys.kernelEntries();
        ThreadHandle g0 = live.sys.handleNamed("guest0");
        assertThat(live.apply(TraceEvent.syscall("guest0", SyscallOp.YIELD, null, null, 0, 0, 0, 0)))
                .isEqualTo(Stepper.Outcome.OK);
        // Entry 1: the budget check fails, guest0 is left in Restart and gets a new timeslice; entry 2:
        // it runs again at once (highest priority) and re-executes the trap.
        assertThat(live.sys.kernelEntries()).isEqualTo(entries + 2);
        long[] regs = g0.tcb.tcbArch.tcbContext.registers;
        assertThat(regs[sel4.machine.Registers.NextIP]).isEqualTo(g0.lastPc + 1);
        assertThat(g0.tcb.tcbState.tsType()).isEqualTo(ThreadStateType.Running);
    }

    @Test
    void aGuestFaultGoesToTheVmmAndTheReplyRestartsTheFaultingInstruction() {
        ThreadHandle g0 = live.sys.handleNamed("guest0");
        assertThat(live.apply(TraceEvent.fault("guest0", FaultKind.VCPU))).isEqualTo(Stepper.Outcome.OK);
        long trap = g0.lastPc;
        assertThat(live.tcb("guest0").tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnReply);
        assertThat(live.current()).as("guest1 outranks the VMM").isEqualTo("guest1");
        live.apply(TraceEvent.fault("guest1", FaultKind.VCPU));
        assertThat(live.tcb("guest1").tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnSend);
        assertThat(live.current()).isEqualTo("vmm");
        long entries = live.sys.kernelEntries();
        live.apply(TraceEvent.syscall("vmm", SyscallOp.REPLY_RECV, "vmm_ep", "vmm_reply", 0, 0, 0, 0));
        // The reply restarts guest0, which runs at once and re-executes its trap (the VMM did not move
        // its PC on): it faults again and now waits for the VMM, which took guest1's fault meanwhile.
        assertThat(live.sys.kernelEntries()).isEqualTo(entries + 2);
        assertThat(g0.lastPc).isEqualTo(trap);
        assertThat(live.tcb("guest0").tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnSend);
        assertThat(live.tcb("guest1").tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnReply);
        assertThat(live.current()).isEqualTo("vmm");
    }

    @Test
    void aDeviceInterruptSignalsItsNotificationAndStaysMaskedUntilAcknowledged() {
        TraceEvent uart = TraceEvent.irq("uart");
        assertThat(live.apply(uart)).isEqualTo(Stepper.Outcome.OK);
        Tcb vmm = live.tcb("vmm");
        assertThat(vmm.tcbState.isRunnable()).as("woken through its bound notification").isTrue();
        assertThat(live.stepper.enabled(live.catalog.find(uart))).as("the line is still up").isFalse();
    }

    @Test
    void theOracleRunsAfterEventsThatEnterNoKernel() {
        live.tcb("vmm").tcbQueued = true;
        assertThat(live.apply(TraceEvent.tick(1))).isEqualTo(Stepper.Outcome.VIOLATION);
        assertThat(live.stepper.violation().invariantId()).isEqualTo("Q1");
        assertThat(live.stepper.violation().irqHandler()).isNull();
    }

    @Test
    void anInterruptThatIsNeverSilencedIsAStormNotAViolation() {
        // A reserved line the kernel does not handle is neither masked nor acknowledged away.
        live.sys.k.ks.intStateIRQTable[40] = sel4.model.IRQState.IRQReserved;
        long entries = live.sys.kernelEntries();
        assertThat(live.apply(TraceEvent.irq("uart"))).isEqualTo(Stepper.Outcome.STUCK);
        assertThat(live.sys.kernelEntries() - entries).isEqualTo(Stepper.SETTLE_LIMIT);
    }

    @Test
    void anExceptionEscapingTheKernelIsACrash() {
        live.sys.k.ks.ksCurSC = null;
        assertThat(live.apply(TraceEvent.syscall("guest0", SyscallOp.YIELD, null, null, 0, 0, 0, 0)))
                .isEqualTo(Stepper.Outcome.VIOLATION);
        Violation v = live.stepper.violation();
        assertThat(v.kind()).isEqualTo(Violation.Kind.CRASH);
        assertThat(v.invariant()).isEqualTo("crash: NullPointerException");
        assertThat(v.detail()).startsWith("an exception escaped the kernel: java.lang.NullPointerException")
                .contains(" at sel4.");
        assertThat(v.variant()).isEqualTo(Variant.OTHER);
    }

    @Test
    void theReadyQueueVariantOfIssue346() {
        live.apply(TraceEvent.deadline(1));
        Stepper.Outcome o = live.apply(TraceEvent.guest(EventKind.VPPI, "guest0", 0));
        assertThat(o).isEqualTo(Stepper.Outcome.VIOLATION);
        Violation v = live.stepper.violation();
        assertThat(v.kind()).isEqualTo(Violation.Kind.INVARIANT);
        assertThat(v.invariantId()).isIn("Q11", "Q12");
        assertThat(v.thread()).isEqualTo("guest0");
        assertThat(v.variant()).isEqualTo(Variant.READY_QUEUE);
        assertThat(v.irqHandler()).isEqualTo("VPPIEvent");
    }

    @Test
    void theReleaseQueueVariantOfIssue346() {
        live.apply(TraceEvent.fault("guest0", FaultKind.VCPU));
        assertThat(live.current()).isEqualTo("guest1");
        live.apply(TraceEvent.deadline(1));
        Stepper.Outcome o = live.apply(TraceEvent.guest(EventKind.EOI, "guest1", 0));
        assertThat(o).isEqualTo(Stepper.Outcome.VIOLATION);
        Violation v = live.stepper.violation();
        assertThat(v.thread()).isEqualTo("guest1");
        assertThat(v.variant()).isEqualTo(Variant.RELEASE_QUEUE);
        assertThat(v.irqHandler()).isEqualTo("VGICMaintenance");
    }

    @Test
    void theSameEventsOutsideTheBudgetWindowAreFine() {
        live.apply(TraceEvent.deadline(500));
        assertThat(live.apply(TraceEvent.guest(EventKind.VPPI, "guest0", 0))).isEqualTo(Stepper.Outcome.OK);
        assertThat(live.tcb("guest0").tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnReply);
        assertThat(live.tcb("guest0").tcbQueued).isFalse();
    }
}
