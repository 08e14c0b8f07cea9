package sel4.conformance;

import static sel4.api.MessageInfo.seL4_MessageInfo_new;
import static sel4.api.MessageInfo.wordFromMessageInfo;
import static sel4.machine.Registers.capRegister;
import static sel4.machine.Registers.msgInfoRegister;
import static sel4.machine.Registers.n_msgRegisters;

import java.util.function.Consumer;
import sel4.api.Syscall;
import sel4.arch.aarch64.AArch64;
import sel4.arch.aarch64.ArmHardware;
import sel4.arch.x86_64.X86Hardware;
import sel4.arch.x86_64.X86_64;
import sel4.kernel.Kernel;
import sel4.model.Arch;
import sel4.model.BootInfoSlots;
import sel4.model.Config;
import sel4.object.frame.IpcBuffer;
import sel4.user.Expect;
import sel4.user.ProgramBuilder;
import sel4.user.RootTask;
import sel4.user.Sim;
import sel4.user.SyscallResult;
import sel4.user.UserContext;
import sel4.user.UserThread;

/**
 * One booted system for one conformance test: the simulation, its root task, and the steps every
 * test shares — creating the invoking thread with the IPC-buffer set-up under test and running
 * one invocation in it so that everything it observes is recorded.
 *
 * <p>The invoking thread fills every message register it does not use for arguments, and every
 * word of its IPC buffer, with recognisable sentinel values before it traps, so any kernel write
 * to them shows.
 */
final class Rig {
    /** Priority of the invoking thread; MCP high enough to YieldTo equal-priority threads. */
    static final int INVOKER_PRIORITY = 100;
    static final int INVOKER_MCP = 200;
    /** seL4_CapRights_t with only the read right: a read-only frame cap. */
    static final long READ_ONLY_RIGHTS = 0x2;
    private static final long MR_SENTINEL = 0x5E17_0000_0000L;
    private static final long BUFFER_SENTINEL = 0xB0F0_0000_0000L;

    final Sim sim;
    final RootTask root;
    final Kernel kernel;

    private Rig(Config config) {
        this.sim = Sim.boot(config);
        this.root = sim.root();
        this.kernel = sim.kernel();
    }

    static Rig boot(Config config) {
        return new Rig(config);
    }

    ArmHardware arm() {
        return ((AArch64) kernel.arch).hardware();
    }

    X86Hardware x86() {
        return ((X86_64) kernel.arch).hardware();
    }

    /**
     * Creates a thread at the invoker priority running {@code program}, gives it the IPC buffer
     * {@code mode} asks for, and only then starts it.
     */
    UserThread spawnInvoker(String name, BufferMode mode, Consumer<ProgramBuilder> program) {
        UserThread t = sim.thread(name).priority(INVOKER_PRIORITY).mcp(INVOKER_MCP).suspended()
                .program(program).spawn();
        switch (mode) {
            case WRITABLE -> { }
            case READ_ONLY -> readOnlyBuffer(t);
            case NONE -> root.runChecked("remove the IPC buffer of " + name,
                    b -> b.tcb().setIPCBuffer(t.tcbCap(), 0, BootInfoSlots.seL4_CapNull));
        }
        root.runChecked("start " + name, b -> b.tcb().resume(t.tcbCap()));
        return t;
    }

    /** A thread that never runs (created suspended): the target of TCB invocations. */
    UserThread idleTarget(String name) {
        return sim.thread(name).priority(50).suspended().spawn();
    }

    /**
     * Replaces the thread's IPC-buffer cap by a read-only one for a page the thread has mapped
     * read-write. AArch64 gets a fresh page; the x86_64 subset cannot map, so the thread keeps its
     * 1 KiB slot of the root task's buffer frame, now named through a read-only copy of that cap.
     */
    private void readOnlyBuffer(UserThread t) {
        long frame;
        long vaddr;
        if (kernel.config.arch() == Arch.AARCH64) {
            RootTask.MappedPage page = root.newMappedPage();
            frame = page.cap();
            vaddr = page.vaddr();
        } else {
            frame = BootInfoSlots.seL4_CapInitThreadIPCBuffer;
            vaddr = t.ipcBufferVaddr();
        }
        long readOnly = root.mint(frame, READ_ONLY_RIGHTS, 0);
        root.runChecked("read-only IPC buffer for " + t.name(), b -> b.tcb().setIPCBuffer(t.tcbCap(), vaddr, readOnly));
    }

    /**
     * Runs {@code inv} in a new invoking thread with system call {@code syscall} and IPC-buffer
     * set-up {@code mode}, lets the system run until it is quiescent, and returns what the thread
     * saw.
     */
    Outcome invoke(Invocation inv, Syscall syscall, BufferMode mode) {
        SyscallResult[] result = new SyscallResult[1];
        Snapshot[] before = new Snapshot[1];
        long[][] expected = {new long[0]};
        boolean[] continued = {false};
        spawnInvoker("invoker", mode, b -> {
            inv.before().accept(b);
            result[0] = b.syscall(syscall.number(), syscall + " " + inv.label() + "(" + inv.service() + ")",
                    Expect.NOTHING, ctx -> {
                        load(ctx, inv, mode);
                        expected[0] = inv.expected().get();
                        before[0] = Snapshot.of(ctx, mode.userVisible());
                    });
            b.exec("go on after the syscall", ctx -> continued[0] = true);
        });
        sim.run();
        SyscallResult r = result[0];
        return new Outcome(syscall, mode, before[0], r.done() ? r.last() : null, r.traps(), continued[0],
                expected[0], sim.recentTrace());
    }

    /**
     * The invoking thread's registers and buffer just before the trap: the invoked cap, the
     * message info, the arguments, and sentinels everywhere else.
     */
    private static void load(UserContext ctx, Invocation inv, BufferMode mode) {
        long[] args = inv.args();
        if (mode.userVisible()) {
            for (int w = 0; w < IpcBuffer.wordCount; w++) {
                ctx.setIpcBuffer(w, BUFFER_SENTINEL + w);
            }
        }
        for (int i = 0; i < n_msgRegisters; i++) {
            ctx.setMr(i, MR_SENTINEL + i);
        }
        int length = mode.userVisible() ? args.length : Math.min(args.length, n_msgRegisters);
        for (int i = 0; i < length; i++) {
            ctx.setMr(i, args[i]);
        }
        ctx.setReg(capRegister, inv.service());
        ctx.setReg(msgInfoRegister, wordFromMessageInfo(seL4_MessageInfo_new(inv.label().label(), 0, 0, args.length)));
    }
}
