// contract: the simulated CPU runs programs with the hardware's PC / restart-PC rules, charges time per instruction, takes interrupts only at instruction boundaries (cutting spins at deadlines and device events), jumps idle time, detects quiescence and interrupt storms, and reports what the kernel returned.
package sel4.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sel4.api.MessageInfo.wordFromMessageInfo;
import static sel4.machine.Registers.FaultIP;
import static sel4.machine.Registers.NextIP;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sel4.api.Event;
import sel4.api.InvocationLabel;
import sel4.api.MessageInfo;
import sel4.api.Syscall;
import sel4.machine.Registers;
import sel4.model.Arch;
import sel4.object.tcb.Tcb;

class CpuTest {
    private static final long BUF = 0x10_000;

    private final FakePlatform p = new FakePlatform();
    private final List<Long> entryTimes = new ArrayList<>();

    private Tcb start(Program prog) {
        Tcb t = p.thread("t", BUF, prog);
        p.current = t;
        return t;
    }

    private static void reply(Tcb t, long label, int length, long badge, long... mrs) {
        regs(t)[Registers.badgeRegister] = badge;
        regs(t)[Registers.msgInfoRegister] = wordFromMessageInfo(new MessageInfo(label, 0, 0, length));
        for (int i = 0; i < mrs.length; i++) {
            regs(t)[Registers.msgRegisters[i]] = mrs[i];
        }
    }

    private static long[] regs(Tcb t) {
        return t.tcbArch.tcbContext.registers;
    }

    private StopReason runUntilExit(Cpu cpu, Tcb t, Program prog) {
        return cpu.run(() -> regs(t)[NextIP] == prog.size() - 1, Long.MAX_VALUE, 10_000);
    }

    @Test
    void syscallTrapsWithRestartPcAndReturnAddressAndIsObservedAfterwards() {
        ProgramBuilder b = new ProgramBuilder();
        SyscallResult r = b.call(7, Msg.of(3, 10, 20));
        Program prog = b.build("t");
        Tcb t = start(prog);
        p.kernel = ev -> reply(t, 0, 1, 0, 99);

        assertThat(runUntilExit(p.cpu(), t, prog)).isEqualTo(StopReason.CONDITION);

        assertThat(p.events).containsExactly(new Event.SyscallEvent(Syscall.SysCall));
        long[] atEntry = p.lastRegisters();
        assertThat(atEntry[Registers.capRegister]).isEqualTo(7);
        assertThat(atEntry[Registers.msgInfoRegister]).isEqualTo(wordFromMessageInfo(new MessageInfo(3, 0, 0, 2)));
        assertThat(atEntry[Registers.msgRegisters[0]]).isEqualTo(10);
        assertThat(atEntry[Registers.msgRegisters[1]]).isEqualTo(20);
        assertThat(atEntry[7]).as("syscall number in X7").isEqualTo(Syscall.SysCall.number());
        assertThat(atEntry[FaultIP]).as("restart PC = the trap").isEqualTo(1);
        assertThat(atEntry[NextIP]).as("return address = after the trap").isEqualTo(2);
        assertThat(r.done()).isTrue();
        assertThat(r.label()).isZero();
        assertThat(r.length()).isEqualTo(1);
        assertThat(r.mr(0)).isEqualTo(99);
        assertThat(r.traps()).isEqualTo(1);
        assertThat(p.machine.getCurrentTime()).as("set-up, trap, observe: one tick each").isEqualTo(3);
    }

    @Test
    void aRestartedSyscallReExecutesOnlyTheTrapWithTheSameRegisters() {
        ProgramBuilder b = new ProgramBuilder();
        SyscallResult r = b.call(5, Msg.of(1, 2));
        Program prog = b.build("t");
        Tcb t = start(prog);
        p.kernel = ev -> {
            if (p.events.size() == 1) {
                // What activateThread does for a thread left in Restart.
                regs(t)[NextIP] = regs(t)[FaultIP];
            } else {
                reply(t, 0, 0, 0);
            }
        };

        runUntilExit(p.cpu(), t, prog);

        assertThat(r.traps()).isEqualTo(2);
        assertThat(r.count()).isEqualTo(1);
        assertThat(p.registersAtEntry.get(1)).isEqualTo(p.registersAtEntry.get(0));
    }

