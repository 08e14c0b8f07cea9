// contract: SchedControl_ConfigureFlags rejects every out-of-range or malformed argument with seL4's error and otherwise reconfigures the SC (round-robin, fresh or bandwidth-preserving refills) and puts its thread back where it belongs.
package sel4.object.schedcontrol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.SyscallError;
import sel4.kernel.KernelModule;
import sel4.kernel.SchedTestSupport;
import sel4.machine.Registers;
import sel4.model.KernelState;
import sel4.model.SchedulerAction;
import sel4.object.cap.SchedContextCap;
import sel4.object.cap.SchedControlCap;
import sel4.object.cap.ThreadCap;
import sel4.object.frame.IpcBuffer;
import sel4.object.schedcontext.Refills;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;

class SchedControlsTest {
    static final long MAX_US = 3_600_000_000L;

    SchedTestSupport s;
    KernelState ks;
    Refills r;
    Tcb ct;
    IpcBuffer buffer;
    SchedContext target;

    @BeforeEach
    void setUp() {
        s = new SchedTestSupport();
        ks = s.ks;
        r = s.k.refills;
        ct = s.rrThread("caller", 100, 10_000);
        s.makeCurrent(ct);
        buffer = s.newBuffer();
        target = s.sc("target");
        s.extraCap(new SchedContextCap(target, SchedTestSupport.SC_BITS));
    }

    private ExceptionT configure(long budget, long period, long extraRefills, long badge, long flags, int length) {
        KernelModule.setRegister(ct, Registers.msgRegisters[0], budget);
        KernelModule.setRegister(ct, Registers.msgRegisters[1], period);
        KernelModule.setRegister(ct, Registers.msgRegisters[2], extraRefills);
        KernelModule.setRegister(ct, Registers.msgRegisters[3], badge);
        buffer.frame().writeWord(buffer.baseWord() + 5, flags); // argument 4 lives in buffer word 5
        return s.k.schedControl.decodeSchedControlInvocation(InvocationLabel.SchedControlConfigureFlags.label(),
                new SchedControlCap(0), length, buffer);
    }

    private ExceptionT configure(long budget, long period, long extraRefills) {
        return configure(budget, period, extraRefills, 0, 0, 5);
    }

    private void assertError(ExceptionT result, SyscallError error) {
        assertThat(result).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
        assertThat(ks.current_syscall_error).isEqualTo(error);
        assertThat(ct.tcbState).isSameAs(ThreadState.Running);
        assertThat(r.sc_active(target)).isFalse();
    }

    @Test
    void missingArgumentsAreTruncatedMessages() {
        assertError(configure(1000, 1000, 0, 0, 0, 4), SyscallError.truncatedMessage());
        s.noExtraCaps();
        assertError(configure(1000, 1000, 0), SyscallError.truncatedMessage());
    }

    @Test
    void budgetAndPeriodMustLieBetweenTheMinimumBudgetAndTheMaximumPeriod() {
        SyscallError range = SyscallError.rangeError(20, MAX_US);
        assertError(configure(MAX_US + 1, MAX_US + 1, 0), range);
        assertError(configure(-1L, 1000, 0), range); // an unsigned word far above the maximum
        assertError(configure(1000, MAX_US + 1, 0), range);
        assertError(configure(19, 1000, 0), range);
        assertError(configure(20, 19, 0), range);
        assertError(configure(0, 0, 0), range);
    }

    @Test
    void budgetMayNotExceedThePeriod() {
        assertError(configure(1001, 1000, 0), SyscallError.rangeError(20, 1000));
    }

    @Test
    void targetMustBeASchedContextCap() {
        s.extraCap(new ThreadCap(ct));
        assertError(configure(1000, 1000, 0), SyscallError.invalidCapability(1));
    }

    @Test
    void extraRefillsMustFitTheObject() {
        // a 2^8-byte SC holds (256 - 96) / 16 = 10 refills, 8 of them extra
        assertError(configure(100, 1000, 9), SyscallError.rangeError(0, 8));
        assertError(configure(100, 1000, -1L), SyscallError.rangeError(0, 8));
        assertThat(configure(100, 1000, 8)).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(target.scRefillMax).isEqualTo(10);
    }

