package sel4.user;

import static sel4.machine.Registers.FaultIP;
import static sel4.machine.Registers.NextIP;
import static sel4.machine.Registers.badgeRegister;
import static sel4.machine.Registers.capRegister;
import static sel4.machine.Registers.msgInfoRegister;
import static sel4.machine.Registers.msgRegisters;
import static sel4.machine.Registers.n_msgRegisters;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import sel4.api.Event;
import sel4.api.InvocationLabel;
import sel4.api.MessageInfo;
import sel4.api.Syscall;
import sel4.arch.UserMapping;
import sel4.machine.InterruptController;
import sel4.machine.Timer;
import sel4.model.Arch;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;

/**
 * The simulated processor: runs whatever thread the kernel made current, one instruction per step,
 * and enters the kernel for syscalls, faults and interrupts, the way hardware does.
 *
 * <p>Rules:
 * <ul>
 * <li>The program counter is the thread's NextIP register, an index into its {@link Code}. A
 *     program counter that addresses no instruction (or a thread with no code loaded) is an
 *     instruction fetch abort: a VM fault at that address.</li>
 * <li>Time advances only here: each instruction costs {@link #INSTRUCTION_TICKS}, a spin its
 *     length; the kernel itself takes no time. Scheduled device events run when time reaches them.</li>
 * <li>Interrupts are taken at instruction boundaries: before every step the CPU asks the interrupt
 *     controller for a pending IRQ and, if there is one, enters the kernel with an interrupt event.
 *     A spin is cut where the kernel deadline or a device event falls inside it and resumed later.
 *     (Computed IRQ levels are sampled at these points, so a test that raises such a level should
 *     do it from a device event.)</li>
 * <li>When the idle thread runs, time jumps to the next deadline or device event. When nothing can
 *     ever wake a thread, the system is quiescent and {@link #run} returns.</li>
 * <li>A {@link sel4.kernel.KernelHalt} or {@link sel4.kernel.InvariantViolation} raised by the
 *     kernel leaves through {@link #run} unchanged.</li>
 * </ul>
 */
public final class Cpu {
    /** Ticks taken by every instruction other than a spin. */
    public static final long INSTRUCTION_TICKS = 1;
    /** Interrupts taken back to back, with no instruction and no time in between, before giving up. */
    static final int STORM_LIMIT = 1000;
    private static final int TRACE_LENGTH = 48;

    /** Where the CPU finds each thread's code. */
    public interface Loader {
        /** The image loaded into {@code thread}, or null. */
        Image imageFor(Tcb thread);

        /** {@code thread} reached the open end of its code (the root task's script): supply more. */
        void codeExhausted(Tcb thread);
    }

    private record SpinProgress(long pc, long remaining) {
    }

    private record TraceEntry(long time, String thread, long pc, String what) {
        @Override
        public String toString() {
            return "t=" + time + " " + thread + (pc >= 0 ? " @" + pc : "") + ": " + what;
        }
    }

    private final Platform platform;
    private final Loader loader;
    private final Timer timer;
    private final InterruptController irq;
    private final DeviceTimeline devices = new DeviceTimeline();
    private final Map<Tcb, SpinProgress> spins = new HashMap<>();
    private final ArrayDeque<TraceEntry> trace = new ArrayDeque<>();
    private long steps;
    private long interruptsTaken;
    private int storm;

    public Cpu(Platform platform, Loader loader) {
        this.platform = platform;
        this.loader = loader;
        this.timer = platform.machine().timer();
        this.irq = platform.machine().irq();
    }

    public DeviceTimeline devices() {
        return devices;
    }

    public long now() {
        return timer.getCurrentTime();
    }

    /** Steps executed so far (instructions, interrupts and idle periods). */
    public long steps() {
        return steps;
    }

    public long interruptsTaken() {
        return interruptsTaken;
    }

    /** The last steps, oldest first, for diagnostics. */
    public List<String> recentTrace() {
        List<String> out = new ArrayList<>();
        for (TraceEntry e : trace) {
            out.add(e.toString());
        }
        return out;
    }

    /**
     * Runs until {@code stop} holds (checked before every step), the time reaches {@code horizon},
     * {@code maxSteps} steps have run, or the system is quiescent.
     */
    public StopReason run(BooleanSupplier stop, long horizon, long maxSteps) {
        for (long n = 0; ; n++) {
            if (stop.getAsBoolean()) {
                return StopReason.CONDITION;
            }
            if (now() >= horizon) {
                return StopReason.TIME;
            }
            if (n >= maxSteps) {
                return StopReason.STEP_LIMIT;
            }
            if (!step(horizon)) {
                return StopReason.QUIESCENT;
            }
        }
    }