    @Test
    void messageWordsBeyondTheRegistersAndExtraCapsGoToTheIpcBuffer() {
        ProgramBuilder b = new ProgramBuilder();
        b.call(9, new Msg(4, new long[] {1, 2, 3, 4, 5, 6}, new long[] {11, 12}));
        Program prog = b.build("t");
        Tcb t = start(prog);
        p.kernel = ev -> reply(t, 0, 0, 0);

        runUntilExit(p.cpu(), t, prog);

        long[] buf = p.bufferAtEntry.get(0);
        assertThat(buf[5]).as("MR4 at buffer word 5").isEqualTo(5);
        assertThat(buf[6]).isEqualTo(6);
        assertThat(buf[122]).isEqualTo(11);
        assertThat(buf[123]).isEqualTo(12);
        assertThat(MessageInfo.messageInfoFromWord_raw(p.lastRegisters()[Registers.msgInfoRegister]))
                .isEqualTo(new MessageInfo(4, 0, 2, 6));
    }

    @Test
    void observationCopiesTheReturnedBufferWords() {
        ProgramBuilder b = new ProgramBuilder();
        SyscallResult r = b.tcb().readRegisters(3, false, 0, 6);
        Program prog = b.build("t");
        Tcb t = start(prog);
        p.kernel = ev -> {
            reply(t, 0, 6, 0, 10, 11, 12, 13);
            p.pages.get(BUF).writeWord(5, 14);
            p.pages.get(BUF).writeWord(6, 15);
        };

        runUntilExit(p.cpu(), t, prog);

        assertThat(r.ok()).as(r.describe()).isTrue();
        assertThat(new long[] {r.mr(0), r.mr(3), r.mr(4), r.mr(5)}).containsExactly(10, 13, 14, 15);
    }

    @Test
    void anInstructionThatFaultsHasNoEffectAndIsRetriedAfterTheFault() {
        ProgramBuilder b = new ProgramBuilder();
        b.exec("write r9 then store", ctx -> {
            ctx.setReg(9, 5);
            ctx.store(0xdead_0008L, 77);
        });
        Program prog = b.build("t");
        Tcb t = start(prog);
        p.kernel = ev -> p.map(0xdead_0000L);

        p.cpu().run(() -> p.events.size() == 1, Long.MAX_VALUE, 100);

        assertThat(p.lastEvent()).isEqualTo(
                new Event.VMFaultEvent(Event.VMFaultType.seL4_DataFault, 0xdead_0008L, 0x9200_0047L));
        assertThat(p.lastRegisters()[9]).isZero();
        assertThat(p.lastRegisters()[FaultIP]).isZero();
        assertThat(p.lastRegisters()[NextIP]).isZero();

        runUntilExit(p.cpu(), t, prog);
        assertThat(regs(t)[9]).isEqualTo(5);
        assertThat(p.word(0xdead_0008L)).isEqualTo(77);
    }

