package sel4.api;

import static sel4.api.MessageInfo.seL4_MessageInfo_new;
import static sel4.api.MessageInfo.wordFromMessageInfo;

import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.machine.Registers;
import sel4.model.Config;
import sel4.model.DomainScheduleEntry;
import sel4.model.IRQState;
import sel4.model.KernelState;
import sel4.model.SchedulerAction;
import sel4.object.cap.CNodeCap;
import sel4.object.cap.Cap;
import sel4.object.cap.FrameCap;
import sel4.object.cap.ThreadCap;
import sel4.object.cap.VMRights;
import sel4.object.cnode.CNode;
import sel4.object.cnode.Cte;
import sel4.object.endpoint.Endpoint;
import sel4.object.frame.Frame;
import sel4.object.frame.IpcBuffer;
import sel4.object.notification.Notification;
import sel4.object.reply.Reply;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.TcbQueue;
import sel4.object.tcb.ThreadState;

/**
 * Test support for the kernel-entry, TCB-invocation and interrupt tests: a small, hand-built kernel
 * state in the shape the boot code and the kernel leave it (every object in ksPSpace, caps in a
 * root CNode whose cap resolves a 64-bit cptr to its low 8 bits, MDB links for copied caps,
 * round-robin SCs as refill_new leaves them, idle thread and idle SC, IRQ states), built without
 * calling any kernel function so that tests of single functions can use it too.
 *
 * <p>The user side is played by the test: {@link #setMessage} and {@link #setExtraCaps} fill a
 * thread's registers and IPC buffer as libsel4 would, {@link #syscall} traps like the CPU does
 * (FaultIP = pc, NextIP = pc + 1) and {@link #info} / {@link #mr} read what the kernel left.
 */
public final class EntryTestSupport {
    /** Radix of the shared root CNode: a cptr names slot (cptr & 0xff). */
    public static final int ROOT_RADIX = 8;
    /** Every thread's IPC buffer sits at this user address, at the start of its own frame. */
    public static final long IPC_BUFFER_VADDR = 0x10_0000;
    /** Budget (= period) of the round-robin SCs: long enough that tests never run out by accident. */
    public static final long BUDGET = 1_000_000;
    public static final long USER_PC = 0x40_0000;

    public final Kernel k;
    public final KernelState ks;
    public final CNode rootCNode;
    public final Cte rootCNodeSlot;
    public final Tcb idle;
    /** The current thread at the start of a test: priority 100, Running, round-robin SC. */
    public final Tcb client;
    public final int clientCptr;

    private long nextPtr = 0x100_0000;
    private int nextSlot = 1;

    public EntryTestSupport() {
        this(Config.aarch64());
    }

    public EntryTestSupport(Config config) {
        k = new Kernel(config);
        ks = k.ks;

        rootCNode = new CNode(alloc(ROOT_RADIX + Config.seL4_SlotBits), ROOT_RADIX);
        ks.ksPSpace.insert(rootCNode);
        rootCNodeSlot = rootCNode.slots[put(new CNodeCap(rootCNode, ROOT_RADIX, 0, 64 - ROOT_RADIX))];
        rootCNodeSlot.mdbRevocable = true;

        idle = new Tcb(alloc(Config.seL4_TCBBits), 0);
        idle.tcbName = "idle";
        idle.tcbState = ThreadState.IdleThreadState;
        // The idle SC as seL4's boot configures it: round-robin with the boot time slice.
        SchedContext idleSc = new SchedContext(alloc(Config.seL4_MinSchedContextBits), Config.seL4_MinSchedContextBits);
        idleSc.scRefillMax = Config.minRefills;
        idleSc.scRefillTail = 1;
        idleSc.rAmount[0] = config.usToTicks(config.bootTimeSliceUs());
        idleSc.scTcb = idle;
        idle.tcbSchedContext = idleSc;
        ks.ksIdleThread = idle;
        ks.ksIdleSC = idleSc;

        ks.ksDomSchedule.add(new DomainScheduleEntry(0, 1L << 40));
        ks.ksDomainTime = 1L << 40;

        for (int i = 0; i < ks.intStateIRQTable.length; i++) {
            k.machine.maskInterrupt(true, i);
        }
        setIrqState(IRQState.IRQTimer, config.timerIrq());
        if (config.arch() == sel4.model.Arch.AARCH64) {
            setIrqState(IRQState.IRQReserved, config.vgicMaintenanceIrq());
            setIrqState(IRQState.IRQReserved, config.vtimerIrq());
        }

        client = newThread("client", 100);
        clientCptr = capOf(client);
        giveRoundRobinSc(client);
        client.tcbState = ThreadState.Running;
        ks.ksCurThread = client;
        ks.ksCurSC = client.tcbSchedContext;
        ks.ksSchedulerAction = SchedulerAction.ResumeCurrentThread;
        k.machine.setDeadline(BUDGET);
    }

