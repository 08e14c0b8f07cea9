package sel4.user;

import static sel4.machine.Registers.NextIP;
import static sel4.machine.Registers.badgeRegister;
import static sel4.machine.Registers.msgInfoRegister;
import static sel4.machine.Registers.msgRegisters;
import static sel4.machine.Registers.n_contextRegisters;
import static sel4.machine.Registers.n_msgRegisters;

import java.util.LinkedHashMap;
import java.util.Map;
import sel4.api.MessageInfo;
import sel4.arch.UserMapping;
import sel4.machine.Registers;
import sel4.model.Arch;
import sel4.model.Config;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;

/**
 * A user thread's view of its own state while one {@link Instruction.Exec} runs: its registers,
 * its IPC buffer and its address space, as a program sees them (through its own mappings, never
 * through kernel pointers).
 *
 * <p>The view is transactional so that an instruction is atomic, as on hardware: register writes
 * and stores are buffered and reach the thread only when the instruction completes; a faulting
 * access abandons all of them. NextIP starts at the next instruction; {@link #jump} changes it.
 */
public final class UserContext {
    private final Platform platform;
    private final Tcb thread;
    private final Code code;
    private final long pc;
    private final long[] regs;
    private final Map<Long, PendingStore> stores = new LinkedHashMap<>();

    private record PendingStore(UserMapping mapping, long value) {
    }

    UserContext(Platform platform, Tcb thread, Code code, long pc) {
        this.platform = platform;
        this.thread = thread;
        this.code = code;
        this.pc = pc;
        this.regs = thread.tcbArch.tcbContext.registers.clone();
        this.regs[NextIP] = pc + 1;
    }

    /** The register holding the syscall number: X7 on AArch64, RDX on x86_64 (libsel4's ABI). */
    public static int syscallNumberRegister(Arch arch) {
        return arch == Arch.X86_64 ? Registers.RDX : 7;
    }

    // ---- registers ----

    /** Address of the executing instruction. */
    public long pc() {
        return pc;
    }

    public long reg(int r) {
        return regs[checkReg(r)];
    }

    public void setReg(int r, long value) {
        regs[checkReg(r)] = value;
    }

    /** Continues at {@code target} after this instruction. */
    public void jump(long target) {
        regs[NextIP] = target;
    }

    /** Continues at a label of the running code. */
    public void jump(String label) {
        jump(code.labelAddress(label));
    }

    public long badge() {
        return regs[badgeRegister];
    }

    /** The msgInfo register, decoded without clamping. */
    public MessageInfo msgInfo() {
        return MessageInfo.messageInfoFromWord_raw(regs[msgInfoRegister]);
    }

    void setSyscallNumber(long number) {
        regs[syscallNumberRegister(platform.arch())] = number;
    }

    // ---- message registers and IPC buffer ----

    /** Message word i: a register below n_msgRegisters, else IPC-buffer word i + 1 (seL4_GetMR). */
    public long mr(int i) {
        checkMr(i);
        return i < n_msgRegisters ? regs[msgRegisters[i]] : ipcBuffer(i + 1);
    }

    public void setMr(int i, long value) {
        checkMr(i);
        if (i < n_msgRegisters) {
            regs[msgRegisters[i]] = value;
        } else {
            setIpcBuffer(i + 1, value);
        }
    }

    /** IPC-buffer word {@code word}, read through the thread's own mapping of its buffer. */
    public long ipcBuffer(int word) {
        return load(bufferAddress(word));
    }

    public void setIpcBuffer(int word, long value) {
        store(bufferAddress(word), value);
    }

    private long bufferAddress(int word) {
        if (word < 0 || word >= IpcBuffer.wordCount) {
            throw new IllegalArgumentException("IPC buffer word " + word);
        }
        return thread.tcbIPCBuffer + 8L * word;
    }

    // ---- memory ----

    /** A 64-bit load through the MMU. */
    public long load(long vaddr) {
        PendingStore pending = stores.get(vaddr);
        if (pending != null) {
            return pending.value();
        }
        UserMapping m = translate(vaddr, false);
        return m.frame().readWord(m.wordIndex());
    }

    /** A 64-bit store through the MMU (visible when the instruction completes). */
    public void store(long vaddr, long value) {
        stores.put(vaddr, new PendingStore(translate(vaddr, true), value));
    }

    private UserMapping translate(long vaddr, boolean write) {
        if ((vaddr & 7) != 0) {
            throw new UserMemoryFault(vaddr, write, true);
        }
        UserMapping m = platform.userTranslate(thread, vaddr, write);
        if (m == null) {
            throw new UserMemoryFault(vaddr, write, false);
        }
        return m;
    }

    // ---- environment ----

    /** The current time in ticks (a user-readable counter, like CNTVCT / the TSC). */
    public long now() {
        return platform.machine().getCurrentTime();
    }

    public String threadName() {
        return thread.tcbName;
    }

    /** Makes the instruction's effects visible: registers, then buffered stores. */
    void commit() {
        System.arraycopy(regs, 0, thread.tcbArch.tcbContext.registers, 0, n_contextRegisters);
        for (PendingStore s : stores.values()) {
            s.mapping().frame().writeWord(s.mapping().wordIndex(), s.value());
        }
    }

    private static int checkReg(int r) {
        if (r < 0 || r >= n_contextRegisters) {
            throw new IllegalArgumentException("no register " + r);
        }
        return r;
    }

    private static void checkMr(int i) {
        if (i < 0 || i >= Config.msgMaxLength) {
            throw new IllegalArgumentException("message register " + i);
        }
    }
}
