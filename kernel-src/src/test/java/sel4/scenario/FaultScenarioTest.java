// contract: faults reach the thread's fault handler as messages with the C fault labels and words (cap fault, unknown syscall, user exception, VM fault), a fault reply restarts the faulting instruction (or, for syscall and exception faults, resumes it with the registers and PC from the reply, or stops it when the reply label is non-zero), and a thread without a fault handler becomes Inactive.
package sel4.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import sel4.api.Fault;
import sel4.api.LookupFault;
import sel4.kernel.Boot;
import sel4.model.Config;
import sel4.object.tcb.ThreadStateType;
import sel4.user.Expect;
import sel4.user.Msg;
import sel4.user.RootTask;
import sel4.user.Sim;
import sel4.user.SyscallResult;
import sel4.user.UserThread;

class FaultScenarioTest {
    private final Sim sim = Sim.boot(Config.aarch64());
    private final RootTask root = sim.root();
    private final long fep = root.newEndpoint();
    private final long freply = root.newReply();
    private final long handlerCap = root.mint(fep, RootTask.ALL_RIGHTS, 0x3);

    @Test
    void aCapFaultIsReportedAndTheReplyRestartsTheSyscall() {
        long badCptr = 1L << 40;
        SyscallResult[] faults = new SyscallResult[2];
        SyscallResult[] call = new SyscallResult[1];
        sim.spawnThread("handler", 200, b -> {
            faults[0] = b.recv(fep, freply);
            faults[1] = b.replyRecv(fep, Msg.EMPTY, freply);
        });
        UserThread t = sim.thread("faulter").priority(100).faultHandler(handlerCap)
                .program(b -> call[0] = b.call(badCptr, Msg.of(1))).spawn();

        sim.run();

        for (SyscallResult f : faults) {
            assertThat(f.done()).isTrue();
            assertThat(f.label()).isEqualTo(Fault.seL4_Fault_CapFault);
            assertThat(f.badge()).isEqualTo(0x3);
            assertThat(f.mr(0)).as("restart PC: the trap").isEqualTo(1);
            assertThat(f.mr(1)).as("the CPtr").isEqualTo(badCptr);
            assertThat(f.mr(2)).as("not in the receive phase").isZero();
            assertThat(f.mr(3)).isEqualTo(LookupFault.seL4_GuardMismatch);
            assertThat(f.mr(4)).as("bits left").isEqualTo(64);
            // seL4 reports the guard of the CNode cap where resolution stopped (the root's, 0).
            assertThat(f.mr(5)).as("guard found").isZero();
            assertThat(f.mr(6)).as("guard bits").isEqualTo(64 - Boot.ROOT_CNODE_SIZE_BITS);
            assertThat(f.length()).isEqualTo(7);
        }
        assertThat(call[0].traps()).as("the syscall ran again after the reply").isEqualTo(2);
        assertThat(call[0].done()).isFalse();
        assertThat(t.state().tsType()).isEqualTo(ThreadStateType.BlockedOnReply);
    }

    @Test
    void anUnknownSyscallIsReportedWithTheSyscallRegistersAndANonZeroReplyLabelStopsTheThread() {
        SyscallResult[] fault = new SyscallResult[1];
        SyscallResult[] bad = new SyscallResult[1];
        sim.spawnThread("handler", 200, b -> {
            fault[0] = b.recv(fep, freply);
            b.replyRecv(fep, Msg.of(1), freply);
        });
        UserThread t = sim.thread("faulter").priority(100).faultHandler(handlerCap).program(b ->
                bad[0] = b.syscall(-100, "syscall -100", Expect.NOTHING, ctx -> {
                    for (int r = 0; r < 4; r++) {
                        ctx.setReg(r, 0x10 + r);
                    }
                })).spawn();

        sim.run();

        SyscallResult f = fault[0];
        assertThat(f.label()).isEqualTo(Fault.seL4_Fault_UnknownSyscall);
        assertThat(new long[] {f.mr(0), f.mr(1), f.mr(2), f.mr(3)}).containsExactly(0x10, 0x11, 0x12, 0x13);
        assertThat(f.mr(f.length() - 1)).as("the syscall number").isEqualTo(-100);
        assertThat(bad[0].traps()).isEqualTo(1);
        assertThat(t.isInactive()).isTrue();
    }

    @Test
    void aUserExceptionReplyWithANewPcResumesTheThreadThere() {
        SyscallResult[] fault = new SyscallResult[1];
        EventLog log = new EventLog();
        sim.spawnThread("handler", 200, b -> {
            fault[0] = b.recv(fep, freply);
            b.replyRecv(fep, ctx -> Msg.of(0, fault[0].mr(0) + 1), freply);
        });
        sim.thread("faulter").priority(100).faultHandler(handlerCap).program(b -> {
            b.userException(7, 9);
            log.note(b, "after the exception");
        }).spawn();

        sim.run();

        SyscallResult f = fault[0];
        assertThat(f.label()).isEqualTo(Fault.seL4_Fault_UserException);
        assertThat(f.mr(0)).as("fault IP").isZero();
        assertThat(f.mr(3)).as("number").isEqualTo(7);
        assertThat(f.mr(4)).as("code").isEqualTo(9);
        assertThat(f.length()).isEqualTo(5);
        assertThat(log.whats()).containsExactly("after the exception");
    }

    @Test
    void aVmFaultIsReportedAndTheLoadSucceedsOnceTheHandlerMappedThePage() {
        long vaddr = Boot.IPC_BUFFER_VADDR + 0x10_0000;
        long frame = root.newFrame();
        SyscallResult[] fault = new SyscallResult[1];
        SyscallResult[] map = new SyscallResult[1];
        sim.spawnThread("pager", 200, b -> {
            fault[0] = b.recv(fep, freply);
            map[0] = b.arch().armPageMap(frame, 3, vaddr, 3, 3);
            b.replyRecv(fep, Msg.EMPTY, freply);
        });
        UserThread t = sim.thread("faulter").priority(100).faultHandler(handlerCap).program(b -> {
            b.load(vaddr, 9);
            b.store(vaddr + 8, 77);
            b.load(vaddr + 8, 10);
        }).spawn();

        sim.run();

        SyscallResult f = fault[0];
        assertThat(f.label()).isEqualTo(Fault.seL4_Fault_VMFault);
        assertThat(f.mr(0)).as("fault IP").isZero();
        assertThat(f.mr(1)).isEqualTo(vaddr);
        assertThat(f.mr(2)).as("data, not prefetch").isZero();
        assertThat(f.mr(3)).as("FSR").isEqualTo(0x9200_0007L);
        assertThat(f.length()).isEqualTo(4);
        assertThat(map[0].ok()).as(map[0].describe()).isTrue();
        assertThat(t.reg(9)).isZero();
        assertThat(t.reg(10)).isEqualTo(77);
        assertThat(t.isInactive()).as("finished").isTrue();
    }

    @Test
    void withoutAFaultHandlerAFaultingThreadBecomesInactive() {
        EventLog log = new EventLog();
        UserThread t = sim.spawnThread("faulter", 100, b -> {
            b.undefinedInstruction();
            log.note(b, "never");
        });

        sim.run();

        assertThat(t.isInactive()).isTrue();
        assertThat(t.pc()).as("stopped at the faulting instruction").isZero();
        assertThat(log.entries()).isEmpty();
    }
}