    private void setIrqState(IRQState state, int irq) {
        ks.intStateIRQTable[irq] = state;
        k.machine.maskInterrupt(state == IRQState.IRQInactive, irq);
    }

    // ---- objects ----

    /** A fresh, naturally aligned address for an object of 2^bits bytes. */
    public long alloc(int bits) {
        long size = 1L << Math.max(bits, 12);
        nextPtr = (nextPtr + size - 1) & -size;
        long p = nextPtr;
        nextPtr += size;
        return p;
    }

    /**
     * A new thread (Inactive, no SC) with the shared CSpace root and its own read-write IPC buffer
     * frame, and a cap to it in the root CNode (see {@link #capOf}).
     */
    public Tcb newThread(String name, int prio) {
        Tcb t = new Tcb(alloc(Config.seL4_TCBBits), 0);
        t.tcbName = name;
        t.tcbPriority = prio;
        t.tcbMCP = prio;
        ks.ksPSpace.insert(t);
        copyCap(rootCNodeSlot, t.tcbCTE[Tcb.tcbCTable]);
        giveIpcBuffer(t, VMRights.VMReadWrite);
        put(new ThreadCap(t));
        t.tcbArch.tcbContext.registers[Registers.NextIP] = USER_PC;
        t.tcbArch.tcbContext.registers[Registers.FaultIP] = USER_PC;
        return t;
    }

    /** Replaces the thread's IPC buffer frame by a new frame with the given rights. */
    public Frame giveIpcBuffer(Tcb t, VMRights rights) {
        Frame f = new Frame(alloc(Config.seL4_PageBits), Config.seL4_PageBits, false);
        ks.ksPSpace.insert(f);
        t.tcbCTE[Tcb.tcbBuffer].cap = new FrameCap(f, rights, false, 1, IPC_BUFFER_VADDR);
        t.tcbIPCBuffer = IPC_BUFFER_VADDR;
        return f;
    }

    /** The thread's IPC-buffer frame, or null. */
    public Frame bufferFrame(Tcb t) {
        Cap c = t.tcbCTE[Tcb.tcbBuffer].cap;
        return c instanceof FrameCap fc ? fc.frame() : null;
    }

    /** Removes the thread's IPC buffer: messages then fit only the message registers. */
    public void removeIpcBuffer(Tcb t) {
        t.tcbCTE[Tcb.tcbBuffer].cap = sel4.object.cap.NullCap.INSTANCE;
        t.tcbIPCBuffer = 0;
    }

    /**
     * Binds a new round-robin SC (budget = period = {@link #BUDGET}), in the state refill_new
     * leaves it at time {@code ksCurTime}: head refill (now, budget), empty tail (now, 0).
     */
    public SchedContext giveRoundRobinSc(Tcb t) {
        SchedContext sc = new SchedContext(alloc(8), 8);
        ks.ksPSpace.insert(sc);
        sc.scPeriod = 0;
        sc.scRefillMax = Config.minRefills;
        sc.scRefillHead = 0;
        sc.scRefillTail = 1;
        sc.rTime[0] = ks.ksCurTime;
        sc.rAmount[0] = BUDGET;
        sc.rTime[1] = ks.ksCurTime;
        sc.rAmount[1] = 0;
        sc.scTcb = t;
        t.tcbSchedContext = sc;
        return sc;
    }

    /** Makes a thread with an SC runnable and appends it to its ready queue (with bitmap bits). */
    public void makeReady(Tcb t) {
        t.tcbState = ThreadState.Running;
        TcbQueue q = ks.ksReadyQueues[KernelState.ready_queues_index(t.tcbDomain, t.tcbPriority)];
        if (q.end == null) {
            q.head = t;
        } else {
            q.end.tcbSchedNext = t;
            t.tcbSchedPrev = q.end;
        }
        q.end = t;
        int l1 = t.tcbPriority >> 6;
        ks.ksReadyQueuesL1Bitmap[t.tcbDomain] |= 1L << l1;
        ks.ksReadyQueuesL2Bitmap[t.tcbDomain][KernelState.L2_BITMAP_SIZE - 1 - l1] |= 1L << (t.tcbPriority & 63);
        t.tcbQueued = true;
    }

    public Endpoint newEndpoint() {
        Endpoint ep = new Endpoint(alloc(Config.seL4_EndpointBits));
        ks.ksPSpace.insert(ep);
        return ep;
    }

    public Notification newNotification() {
        Notification n = new Notification(alloc(Config.seL4_NotificationBits));
        ks.ksPSpace.insert(n);
        return n;
    }