    @Test
    void loadsReadMemoryAndUnalignedOrReadOnlyAccessesFault() {
        p.map(0x5000).writeWord(2, 1234);
        p.map(0x6000);
        p.readOnlyPages.add(0x6000L);
        ProgramBuilder b = new ProgramBuilder();
        b.load(0x5010, 9);
        b.store(0x6000, 1);
        Program prog = b.build("t");
        Tcb t = start(prog);

        p.cpu().run(() -> p.events.size() == 1, Long.MAX_VALUE, 100);

        assertThat(regs(t)[9]).isEqualTo(1234);
        assertThat(p.lastEvent()).isEqualTo(
                new Event.VMFaultEvent(Event.VMFaultType.seL4_DataFault, 0x6000, 0x9200_0047L));

        FakePlatform q = new FakePlatform();
        Tcb u = q.thread("u", BUF, Program.build("u", c -> c.load(BUF + 3, 1)));
        q.current = u;
        q.cpu().run(() -> q.events.size() == 1, Long.MAX_VALUE, 100);
        assertThat(q.lastEvent()).isEqualTo(
                new Event.VMFaultEvent(Event.VMFaultType.seL4_DataFault, BUF + 3, 0x9200_0021L));
    }

    @Test
    void aProgramCounterOutsideTheCodeIsAnInstructionFetchAbort() {
        Program prog = Program.build("t", b -> b.spin(1));
        Tcb t = start(prog);
        regs(t)[NextIP] = 1000;

        p.cpu().run(() -> p.events.size() == 1, Long.MAX_VALUE, 100);

        assertThat(p.lastEvent()).isEqualTo(
                new Event.VMFaultEvent(Event.VMFaultType.seL4_InstructionFault, 1000, 0x8200_0007L));
        assertThat(p.lastRegisters()[FaultIP]).isEqualTo(1000);

        Tcb noCode = new Tcb(0x300_0000, 0);
        noCode.tcbName = "nocode";
        p.current = noCode;
        p.cpu().run(() -> p.events.size() == 2, Long.MAX_VALUE, 100);
        assertThat(p.lastEvent()).isEqualTo(
                new Event.VMFaultEvent(Event.VMFaultType.seL4_InstructionFault, 0, 0x8200_0007L));
    }

    @Test
    void unknownSyscallNumbersUserExceptionsAndHypervisorTrapsEnterTheKernelAsSuch() {
        ProgramBuilder b = new ProgramBuilder();
        b.syscall(-42, "bad", Expect.NOTHING, ctx -> ctx.setReg(0, 1));
        b.userException(0x33, 0x44);
        b.hypervisorTrap(0x5e00_0000L);
        Program prog = b.build("t");
        Tcb t = start(prog);
        p.kernel = ev -> {
            if (!(ev instanceof Event.UnknownSyscallEvent)) {
                regs(t)[NextIP] = regs(t)[FaultIP] + 1; // a handler that skips the faulting instruction
            }
        };

        runUntilExit(p.cpu(), t, prog);

        assertThat(p.events).containsExactly(new Event.UnknownSyscallEvent(-42),
                new Event.UserLevelFaultEvent(0x33, 0x44), new Event.HypervisorEvent(0x5e00_0000L));
        assertThat(p.registersAtEntry.get(0)[7]).isEqualTo(-42);
        assertThat(p.registersAtEntry.get(1)[FaultIP]).isEqualTo(3);
        assertThat(p.registersAtEntry.get(1)[NextIP]).as("exceptions return to the faulting instruction").isEqualTo(3);
        assertThat(p.registersAtEntry.get(2)[FaultIP]).isEqualTo(4);
    }

    @Test
    void theEndOfAProgramSuspendsTheThreadThroughItsOwnTcbCap() {
        Program prog = Program.build("t", b -> b.spin(3));
        Tcb t = start(prog);

        p.cpu().run(() -> p.events.size() == 1, Long.MAX_VALUE, 100);

        assertThat(p.lastEvent()).isEqualTo(new Event.SyscallEvent(Syscall.SysCall));
        long[] r = p.lastRegisters();
        assertThat(r[Registers.capRegister]).isEqualTo(42);
        assertThat(MessageInfo.messageInfoFromWord_raw(r[Registers.msgInfoRegister]))
                .isEqualTo(new MessageInfo(InvocationLabel.TCBSuspend.label(), 0, 0, 0));
        assertThat(r[FaultIP]).isEqualTo(1);
    }