    /** One step; false when the system is quiescent (nothing was done). */
    boolean step(long horizon) {
        devices.fireDue(now());
        if (irq.getActiveIRQ() != InterruptController.irqInvalid) {
            takeInterrupt();
            return true;
        }
        Tcb ct = platform.currentThread();
        if (ct == platform.idleThread()) {
            return idle(horizon);
        }
        steps++;
        execute(ct, horizon);
        return true;
    }

    private void takeInterrupt() {
        int line = irq.getActiveIRQ();
        if (++storm > STORM_LIMIT) {
            throw new SimulationStalled("IRQ " + line + " stays pending after " + STORM_LIMIT
                    + " interrupt entries without progress at t=" + now() + "\n" + String.join("\n", recentTrace()));
        }
        steps++;
        interruptsTaken++;
        record(null, -1, "interrupt (IRQ " + line + ")");
        platform.callKernel(Event.InterruptEvent.INSTANCE);
    }

    /** The idle thread runs: jump to the next thing that can happen. */
    private boolean idle(long horizon) {
        if (!platform.timeCanWakeThreads() && devices.isEmpty()) {
            return false;
        }
        long next = Math.min(Math.min(futureDeadline(), devices.nextTime()), horizon);
        if (next == Long.MAX_VALUE) {
            throw new SimulationStalled("idle at t=" + now()
                    + " with threads waiting for time, but no deadline armed\n" + String.join("\n", recentTrace()));
        }
        steps++;
        record(null, -1, "idle until t=" + next);
        advanceTo(next);
        return true;
    }

    /** The kernel deadline if it lies in the future (a past one either fired or is masked). */
    private long futureDeadline() {
        long d = timer.getDeadline();
        return d != Timer.NO_DEADLINE && d > now() ? d : Long.MAX_VALUE;
    }

    private void execute(Tcb ct, long horizon) {
        long pc = getReg(ct, NextIP);
        Image image = loader.imageFor(ct);
        Instruction ins = image == null ? null : image.code().fetch(pc);
        if (ins == null) {
            if (image != null && image.code().isOpenEnd(pc)) {
                record(ct, pc, "waits for more code");
                loader.codeExhausted(ct);
                return;
            }
            record(ct, pc, "instruction fetch abort");
            fault(ct, pc, new Event.VMFaultEvent(Event.VMFaultType.seL4_InstructionFault, pc, instructionAbortFsr()));
            return;
        }
        record(ct, pc, ins.describe());
        if (ins instanceof Instruction.Exec e) {
            exec(ct, image.code(), pc, e);
        } else if (ins instanceof Instruction.Trap t) {
            trap(ct, pc, t.number(), t.result());
        } else if (ins instanceof Instruction.Observe o) {
            observe(ct, o.result());
            setReg(ct, NextIP, pc + 1);
            advance(INSTRUCTION_TICKS);
        } else if (ins instanceof Instruction.UserFault u) {
            fault(ct, pc, new Event.UserLevelFaultEvent(u.w1(), u.w2()));
        } else if (ins instanceof Instruction.HypervisorTrap h) {
            fault(ct, pc, new Event.HypervisorEvent(h.hsr()));
        } else if (ins instanceof Instruction.Spin s) {
            spin(ct, pc, s.ticks(), horizon);
        } else if (ins instanceof Instruction.Exit) {
            setReg(ct, capRegister, image.selfTcbCap());
            setReg(ct, msgInfoRegister, MessageInfo.wordFromMessageInfo(
                    MessageInfo.seL4_MessageInfo_new(InvocationLabel.TCBSuspend.label(), 0, 0, 0)));
            setReg(ct, UserContext.syscallNumberRegister(platform.arch()), Syscall.SysCall.number());
            trap(ct, pc, Syscall.SysCall.number(), null);
        }
    }

    private void exec(Tcb ct, Code code, long pc, Instruction.Exec e) {
        UserContext ctx = new UserContext(platform, ct, code, pc);
        try {
            e.action().accept(ctx);
        } catch (UserMemoryFault f) {
            Event.VMFaultType type = Event.VMFaultType.seL4_DataFault;
            fault(ct, pc, new Event.VMFaultEvent(type, f.address(), dataAbortFsr(f.write(), f.alignment())));
            return;
        }
        ctx.commit();
        advance(INSTRUCTION_TICKS);
    }

