package sel4.user;

import static sel4.api.MessageInfo.wordFromMessageInfo;
import static sel4.machine.Registers.capRegister;
import static sel4.machine.Registers.msgInfoRegister;
import static sel4.machine.Registers.nbsendRecvDest;
import static sel4.machine.Registers.replyRegister;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import sel4.api.InvocationLabel;
import sel4.api.Syscall;
import sel4.object.frame.IpcBuffer;

/**
 * Writes a user program: plain instructions, the libsel4-like syscall stubs (this class) and the
 * per-object invocation stubs ({@link #tcb()}, {@link #cnode()}, ...).
 *
 * <p>A stub expands to three instructions, as a libsel4 stub compiles to register moves, the trap
 * and the reads of the result: a set-up instruction (arguments into registers and IPC buffer), the
 * {@link Instruction.Trap} and an {@link Instruction.Observe} that fills the returned
 * {@link SyscallResult}. Only the trap is re-executed when the kernel restarts the syscall, so a
 * restarted syscall sees exactly the registers the kernel left.
 *
 * <p>Register use follows seL4's MCS ABI: the invoked or source cap in the cap register (X0 /
 * RDI), msgInfo in X1 / RSI, message words 0..3 in the message registers, the reply cap in the
 * reply register, the NBSendRecv destination in its own register, the syscall number in X7 / RDX.
 */
public final class ProgramBuilder {
    private final List<Instruction> instructions = new ArrayList<>();
    private final Map<String, Integer> labels = new HashMap<>();
    private final List<SyscallResult> results = new ArrayList<>();

    public ProgramBuilder() {
    }

    // ---- plain instructions ----

    /** Register / buffer / memory work as one atomic instruction. */
    public ProgramBuilder exec(String what, Consumer<UserContext> action) {
        instructions.add(new Instruction.Exec(what, action));
        return this;
    }

    public ProgramBuilder exec(Consumer<UserContext> action) {
        return exec("exec", action);
    }

    public ProgramBuilder setRegister(int reg, long value) {
        return exec("r" + reg + " := " + value, ctx -> ctx.setReg(reg, value));
    }

    /** Names the address of the next instruction. */
    public ProgramBuilder label(String name) {
        if (labels.putIfAbsent(name, instructions.size()) != null) {
            throw new IllegalArgumentException("label '" + name + "' defined twice");
        }
        return this;
    }

    public ProgramBuilder jump(String label) {
        return exec("jump " + label, ctx -> ctx.jump(label));
    }

    public ProgramBuilder jumpIf(Predicate<UserContext> condition, String label) {
        return exec("jump-if " + label, ctx -> {
            if (condition.test(ctx)) {
                ctx.jump(label);
            }
        });
    }

    /** Appends {@code body} {@code times} times (an unrolled loop). */
    public ProgramBuilder repeat(int times, Consumer<ProgramBuilder> body) {
        for (int i = 0; i < times; i++) {
            body.accept(this);
        }
        return this;
    }

    public ProgramBuilder spin(long ticks) {
        instructions.add(new Instruction.Spin(ticks));
        return this;
    }

    /** A 64-bit load from {@code vaddr} into register {@code reg}. */
    public ProgramBuilder load(long vaddr, int reg) {
        return exec("ldr r" + reg + ", [0x" + Long.toHexString(vaddr) + "]", ctx -> ctx.setReg(reg, ctx.load(vaddr)));
    }

    /** A 64-bit store of {@code value} to {@code vaddr}. */
    public ProgramBuilder store(long vaddr, long value) {
        return exec("str " + value + ", [0x" + Long.toHexString(vaddr) + "]", ctx -> ctx.store(vaddr, value));
    }

    public ProgramBuilder userException(long w1, long w2) {
        instructions.add(new Instruction.UserFault(w1, w2));
        return this;
    }

    /** An undefined instruction (AArch64 syndrome: exception class 0, 32-bit instruction). */
    public ProgramBuilder undefinedInstruction() {
        return userException(0x0200_0000L, 0);
    }

    public ProgramBuilder hypervisorTrap(long hsr) {
        instructions.add(new Instruction.HypervisorTrap(hsr));
        return this;
    }

    /** Ends the thread here (also appended automatically at the end of every program). */
    public ProgramBuilder exit() {
        instructions.add(new Instruction.Exit());
        return this;
    }

    // ---- raw syscalls ----

    /**
     * A syscall with any number (invalid numbers raise an unknown-syscall fault): {@code setup}
     * writes the argument registers, then the trap, then the observation.
     */
    public SyscallResult syscall(long number, String what, Expect expect, Consumer<UserContext> setup) {
        SyscallResult r = new SyscallResult(what, expect);
        results.add(r);
        exec("set up " + what, ctx -> {
            setup.accept(ctx);
            ctx.setSyscallNumber(number);
        });
        instructions.add(new Instruction.Trap(number, r));
        instructions.add(new Instruction.Observe(r));
        return r;
    }