    @Test
    void equalBudgetAndPeriodMakeARoundRobinContext() {
        ks.ksCurTime = 77;
        assertThat(configure(1000, 1000, 5, 0xb, 1, 5)).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(r.isRoundRobin(target)).isTrue();
        assertThat(target.scRefillMax).isEqualTo(2);
        assertThat(r.refill_head_amount(target)).isEqualTo(1000);
        assertThat(r.refill_head_time(target)).isEqualTo(77);
        assertThat(target.scBadge).isEqualTo(0xb);
        assertThat(target.scSporadic).isTrue();
        assertThat(ct.tcbState).isSameAs(ThreadState.Restart);
    }

    @Test
    void configuringTheSCOfAStoppedThreadWakesNothing() {
        Tcb t = s.tcb("t", 10);
        SchedTestSupport.bind(t, target);
        configure(100, 1000, 2, 0, 0, 5);
        assertThat(target.scPeriod).isEqualTo(1000);
        assertThat(target.scRefillMax).isEqualTo(4);
        assertThat(target.scSporadic).isFalse();
        assertThat(t.tcbQueued || t.tcbInReleaseQueue).isFalse();
        assertThat(ks.ksSchedulerAction).isSameAs(SchedulerAction.ResumeCurrentThread);
    }

    @Test
    void firstConfigurationOfARunnableThreadsSCMakesItACandidate() {
        Tcb t = s.tcb("t", 10);
        t.tcbState = ThreadState.Running;
        SchedTestSupport.bind(t, target);
        configure(100, 1000, 0);
        assertThat(ks.ksSchedulerAction.isSwitchTo(t)).isTrue();
        assertThat(r.refill_head_amount(target)).isEqualTo(100);
    }

    @Test
    void reconfiguringAnActiveSCOfARunnableThreadPreservesItsBandwidth() {
        Tcb t = s.sporadicThread("t", 10, 100, 1000, 4);
        SchedContext sc = t.tcbSchedContext;
        ks.ksCurSC = sc; // charge 30 ticks of its budget as if it had run
        r.refill_budget_check(30);
        s.makeCurrent(ct);
        s.k.tcbQueues.tcbSchedEnqueue(t);
        s.extraCap(new SchedContextCap(sc, SchedTestSupport.SC_BITS));
        ks.ksCurTime = 40;
        configure(200, 2000, 1);
        // refill_update: the head (30, 70) is kept and the rest of the new budget comes a period later
        assertThat(r.refill_head_time(sc)).isEqualTo(40);
        assertThat(r.refill_head_amount(sc)).isEqualTo(70);
        assertThat(r.refill_tail_time(sc)).isEqualTo(2040);
        assertThat(r.refill_tail_amount(sc)).isEqualTo(130);
        assertThat(sc.scRefillMax).isEqualTo(3);
        assertThat(t.tcbQueued).isFalse();
        assertThat(ks.ksSchedulerAction.isSwitchTo(t)).isTrue();
    }

    @Test
    void reconfiguringTheCurrentSCChargesTheTimeSoFarAndReschedules() {
        s.extraCap(new SchedContextCap(ct.tcbSchedContext, SchedTestSupport.SC_BITS));
        s.elapse(100);
        assertThat(configure(2000, 2000, 0)).isEqualTo(ExceptionT.EXCEPTION_NONE);
        SchedContext sc = ct.tcbSchedContext;
        assertThat(sc.scConsumed).isEqualTo(100);
        assertThat(ks.ksConsumed).isZero();
        assertThat(r.refill_head_amount(sc)).isEqualTo(2000);
        assertThat(ks.ksSchedulerAction).isSameAs(SchedulerAction.ChooseNewThread);
        assertThat(ct.tcbQueued).isFalse();
    }

    @Test
    void aThreadWaitingForItsReleaseIsFreedByANewBudget() {
        Tcb t = s.sporadicThread("t", 10, 100, 1000, 4);
        SchedContext sc = t.tcbSchedContext;
        sc.rTime[0] = 900;
        s.k.tcbQueues.tcbReleaseEnqueue(t);
        sc.scRefillMax = 0; // deactivated, so the new parameters start from now
        s.extraCap(new SchedContextCap(sc, SchedTestSupport.SC_BITS));
        ks.ksCurTime = 10;
        configure(100, 1000, 0);
        assertThat(t.tcbInReleaseQueue).isFalse();
        assertThat(r.refill_head_time(sc)).isEqualTo(10);
        assertThat(ks.ksSchedulerAction.isSwitchTo(t)).isTrue();
    }

    @Test
    void otherLabelsAreIllegal() {
        ExceptionT res = s.k.schedControl.decodeSchedControlInvocation(InvocationLabel.SchedContextBind.label(),
                new SchedControlCap(0), 5, buffer);
        assertError(res, SyscallError.illegalOperation());
    }
}