    /** The syscall instruction: restart PC is the trap itself, the return address the next one. */
    private void trap(Tcb ct, long pc, long number, SyscallResult result) {
        setReg(ct, FaultIP, pc);
        setReg(ct, NextIP, pc + 1);
        advance(INSTRUCTION_TICKS);
        devices.fireDue(now());
        if (result != null) {
            result.trapped();
        }
        Syscall sc = Syscall.fromNumber(number);
        platform.callKernel(sc != null ? new Event.SyscallEvent(sc) : new Event.UnknownSyscallEvent(number));
    }

    /** An exception at {@code pc}: the faulting instruction is both the restart and the return address. */
    private void fault(Tcb ct, long pc, Event ev) {
        setReg(ct, FaultIP, pc);
        setReg(ct, NextIP, pc);
        advance(INSTRUCTION_TICKS);
        devices.fireDue(now());
        platform.callKernel(ev);
    }

    private void spin(Tcb ct, long pc, long ticks, long horizon) {
        SpinProgress progress = spins.get(ct);
        long remaining = progress != null && progress.pc() == pc ? progress.remaining() : ticks;
        long cut = Math.min(Math.min(futureDeadline(), devices.nextTime()), horizon);
        if (cut < now() + remaining) {
            long ran = cut - now();
            spins.put(ct, new SpinProgress(pc, remaining - ran));
            advance(ran);
        } else {
            spins.remove(ct);
            setReg(ct, NextIP, pc + 1);
            advance(remaining);
        }
    }

    private void observe(Tcb ct, SyscallResult result) {
        long[] mrs = new long[n_msgRegisters];
        for (int i = 0; i < n_msgRegisters; i++) {
            mrs[i] = getReg(ct, msgRegisters[i]);
        }
        result.record(new Observation(now(), getReg(ct, badgeRegister), getReg(ct, msgInfoRegister), mrs,
                readIpcBuffer(ct)));
    }

    /** The thread's IPC buffer as it would read it, or null if any word of it is not readable. */
    private long[] readIpcBuffer(Tcb ct) {
        long base = ct.tcbIPCBuffer;
        if ((base & 7) != 0) {
            return null;
        }
        long[] words = new long[IpcBuffer.wordCount];
        int last = words.length - 1;
        UserMapping first = platform.userTranslate(ct, base, false);
        UserMapping end = platform.userTranslate(ct, base + 8L * last, false);
        if (first != null && end != null && first.frame() == end.frame()
                && end.wordIndex() - first.wordIndex() == last) {
            // The usual case: the whole buffer lies in one mapped frame.
            for (int w = 0; w < words.length; w++) {
                words[w] = first.frame().readWord(first.wordIndex() + w);
            }
            return words;
        }
        for (int w = 0; w < words.length; w++) {
            UserMapping m = platform.userTranslate(ct, base + 8L * w, false);
            if (m == null) {
                return null;
            }
            words[w] = m.frame().readWord(m.wordIndex());
        }
        return words;
    }

    private void advance(long ticks) {
        if (ticks > 0) {
            timer.advance(ticks);
            storm = 0;
        }
    }

    private void advanceTo(long time) {
        if (time > now()) {
            timer.advanceTo(time);
            storm = 0;
        }
    }

    // ---- abort syndromes ----

    /** AArch64: ESR of a data abort from EL0 (translation fault, level 3, or alignment); x86: #PF code. */
    private long dataAbortFsr(boolean write, boolean alignment) {
        if (platform.arch() == Arch.X86_64) {
            return write ? 0x6 : 0x4;
        }
        return 0x9200_0000L | (write ? 0x40 : 0) | (alignment ? 0x21 : 0x07);
    }

    private long instructionAbortFsr() {
        return platform.arch() == Arch.X86_64 ? 0x14 : 0x8200_0007L;
    }

    // ---- helpers ----

    private void record(Tcb ct, long pc, String what) {
        if (trace.size() == TRACE_LENGTH) {
            trace.removeFirst();
        }
        trace.addLast(new TraceEntry(now(), ct == null ? "-" : ct.tcbName, pc, what));
    }

    private static long getReg(Tcb t, int r) {
        return t.tcbArch.tcbContext.registers[r];
    }

    private static void setReg(Tcb t, int r, long v) {
        t.tcbArch.tcbContext.registers[r] = v;
    }
}