    private SyscallResult syscall(Syscall sc, String what, Expect expect, Consumer<UserContext> setup) {
        return syscall(sc.number(), what, expect, setup);
    }

    // ---- syscall stubs (libsel4 sel4/functions.h, MCS) ----

    /** seL4_Call: invoke {@code dest} and wait for the reply. */
    public SyscallResult call(long dest, Msg msg) {
        return call(dest, msg, Expect.NOTHING, "seL4_Call(" + dest + ", " + msg + ")");
    }

    public SyscallResult call(long dest, long label, long... words) {
        return call(dest, Msg.of(label, words));
    }

    /** seL4_Call with a message computed when the call executes (e.g. from an earlier result). */
    public SyscallResult call(long dest, Function<UserContext, Msg> msg) {
        return syscall(Syscall.SysCall, "seL4_Call(" + dest + ", computed message)", Expect.NOTHING, ctx -> {
            ctx.setReg(capRegister, dest);
            writeMessage(ctx, msg.apply(ctx));
        });
    }

    SyscallResult call(long dest, Msg msg, Expect expect, String what) {
        return syscall(Syscall.SysCall, what, expect, ctx -> {
            ctx.setReg(capRegister, dest);
            writeMessage(ctx, msg);
        });
    }

    /** seL4_Send: blocking send (a kernel object's reply is discarded). */
    public SyscallResult send(long dest, Msg msg) {
        return syscall(Syscall.SysSend, "seL4_Send(" + dest + ", " + msg + ")", Expect.NOTHING, ctx -> {
            ctx.setReg(capRegister, dest);
            writeMessage(ctx, msg);
        });
    }

    /** seL4_NBSend: non-blocking send. */
    public SyscallResult nbSend(long dest, Msg msg) {
        return syscall(Syscall.SysNBSend, "seL4_NBSend(" + dest + ", " + msg + ")", Expect.NOTHING, ctx -> {
            ctx.setReg(capRegister, dest);
            writeMessage(ctx, msg);
        });
    }

    /** seL4_Signal: a send with an empty message to a notification. */
    public SyscallResult signal(long dest) {
        return syscall(Syscall.SysSend, "seL4_Signal(" + dest + ")", Expect.NOTHING, ctx -> {
            ctx.setReg(capRegister, dest);
            writeMessage(ctx, Msg.EMPTY);
        });
    }

    /** seL4_Recv: blocking receive on {@code src} offering the reply object {@code reply}. */
    public SyscallResult recv(long src, long reply) {
        return syscall(Syscall.SysRecv, "seL4_Recv(" + src + ", reply " + reply + ")", Expect.NOTHING, ctx -> {
            ctx.setReg(capRegister, src);
            ctx.setReg(replyRegister, reply);
        });
    }

    /** seL4_NBRecv: poll an endpoint or notification. */
    public SyscallResult nbRecv(long src, long reply) {
        return syscall(Syscall.SysNBRecv, "seL4_NBRecv(" + src + ", reply " + reply + ")", Expect.NOTHING, ctx -> {
            ctx.setReg(capRegister, src);
            ctx.setReg(replyRegister, reply);
        });
    }

    /** seL4_Wait: blocking receive without a reply object (named so as not to clash with Object.wait). */
    public SyscallResult waitOn(long src) {
        return syscall(Syscall.SysWait, "seL4_Wait(" + src + ")", Expect.NOTHING, ctx -> ctx.setReg(capRegister, src));
    }

    /** seL4_NBWait. */
    public SyscallResult nbWait(long src) {
        return syscall(Syscall.SysNBWait, "seL4_NBWait(" + src + ")", Expect.NOTHING, ctx -> ctx.setReg(capRegister, src));
    }

    /** seL4_Poll: in MCS, a non-blocking wait. */
    public SyscallResult poll(long src) {
        return syscall(Syscall.SysNBWait, "seL4_Poll(" + src + ")", Expect.NOTHING, ctx -> ctx.setReg(capRegister, src));
    }

    /** seL4_ReplyRecv: send {@code msg} on the reply cap, then receive on {@code src}. */
    public SyscallResult replyRecv(long src, Msg msg, long reply) {
        return replyRecv(src, ctx -> msg, reply, msg.toString());
    }

    /** seL4_ReplyRecv with a reply computed when it executes (e.g. from the request). */
    public SyscallResult replyRecv(long src, Function<UserContext, Msg> msg, long reply) {
        return replyRecv(src, msg, reply, "computed message");
    }

