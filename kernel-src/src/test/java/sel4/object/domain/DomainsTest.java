// contract: Domain invocations (SetSet, ScheduleConfigure, ScheduleSetStart) check their arguments like seL4 HEAD and change thread domains and the domain schedule so that the scheduler follows the new schedule.
package sel4.object.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.SyscallError;
import sel4.kernel.KernelModule;
import sel4.kernel.SchedTestSupport;
import sel4.machine.Registers;
import sel4.model.Config;
import sel4.model.DomainScheduleEntry;
import sel4.model.KernelState;
import sel4.model.SchedulerAction;
import sel4.object.cap.ThreadCap;
import sel4.object.notification.Notification;
import sel4.object.cap.NotificationCap;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;

class DomainsTest {
    SchedTestSupport s;
    KernelState ks;
    Domains d;
    Tcb ct;

    @BeforeEach
    void setUp() {
        s = new SchedTestSupport(Config.aarch64().toBuilder().numDomains(2).build());
        ks = s.ks;
        d = s.k.domains;
        ks.ksDomSchedule.add(new DomainScheduleEntry(0, 1000));
        ks.ksDomSchedule.add(new DomainScheduleEntry(1, 500));
        ct = s.rrThread("caller", 100, 10_000);
        s.makeCurrent(ct);
        s.noExtraCaps();
    }

    private ExceptionT invoke(InvocationLabel label, int length, long... args) {
        for (int i = 0; i < args.length; i++) {
            KernelModule.setRegister(ct, Registers.msgRegisters[i], args[i]);
        }
        return d.decodeDomainInvocation(label.label(), length, null);
    }

    private void assertError(ExceptionT result, SyscallError error) {
        assertThat(result).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
        assertThat(ks.current_syscall_error).isEqualTo(error);
        assertThat(ct.tcbState).isSameAs(ThreadState.Running);
    }

    @Test
    void setSetChecksDomainAndThreadCap() {
        assertError(invoke(InvocationLabel.DomainSetSet, 0), SyscallError.truncatedMessage());
        assertError(invoke(InvocationLabel.DomainSetSet, 1, 2), SyscallError.invalidArgument(0));
        assertError(invoke(InvocationLabel.DomainSetSet, 1, -1L), SyscallError.invalidArgument(0));
        assertError(invoke(InvocationLabel.DomainSetSet, 1, 1), SyscallError.truncatedMessage());
        s.extraCap(new NotificationCap(new Notification(0xa000), 0, true, true));
        assertError(invoke(InvocationLabel.DomainSetSet, 1, 1), SyscallError.invalidArgument(1));
    }

    @Test
    void setSetMovesTheThreadToTheOtherDomain() {
        Tcb t = s.rrThread("t", 10, 1000);
        s.k.tcbQueues.tcbSchedEnqueue(t);
        s.extraCap(new ThreadCap(t));
        assertThat(invoke(InvocationLabel.DomainSetSet, 1, 1)).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(t.tcbDomain).isEqualTo(1);
        assertThat(s.ready(10)).isEmpty();
        assertThat(SchedTestSupport.contents(s.readyQueue(1, 10))).containsExactly(t);
        assertThat(s.arch.calls).containsExactly("prepareSetDomain(t,1)");
        assertThat(ct.tcbState).isSameAs(ThreadState.Restart);
    }

    @Test
    void scheduleConfigureChecksIndexDomainAndDuration() {
        assertError(invoke(InvocationLabel.DomainScheduleConfigure, 2, 0, 0, 10), SyscallError.truncatedMessage());
        assertError(invoke(InvocationLabel.DomainScheduleConfigure, 3, 99, 0, 10), SyscallError.rangeError(0, 98));
        assertError(invoke(InvocationLabel.DomainScheduleConfigure, 3, -1L, 0, 10), SyscallError.rangeError(0, 98));
        assertError(invoke(InvocationLabel.DomainScheduleConfigure, 3, 2, 2, 10), SyscallError.rangeError(0, 1));
        assertError(invoke(InvocationLabel.DomainScheduleConfigure, 3, 2, 1, 1L << 56),
                SyscallError.invalidArgument(2));
        assertError(invoke(InvocationLabel.DomainScheduleConfigure, 3, 2, 1, 0), SyscallError.invalidArgument(1));
        assertError(invoke(InvocationLabel.DomainScheduleConfigure, 3, 0, 0, 0), SyscallError.invalidArgument(2));
        assertThat(ks.ksDomSchedule).hasSize(2);
    }

    @Test
    void scheduleConfigureWritesAnEntryPastTheConfiguredOnes() {
        assertThat(invoke(InvocationLabel.DomainScheduleConfigure, 3, 4, 1, (1L << 56) - 1))
                .isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(d.dschedule_domain(4)).isEqualTo(1);
        assertThat(d.dschedule_duration(4)).isEqualTo((1L << 56) - 1);
        assertThat(d.dschedule_is_end_marker(2)).isTrue();
        assertThat(d.dschedule_is_end_marker(4)).isFalse();
        assertThat(ct.tcbState).isSameAs(ThreadState.Restart);
    }

    @Test
    void singleDomainScheduleHasOneConfigurableEntry() {
        SchedTestSupport one = new SchedTestSupport();
        Tcb c = one.rrThread("caller", 100, 10_000);
        one.makeCurrent(c);
        KernelModule.setRegister(c, Registers.msgRegisters[0], 1);
        KernelModule.setRegister(c, Registers.msgRegisters[1], 0);
        KernelModule.setRegister(c, Registers.msgRegisters[2], 10);
        assertThat(one.k.domains.decodeDomainInvocation(InvocationLabel.DomainScheduleConfigure.label(), 3, null))
                .isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
        assertThat(one.ks.current_syscall_error).isEqualTo(SyscallError.rangeError(0, 0));
    }

    @Test
    void setStartChecksTheIndex() {
        assertError(invoke(InvocationLabel.DomainScheduleSetStart, 0), SyscallError.truncatedMessage());
        assertError(invoke(InvocationLabel.DomainScheduleSetStart, 1, 100), SyscallError.rangeError(0, 99));
        assertError(invoke(InvocationLabel.DomainScheduleSetStart, 1, 2), SyscallError.invalidArgument(0));
    }

    @Test
    void setStartEndsTheCurrentDomainAndTheSchedulerWrapsToTheNewStart() {
        ks.ksDomainTime = 800;
        assertThat(invoke(InvocationLabel.DomainScheduleSetStart, 1, 1)).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(ks.ksDomScheduleStart).isEqualTo(1);
        assertThat(ks.ksDomainTime).isZero();
        assertThat(ks.ksDomScheduleIdx).isEqualTo(98);
        assertThat(ks.ksSchedulerAction).isSameAs(SchedulerAction.ChooseNewThread);

        Tcb t = s.rrThread("t", 5, 1000);
        t.tcbDomain = 1;
        s.k.tcbQueues.tcbSchedEnqueue(t);
        s.k.sched.schedule();
        assertThat(ks.ksDomScheduleIdx).isEqualTo(1);
        assertThat(ks.ksCurDomain).isEqualTo(1);
        assertThat(ks.ksDomainTime).isEqualTo(500);
        assertThat(ks.ksCurThread).isSameAs(t);
    }

    @Test
    void otherLabelsAreIllegal() {
        assertError(invoke(InvocationLabel.TCBSuspend, 0), SyscallError.illegalOperation());
    }
}