    @Test
    void aSpinIsCutAtTheDeadlineAndResumedAfterTheInterrupt() {
        Program prog = Program.build("t", b -> b.spin(100));
        Tcb t = start(prog);
        p.machine.setDeadline(50);
        p.kernel = withTimes(ev -> {
            if (ev instanceof Event.InterruptEvent) {
                p.machine.ackDeadlineIRQ();
            }
        });

        runUntilExit(p.cpu(), t, prog);

        assertThat(p.events).containsExactly(Event.InterruptEvent.INSTANCE);
        assertThat(entryTimes).containsExactly(50L);
        assertThat(p.machine.getCurrentTime()).as("the whole spin ran, interrupt included").isEqualTo(100);
    }

    private java.util.function.Consumer<Event> withTimes(java.util.function.Consumer<Event> k) {
        return ev -> {
            entryTimes.add(p.machine.getCurrentTime());
            k.accept(ev);
        };
    }

    @Test
    void aDeviceEventInsideASpinRaisesAnInterruptAtItsTime() {
        Program prog = Program.build("t", b -> b.spin(100));
        Tcb t = start(prog);
        Cpu cpu = p.cpu();
        cpu.devices().at(30, () -> p.machine.irq().assertLine(40));
        p.kernel = withTimes(ev -> p.machine.maskInterrupt(true, 40));

        runUntilExit(cpu, t, prog);

        assertThat(p.events).containsExactly(Event.InterruptEvent.INSTANCE);
        assertThat(entryTimes).containsExactly(30L);
        assertThat(p.machine.getCurrentTime()).isEqualTo(100);
    }

    @Test
    void interruptsAreTakenOnlyBetweenInstructions() {
        ProgramBuilder b = new ProgramBuilder();
        b.exec("a", ctx -> ctx.setReg(9, 1));
        b.exec("b", ctx -> ctx.setReg(10, 1));
        b.exec("c", ctx -> ctx.setReg(11, 1));
        Program prog = b.build("t");
        Tcb t = start(prog);
        Cpu cpu = p.cpu();
        cpu.devices().at(1, () -> p.machine.irq().assertLine(40));
        p.kernel = withTimes(ev -> p.machine.maskInterrupt(true, 40));

        runUntilExit(cpu, t, prog);

        assertThat(entryTimes).containsExactly(1L);
        assertThat(p.registersAtEntry.get(0)[9]).as("first instruction complete").isEqualTo(1);
        assertThat(p.registersAtEntry.get(0)[10]).as("second not started").isZero();
        assertThat(p.registersAtEntry.get(0)[NextIP]).isEqualTo(1);
    }

    @Test
    void theIdleThreadJumpsToTheNextEventAndTheSystemThenBecomesQuiescent() {
        Tcb t = p.thread("t", BUF, Program.build("t", b -> b.spin(5)));
        p.current = p.idle;
        Cpu cpu = p.cpu();
        cpu.devices().at(500, () -> p.machine.irq().assertLine(40));
        p.kernel = withTimes(ev -> {
            if (ev instanceof Event.InterruptEvent) {
                p.machine.maskInterrupt(true, 40);
                p.current = t;
            } else {
                p.current = p.idle;
            }
        });

        assertThat(cpu.run(() -> false, Long.MAX_VALUE, 1000)).isEqualTo(StopReason.QUIESCENT);

        assertThat(entryTimes).containsExactly(500L, 506L);
        assertThat(p.events.get(1)).as("the thread ran to its exit").isEqualTo(new Event.SyscallEvent(Syscall.SysCall));
    }

    @Test
    void anIdleSystemWaitingForTimeSleepsUntilTheDeadline() {
        p.current = p.idle;
        p.timeCanWake = true;
        p.machine.setDeadline(1000);
        p.kernel = withTimes(ev -> {
            p.machine.ackDeadlineIRQ();
            p.timeCanWake = false;
        });

        assertThat(p.cpu().run(() -> false, Long.MAX_VALUE, 1000)).isEqualTo(StopReason.QUIESCENT);

        assertThat(entryTimes).containsExactly(1000L);
    }