    private SyscallResult replyRecv(long src, Function<UserContext, Msg> msg, long reply, String text) {
        return syscall(Syscall.SysReplyRecv, "seL4_ReplyRecv(" + src + ", " + text + ", reply " + reply + ")",
                Expect.NOTHING, ctx -> {
                    ctx.setReg(capRegister, src);
                    ctx.setReg(replyRegister, reply);
                    writeMessage(ctx, msg.apply(ctx));
                });
    }

    /** seL4_NBSendRecv: non-blocking send to {@code dest}, then receive on {@code src}. */
    public SyscallResult nbSendRecv(long dest, Msg msg, long src, long reply) {
        return syscall(Syscall.SysNBSendRecv,
                "seL4_NBSendRecv(" + dest + ", " + msg + ", " + src + ", reply " + reply + ")", Expect.NOTHING, ctx -> {
                    ctx.setReg(capRegister, src);
                    ctx.setReg(nbsendRecvDest, dest);
                    ctx.setReg(replyRegister, reply);
                    writeMessage(ctx, msg);
                });
    }

    /** seL4_NBSendWait: non-blocking send to {@code dest}, then wait on {@code src}. */
    public SyscallResult nbSendWait(long dest, Msg msg, long src) {
        return syscall(Syscall.SysNBSendWait, "seL4_NBSendWait(" + dest + ", " + msg + ", " + src + ")",
                Expect.NOTHING, ctx -> {
                    ctx.setReg(capRegister, src);
                    ctx.setReg(replyRegister, dest);
                    writeMessage(ctx, msg);
                });
    }

    /** seL4_Yield. */
    public SyscallResult yield() {
        return syscall(Syscall.SysYield, "seL4_Yield()", Expect.NOTHING, ctx -> {
        });
    }

    /** seL4_SetCapReceivePath: where a received cap goes (receive CNode, index, depth). */
    public ProgramBuilder setReceivePath(long receiveCNode, long index, long depth) {
        return exec("set receive path " + receiveCNode + "/" + index + "/" + depth, ctx -> {
            ctx.setIpcBuffer(IpcBuffer.receiveCNodeWord, receiveCNode);
            ctx.setIpcBuffer(IpcBuffer.receiveIndexWord, index);
            ctx.setIpcBuffer(IpcBuffer.receiveDepthWord, depth);
        });
    }

    // ---- invocations ----

    /**
     * seL4_Call on a kernel object with invocation {@code label}: {@code words} are the message
     * words, {@code caps} the extra caps, and the reply is checked against {@code expect}.
     */
    public SyscallResult invoke(long service, InvocationLabel label, Expect expect, long[] caps, long... words) {
        return invoke(service, label.label(), expect, caps, label.name() + "(" + service + ")", words);
    }

    /** As {@link #invoke(long, InvocationLabel, Expect, long[], long...)} with a raw label number. */
    public SyscallResult invoke(long service, long label, Expect expect, long[] caps, String what, long... words) {
        return call(service, new Msg(label, words, caps), expect, what);
    }

    public TcbStubs tcb() {
        return new TcbStubs(this);
    }

    public CNodeStubs cnode() {
        return new CNodeStubs(this);
    }

    public UntypedStubs untyped() {
        return new UntypedStubs(this);
    }

    public SchedContextStubs schedContext() {
        return new SchedContextStubs(this);
    }

    public SchedControlStubs schedControl() {
        return new SchedControlStubs(this);
    }

    public IrqStubs irq() {
        return new IrqStubs(this);
    }

    public DomainStubs domain() {
        return new DomainStubs(this);
    }

    public ArchStubs arch() {
        return new ArchStubs(this);
    }

    // ---- building ----

    /** The finished program, with the exit appended. */
    public Program build(String name) {
        List<Instruction> code = new ArrayList<>(instructions);
        code.add(new Instruction.Exit());
        return new Program(name, code, labels);
    }

    List<Instruction> instructions() {
        return Collections.unmodifiableList(instructions);
    }

    Map<String, Integer> labels() {
        return Collections.unmodifiableMap(labels);
    }

    /** Every result handle this builder handed out, in program order. */
    List<SyscallResult> results() {
        return Collections.unmodifiableList(results);
    }

    static void writeMessage(UserContext ctx, Msg msg) {
        ctx.setReg(msgInfoRegister, wordFromMessageInfo(msg.info()));
        long[] words = msg.words();
        for (int i = 0; i < words.length; i++) {
            ctx.setMr(i, words[i]);
        }
        long[] caps = msg.caps();
        for (int j = 0; j < caps.length; j++) {
            ctx.setIpcBuffer(IpcBuffer.capsOrBadgesWord0 + j, caps[j]);
        }
    }
}
