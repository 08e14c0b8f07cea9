package sel4.kernel;

import static sel4.api.MessageInfo.messageInfoFromWord_raw;
import static sel4.api.MessageInfo.seL4_MessageInfo_new;
import static sel4.api.MessageInfo.wordFromMessageInfo;

import sel4.api.MessageInfo;
import sel4.machine.Registers;
import sel4.model.Config;
import sel4.object.cap.CNodeCap;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.FrameCap;
import sel4.object.cap.VMRights;
import sel4.object.cnode.CNode;
import sel4.object.endpoint.Endpoint;
import sel4.object.frame.Frame;
import sel4.object.frame.IpcBuffer;
import sel4.object.notification.Notification;
import sel4.object.reply.Reply;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;

/**
 * Test scaffolding for the IPC tests: builds kernel objects directly on a fresh
 * {@code new Kernel(config)} (no boot, no retype) and reads what a user thread would observe —
 * its registers, its message info and the words of its IPC buffer.
 */
public final class IpcTestSupport {
    /** Virtual page where test IPC buffers are mapped; the buffer sits at offset 0x400 in it. */
    public static final long IPC_BUFFER_PAGE = 0x40_0000L;
    public static final long IPC_BUFFER_OFFSET = 0x400L;

    public final Kernel k;
    private long nextPtr = 0x8000_0000L;

    public IpcTestSupport(Config config) {
        this.k = new Kernel(config);
    }

    public static IpcTestSupport aarch64() {
        return new IpcTestSupport(Config.aarch64());
    }

    private long alloc(int bits) {
        long size = 1L << bits;
        long p = (nextPtr + size - 1) & -size;
        nextPtr = p + size;
        return p;
    }

    /** A Running thread of priority {@code prio} in domain 0, without SC, buffer or caps. */
    public Tcb thread(String name, int prio) {
        Tcb t = new Tcb(alloc(Config.seL4_TCBBits), 0);
        t.tcbName = name;
        t.tcbPriority = prio;
        t.tcbMCP = prio;
        t.tcbState = ThreadState.Running;
        k.ks.ksPSpace.insert(t);
        return t;
    }

    public Endpoint endpoint() {
        Endpoint ep = new Endpoint(alloc(Config.seL4_EndpointBits));
        k.ks.ksPSpace.insert(ep);
        return ep;
    }

    public Notification notification() {
        Notification n = new Notification(alloc(Config.seL4_NotificationBits));
        k.ks.ksPSpace.insert(n);
        return n;
    }

    public Reply reply() {
        Reply r = new Reply(alloc(Config.seL4_ReplyBits));
        k.ks.ksPSpace.insert(r);
        return r;
    }

    /** A CNode of 2^radix slots. */
    public CNode cnode(int radix) {
        CNode cn = new CNode(alloc(radix + Config.seL4_SlotBits), radix);
        k.ks.ksPSpace.insert(cn);
        return cn;
    }

    /**
     * A single-level CSpace: a CNode cap whose guard makes it resolve all 64 bits, so CPtr i
     * names slot i. Installed as {@code t}'s CSpace root and returned.
     */
    public static CNodeCap rootCap(CNode cn) {
        return new CNodeCap(cn, cn.radixBits(), 0, 64 - cn.radixBits());
    }

    public CNode giveCSpace(Tcb t, int radix) {
        CNode cn = cnode(radix);
        t.tcbCTE[Tcb.tcbCTable].cap = rootCap(cn);
        return cn;
    }

    /** A 4 KiB frame and a kernel view of an IPC buffer at its start (not attached to a thread). */
    public IpcBuffer looseBuffer() {
        Frame f = new Frame(alloc(Config.seL4_PageBits), Config.seL4_PageBits, false);
        k.ks.ksPSpace.insert(f);
        return new IpcBuffer(f, 0);
    }

    /**
     * Gives {@code t} an IPC buffer the way TCB SetIPCBuffer does (frame cap in slot 2 and
     * tcbIPCBuffer) and returns a view of the words lookupIPCBuffer will hand to the kernel.
     */
    public IpcBuffer attachBuffer(Tcb t, VMRights rights) {
        Frame f = new Frame(alloc(Config.seL4_PageBits), Config.seL4_PageBits, false);
        k.ks.ksPSpace.insert(f);
        t.tcbCTE[Tcb.tcbBuffer].cap = new FrameCap(f, rights, false, 1, IPC_BUFFER_PAGE);
        t.tcbIPCBuffer = IPC_BUFFER_PAGE + IPC_BUFFER_OFFSET;
        return new IpcBuffer(f, IPC_BUFFER_OFFSET / 8);
    }

    /**
     * A 2^8-byte scheduling context bound to {@code t} (if not null) with a fresh budget; the
     * refills come from {@code k.refills.refill_new}.
     */
    public SchedContext schedContext(Tcb t, long budget, long period) {
        SchedContext sc = new SchedContext(alloc(8), 8);
        k.ks.ksPSpace.insert(sc);
        k.refills.refill_new(sc, Config.minRefills, budget, period);
        if (t != null) {
            sc.scTcb = t;
            t.tcbSchedContext = sc;
        }
        return sc;
    }

    /**
     * A round-robin SC (period 0, as SchedControl ConfigureFlags makes one when budget = period)
     * with a budget large enough to never run out in a test.
     */
    public SchedContext roundRobinSc(Tcb t) {
        return schedContext(t, 10_000, 0);
    }

    /** An endpoint cap with all rights and the given badge. */
    public static EndpointCap epCap(Endpoint ep, long badge) {
        return new EndpointCap(ep, badge, true, true, true, true);
    }

    /** Writes a message the way a user thread sets it up: label, length, extra caps and words. */
    public static void setMessage(Tcb t, IpcBuffer buf, long label, int extraCaps, long... words) {
        for (int i = 0; i < words.length; i++) {
            if (i < Registers.n_msgRegisters) {
                KernelModule.setRegister(t, Registers.msgRegisters[i], words[i]);
            } else {
                buf.frame().writeWord(buf.baseWord() + i + 1, words[i]);
            }
        }
        KernelModule.setRegister(t, Registers.msgInfoRegister,
                wordFromMessageInfo(seL4_MessageInfo_new(label, 0, extraCaps, words.length)));
    }

    /** The message info a user thread reads from its msgInfo register (unclamped). */
    public static MessageInfo msgInfo(Tcb t) {
        return messageInfoFromWord_raw(KernelModule.getRegister(t, Registers.msgInfoRegister));
    }

    public static long badge(Tcb t) {
        return KernelModule.getRegister(t, Registers.badgeRegister);
    }

    /** Message register {@code i} as user code reads it (register, or buffer word i + 1). */
    public static long mr(Tcb t, IpcBuffer buf, int i) {
        return KernelModule.getMR(t, buf, i);
    }

    public static void setReg(Tcb t, int reg, long v) {
        KernelModule.setRegister(t, reg, v);
    }

    public static long reg(Tcb t, int reg) {
        return KernelModule.getRegister(t, reg);
    }
}