    public Reply newReply() {
        Reply r = new Reply(alloc(Config.seL4_ReplyBits));
        ks.ksPSpace.insert(r);
        return r;
    }

    // ---- caps ----

    /** Puts an original cap into the next free slot of the root CNode; returns its cptr. */
    public int put(Cap cap) {
        int slot = nextSlot++;
        rootCNode.slots[slot].cap = cap;
        rootCNode.slots[slot].mdbRevocable = true;
        return slot;
    }

    /** Copies the cap of {@code src} into {@code dest} as its MDB child (cteInsert's linking). */
    public static void copyCap(Cte src, Cte dest) {
        dest.cap = src.cap;
        dest.mdbRevocable = false;
        dest.mdbFirstBadged = false;
        dest.mdbPrev = src;
        dest.mdbNext = src.mdbNext;
        if (src.mdbNext != null) {
            src.mdbNext.mdbPrev = dest;
        }
        src.mdbNext = dest;
    }

    public Cte slot(int cptr) {
        return rootCNode.slots[cptr & ((1 << ROOT_RADIX) - 1)];
    }

    /** The cptr of the thread cap made by {@link #newThread}. */
    public int capOf(Tcb t) {
        for (int i = 1; i < rootCNode.slots.length; i++) {
            if (rootCNode.slots[i].cap instanceof ThreadCap tc && tc.tcb() == t) {
                return i;
            }
        }
        throw new IllegalArgumentException("no cap to " + t);
    }

    /** The first empty slot of the root CNode (not handed out by {@link #put}). */
    public int freeSlot() {
        return nextSlot++;
    }

    // ---- the user side ----

    /**
     * Sets up a message as libsel4 does: msgInfo register, words 0..3 in the message registers and
     * further words in the IPC buffer (word i at buffer word i + 1).
     */
    public void setMessage(Tcb t, long label, int extraCaps, long... words) {
        setRegister(t, Registers.msgInfoRegister,
                wordFromMessageInfo(seL4_MessageInfo_new(label, 0, extraCaps, words.length)));
        for (int i = 0; i < words.length; i++) {
            if (i < Registers.n_msgRegisters) {
                setRegister(t, Registers.msgRegisters[i], words[i]);
            } else {
                userWriteBuffer(t, i + 1, words[i]);
            }
        }
    }

    /** The cptrs of the extra caps, in the sender's IPC buffer (caps-or-badges words). */
    public void setExtraCaps(Tcb t, long... cptrs) {
        for (int i = 0; i < cptrs.length; i++) {
            userWriteBuffer(t, IpcBuffer.capsOrBadgesWord0 + i, cptrs[i]);
        }
    }

    /** A user-level store into the thread's IPC buffer (not counted as a kernel write). */
    public void userWriteBuffer(Tcb t, int word, long value) {
        bufferFrame(t).writeWord((t.tcbIPCBuffer & 0xfff) / 8 + word, value);
    }

    public long bufferWord(Tcb t, int word) {
        return bufferFrame(t).readWord((t.tcbIPCBuffer & 0xfff) / 8 + word);
    }

    /** Traps into the kernel with a syscall, as the CPU does: FaultIP = pc, NextIP = pc + 1. */
    public void syscall(Syscall s) {
        Tcb t = ks.ksCurThread;
        long pc = getRegister(t, Registers.NextIP);
        setRegister(t, Registers.FaultIP, pc);
        setRegister(t, Registers.NextIP, pc + 1);
        k.callKernel(new Event.SyscallEvent(s));
    }

    /** Invokes {@code cptr} with a syscall, label, extra caps and words (registers set on ct). */
    public void invoke(Syscall s, long cptr, long label, long[] extraCaps, long... words) {
        Tcb t = ks.ksCurThread;
        setRegister(t, Registers.capRegister, cptr);
        setMessage(t, label, extraCaps.length, words);
        setExtraCaps(t, extraCaps);
        syscall(s);
    }

    public static long[] caps(long... cptrs) {
        return cptrs;
    }

    public static MessageInfo info(Tcb t) {
        return MessageInfo.messageInfoFromWord_raw(getRegister(t, Registers.msgInfoRegister));
    }

    public static long mr(Tcb t, int i) {
        return getRegister(t, Registers.msgRegisters[i]);
    }

    public static long badge(Tcb t) {
        return getRegister(t, Registers.badgeRegister);
    }

    public static long getRegister(Tcb t, int reg) {
        return KernelModule.getRegister(t, reg);
    }

    public static void setRegister(Tcb t, int reg, long v) {
        KernelModule.setRegister(t, reg, v);
    }
}