    @Test
    void anIdleSystemWaitingForTimeWithoutADeadlineIsReportedAsStalled() {
        p.current = p.idle;
        p.timeCanWake = true;

        assertThatThrownBy(() -> p.cpu().run(() -> false, Long.MAX_VALUE, 1000))
                .isInstanceOf(SimulationStalled.class).hasMessageContaining("no deadline armed");
    }

    @Test
    void anInterruptThatNeverGoesAwayIsReportedAsAStorm() {
        start(Program.build("t", b -> b.spin(10)));
        p.machine.irq().assertLine(40);

        assertThatThrownBy(() -> p.cpu().run(() -> false, Long.MAX_VALUE, 100_000))
                .isInstanceOf(SimulationStalled.class).hasMessageContaining("IRQ 40 stays pending");
    }

    @Test
    void labelsAndConditionalJumpsMakeLoops() {
        ProgramBuilder b = new ProgramBuilder();
        b.label("loop");
        b.exec("r9++", ctx -> ctx.setReg(9, ctx.reg(9) + 1));
        b.jumpIf(ctx -> ctx.reg(9) < 3, "loop");
        Program prog = b.build("t");
        Tcb t = start(prog);

        runUntilExit(p.cpu(), t, prog);

        assertThat(regs(t)[9]).isEqualTo(3);
        assertThat(p.machine.getCurrentTime()).isEqualTo(6);
    }

    @Test
    void reachingTheOpenEndOfTheRootScriptAsksForMoreCodeWithoutTakingTime() {
        RootScript script = new RootScript();
        ProgramBuilder b = new ProgramBuilder();
        b.spin(2);
        script.append(b);
        Tcb t = p.thread("root", BUF, script);
        p.current = t;

        p.cpu().run(() -> p.exhausted == 1, Long.MAX_VALUE, 100);

        assertThat(regs(t)[NextIP]).isEqualTo(1);
        assertThat(p.machine.getCurrentTime()).isEqualTo(2);
        assertThat(p.events).isEmpty();
    }

    @Test
    void aTimeLimitCutsASpinWhichLaterResumes() {
        Program prog = Program.build("t", b -> b.spin(100));
        Tcb t = start(prog);
        Cpu cpu = p.cpu();

        assertThat(cpu.run(() -> false, 40, 1000)).isEqualTo(StopReason.TIME);
        assertThat(regs(t)[NextIP]).isZero();
        assertThat(cpu.now()).isEqualTo(40);

        runUntilExit(cpu, t, prog);
        assertThat(cpu.now()).isEqualTo(100);
    }

    @Test
    void onX86TheSyscallNumberIsInRdxAndFaultCodesArePageFaultErrorCodes() {
        FakePlatform x = new FakePlatform(Arch.X86_64);
        ProgramBuilder b = new ProgramBuilder();
        b.yield();
        b.store(0x9000, 1);
        Tcb t = x.thread("t", BUF, b.build("t"));
        x.current = t;
        x.kernel = ev -> { };

        x.cpu().run(() -> x.events.size() == 2, Long.MAX_VALUE, 100);

        assertThat(x.registersAtEntry.get(0)[Registers.RDX]).isEqualTo(Syscall.SysYield.number());
        assertThat(x.events.get(1)).isEqualTo(new Event.VMFaultEvent(Event.VMFaultType.seL4_DataFault, 0x9000, 0x6));
    }

    @Test
    void theTraceNamesTheLastSteps() {
        Program prog = Program.build("t", b -> b.spin(3));
        Tcb t = start(prog);
        Cpu cpu = p.cpu();
        runUntilExit(cpu, t, prog);
        assertThat(cpu.recentTrace()).containsExactly("t=0 t @0: spin 3");
    }
}
