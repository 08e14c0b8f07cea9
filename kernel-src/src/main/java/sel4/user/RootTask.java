package sel4.user;

import static sel4.machine.Registers.NextIP;

import java.util.function.Consumer;
import sel4.api.ObjectTypes;
import sel4.kernel.Boot;
import sel4.kernel.BootInfo;
import sel4.kernel.Kernel;
import sel4.machine.Words;
import sel4.model.Arch;
import sel4.model.BootInfoSlots;
import sel4.model.Config;
import sel4.object.KernelObject;
import sel4.object.cap.CNodeCap;
import sel4.object.cap.Cap;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.FrameCap;
import sel4.object.cap.NotificationCap;
import sel4.object.cap.ReplyCap;
import sel4.object.cap.SchedContextCap;
import sel4.object.cap.ThreadCap;
import sel4.object.cap.UntypedCap;
import sel4.object.cnode.CNode;
import sel4.object.cnode.Cte;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;

/**
 * The root task: the root thread running work that the test harness hands it, through real
 * syscalls, the way a root server sets up a system from its boot info.
 *
 * <p>{@link #run} appends the work to the root thread's script and runs the simulation until the
 * root thread has executed it; other threads run in between only as the scheduler decides (the
 * root thread has the highest priority). Between pieces of work the root thread waits on a
 * "doorbell" notification bound to IRQ {@link #doorbellIrq()}; handing it more work rings the
 * doorbell by raising that IRQ line, so the root thread is woken by the kernel like any driver
 * thread, and acknowledges the IRQ before it starts.
 *
 * <p>All objects live in the root CNode, which every spawned thread shares as its CSpace: a CPtr is
 * a slot number of the root CNode (depth 64).
 */
public final class RootTask {
    /** Depth that resolves a slot number in the root CNode (its guard covers the rest of the word). */
    public static final int DEPTH = Words.wordBits;
    /** seL4_CapInitThreadCNode. */
    public static final long CNODE = BootInfoSlots.seL4_CapInitThreadCNode;
    /** seL4_CNode_CapData for the root CNode cap's guard (guard 0, guard size 64 − radix). */
    public static final long CNODE_GUARD_DATA = Words.wordBits - Boot.ROOT_CNODE_SIZE_BITS;
    /** All rights (write, read, grant, grant-reply) as a seL4_CapRights_t word. */
    public static final long ALL_RIGHTS = 0xf;
    private static final long STEP_LIMIT = 1_000_000;
    private static final int PAGE_BITS = Config.seL4_PageBits;

    private final Sim sim;
    private final Kernel k;
    private final BootInfo bi;
    private final Tcb tcb;
    private final CNode cnode;
    private final RootScript script = new RootScript();
    private final UserThread thread;
    private int nextSlot;
    private int nextPage = 1;
    private int nextSharedBuffer = 1;
    private int smallPageType = -1;
    private boolean parked;
    private long doorbellHandler;
    private long doorbellNtfn;

    RootTask(Sim sim, Kernel k, BootInfo bi) {
        this.sim = sim;
        this.k = k;
        this.bi = bi;
        this.tcb = k.ks.ksCurThread;
        this.cnode = ((CNodeCap) tcb.tcbCTE[Tcb.tcbCTable].cap).cnode();
        this.nextSlot = bi.empty().start();
        this.thread = new UserThread(sim, tcb.tcbName, tcb, BootInfoSlots.seL4_CapInitThreadTCB,
                BootInfoSlots.seL4_CapInitThreadSC, bi.ipcBufferVaddr());
    }

    /** The image the CPU runs in the root thread. */
    Image image() {
        return new Image(script, BootInfoSlots.seL4_CapInitThreadTCB);
    }

    public UserThread thread() {
        return thread;
    }

    public BootInfo bootInfo() {
        return bi;
    }

    /** The IRQ line the harness raises to wake the root task: the highest IRQ number. */
    public int doorbellIrq() {
        return k.config.maxIRQ();
    }

    // ---- running work ----

    /**
     * Runs {@code work} in the root thread and returns when the root thread has executed all of
     * it. The results of its stubs are filled in; nothing is checked.
     */
    public void run(Consumer<ProgramBuilder> work) {
        ProgramBuilder b = new ProgramBuilder();
        work.accept(b);
        submit(b, "root work");
    }

    /** As {@link #run}, then fails with {@link SetupFailed} unless every stub returned what it expects. */
    public void runChecked(String what, Consumer<ProgramBuilder> work) {
        ProgramBuilder b = new ProgramBuilder();
        work.accept(b);
        submit(b, what);
        for (SyscallResult r : b.results()) {
            if (!r.ok()) {
                throw new SetupFailed(what + ": " + r.describe());
            }
        }
    }

    private void submit(ProgramBuilder b, String what) {
        boolean wake = parked;
        if (parked) {
            ProgramBuilder ack = new ProgramBuilder();
            ack.irq().handlerAck(doorbellHandler);
            script.append(ack);
            parked = false;
        }
        script.append(b);
        long end = script.size();
        if (wake) {
            k.machine.irq().assertLine(doorbellIrq());
        }
        StopReason why = sim.cpu().run(() -> tcb.tcbArch.tcbContext.registers[NextIP] == end, Long.MAX_VALUE,
                STEP_LIMIT);
        if (why != StopReason.CONDITION) {
            throw new SetupFailed(what + ": the root task did not finish (" + why + ", root thread "
                    + tcb.tcbState + ")\n" + String.join("\n", sim.cpu().recentTrace()));
        }
    }

    /** Called when the root thread runs out of work during a general run: wait for the doorbell. */
    void park() {
        ProgramBuilder b = new ProgramBuilder();
        b.waitOn(doorbellNtfn);
        script.append(b);
        parked = true;
    }

    /** Creates the doorbell: an IRQ handler for {@link #doorbellIrq()} signalling a notification. */
    void installDoorbell() {
        doorbellHandler = allocSlot();
        doorbellNtfn = newNotification();
        runChecked("doorbell", b -> {
            b.irq().controlGet(BootInfoSlots.seL4_CapIRQControl, doorbellIrq(), CNODE, doorbellHandler, DEPTH);
            b.irq().handlerSetNotification(doorbellHandler, doorbellNtfn);
        });
        // The root task's IRQ acknowledgement stands for the device write that drops the line.
        k.machine.irq().setLowerOnUnmask(doorbellIrq(), true);
    }

    // ---- slots and memory ----

    /** A free slot of the root CNode. */
    public long allocSlot() {
        return allocSlots(1);
    }

    /** {@code n} consecutive free slots (for a Retype of several objects); returns the first. */
    public long allocSlots(int n) {
        if (n < 1 || nextSlot + n > bi.empty().end()) {
            throw new SetupFailed("root CNode full");
        }
        long first = nextSlot;
        nextSlot += n;
        return first;
    }

    /**
     * Retypes one object of {@code type} into a fresh slot, from the first untyped (device or not)
     * whose current watermark leaves room for it, and returns its CPtr.
     */
    public long retype(int type, int sizeBits, boolean device) {
        int objectBits = objectSizeBits(type, sizeBits);
        long untyped = pickUntyped(objectBits, device);
        long slot = allocSlot();
        runChecked("retype type " + type, b ->
                b.untyped().retype(untyped, type, sizeBits, CNODE, 0, 0, slot, 1));
        return slot;
    }

    public long retype(int type, int sizeBits) {
        return retype(type, sizeBits, false);
    }

    public long newEndpoint() {
        return retype(ObjectTypes.seL4_EndpointObject, 0);
    }

    public long newNotification() {
        return retype(ObjectTypes.seL4_NotificationObject, 0);
    }

    public long newReply() {
        return retype(ObjectTypes.seL4_ReplyObject, 0);
    }

    public long newTcb() {
        return retype(ObjectTypes.seL4_TCBObject, 0);
    }

    public long newSchedContext() {
        return newSchedContext(Config.seL4_MinSchedContextBits);
    }

    public long newSchedContext(int sizeBits) {
        return retype(ObjectTypes.seL4_SchedContextObject, sizeBits);
    }

    public long newCNode(int radixBits) {
        return retype(ObjectTypes.seL4_CapTableObject, radixBits);
    }

    public long newUntyped(int sizeBits) {
        return retype(ObjectTypes.seL4_UntypedObject, sizeBits);
    }

    /** A 4 KiB frame (AArch64 object type discovered from the arch). */
    public long newFrame() {
        return retype(smallPageType(), 0);
    }

    /** A 4 KiB frame of device memory. */
    public long newDeviceFrame() {
        return retype(smallPageType(), 0, true);
    }

    /** A frame with its CPtr and the address where it is mapped read-write in the root VSpace. */
    public record MappedPage(long cap, long vaddr) {
    }

    /**
     * A new frame mapped read-write in the shared VSpace, in the 2 MiB window that starts at the
     * root IPC buffer (the window whose page table the boot code created), so no page tables are
     * needed. AArch64 only: the model's x86_64 subset has no map invocation.
     */
    public MappedPage newMappedPage() {
        if (k.config.arch() != Arch.AARCH64) {
            throw new SetupFailed("the x86_64 subset of the model cannot map frames");
        }
        if (nextPage >= (1 << (21 - PAGE_BITS))) {
            throw new SetupFailed("the mapped-page window is full");
        }
        long frame = newFrame();
        long vaddr = bi.ipcBufferVaddr() + ((long) nextPage++ << PAGE_BITS);
        runChecked("map page", b -> b.arch().armPageMap(frame, BootInfoSlots.seL4_CapInitThreadVSpace, vaddr,
                ArchStubs.seL4_ReadWrite, ArchStubs.seL4_ARM_Default_VMAttributes));
        return new MappedPage(frame, vaddr);
    }

    /**
     * An IPC buffer for a new thread: its own mapped page on AArch64; on x86_64, which cannot map,
     * one of the three free 1 KiB buffer slots of the root task's IPC-buffer frame (through a copy
     * of that frame's cap), and no buffer at all once those are used.
     */
    MappedPage newIpcBuffer() {
        if (k.config.arch() == Arch.AARCH64) {
            return newMappedPage();
        }
        int perPage = 1 << (PAGE_BITS - IpcBuffer.seL4_IPCBufferSizeBits);
        if (nextSharedBuffer >= perPage) {
            return new MappedPage(BootInfoSlots.seL4_CapNull, 0);
        }
        long copy = copy(BootInfoSlots.seL4_CapInitThreadIPCBuffer);
        long vaddr = bi.ipcBufferVaddr() + ((long) nextSharedBuffer++ << IpcBuffer.seL4_IPCBufferSizeBits);
        return new MappedPage(copy, vaddr);
    }

    /** A copy of the cap in {@code src} (all rights) in a fresh slot. */
    public long copy(long src) {
        long dest = allocSlot();
        runChecked("copy " + src, b -> b.cnode().copy(CNODE, dest, DEPTH, CNODE, src, DEPTH, ALL_RIGHTS));
        return dest;
    }

    /** A copy of {@code src} with rights {@code rights} and badge {@code badge} in a fresh slot. */
    public long mint(long src, long rights, long badge) {
        long dest = allocSlot();
        runChecked("mint " + src, b -> b.cnode().mint(CNODE, dest, DEPTH, CNODE, src, DEPTH, rights, badge));
        return dest;
    }

    /** An IRQ handler cap for {@code irq} that signals {@code notification}. */
    public long irqHandler(int irq, long notification) {
        long handler = allocSlot();
        runChecked("IRQ handler " + irq, b -> {
            b.irq().controlGet(BootInfoSlots.seL4_CapIRQControl, irq, CNODE, handler, DEPTH);
            b.irq().handlerSetNotification(handler, notification);
        });
        return handler;
    }

    private long pickUntyped(int objectBits, boolean device) {
        for (BootInfo.UntypedDesc d : bi.untypedList()) {
            if (d.isDevice() != device || d.sizeBits() < objectBits) {
                continue;
            }
            if (cnode.slots[d.slot()].cap instanceof UntypedCap ut && ut.ptr() == d.paddr()) {
                long start = Words.ROUND_UP(ut.freeIndex(), objectBits);
                if (start + (1L << objectBits) <= (1L << ut.blockSize())) {
                    return d.slot();
                }
            }
        }
        throw new SetupFailed("no " + (device ? "device " : "") + "untyped with 2^" + objectBits + " bytes free");
    }

    private int objectSizeBits(int type, int sizeBits) {
        return switch (type) {
            case ObjectTypes.seL4_UntypedObject, ObjectTypes.seL4_SchedContextObject -> sizeBits;
            case ObjectTypes.seL4_TCBObject -> Config.seL4_TCBBits;
            case ObjectTypes.seL4_EndpointObject -> Config.seL4_EndpointBits;
            case ObjectTypes.seL4_NotificationObject -> Config.seL4_NotificationBits;
            case ObjectTypes.seL4_CapTableObject -> sizeBits + Config.seL4_SlotBits;
            case ObjectTypes.seL4_ReplyObject -> Config.seL4_ReplyBits;
            default -> Math.max(k.arch.Arch_getObjectSize(type), sizeBits);
        };
    }

    /** The arch object type of a 4 KiB frame, found as libsel4's generated header would give it. */
    private int smallPageType() {
        if (smallPageType < 0) {
            for (int t = ObjectTypes.seL4_NonArchObjectTypeCount; t < 64; t++) {
                if (k.arch.Arch_getObjectSize(t) == PAGE_BITS && k.arch.Arch_isFrameType(t)) {
                    smallPageType = t;
                    break;
                }
            }
            if (smallPageType < 0) {
                throw new SetupFailed("the arch defines no 4 KiB frame object type");
            }
        }
        return smallPageType;
    }

    // ---- inspection ----

    /** The slot behind a root-CNode CPtr. */
    public Cte slot(long cptr) {
        if (cptr < 0 || cptr >= cnode.slots.length) {
            throw new IllegalArgumentException("CPtr " + cptr + " is not a root CNode slot");
        }
        return cnode.slots[(int) cptr];
    }

    public Cap cap(long cptr) {
        return slot(cptr).cap;
    }

    /** The kernel object the cap at {@code cptr} refers to, or null (null cap, untyped, ...). */
    public KernelObject object(long cptr) {
        Cap c = cap(cptr);
        if (c instanceof ThreadCap t) {
            return t.tcb();
        } else if (c instanceof EndpointCap e) {
            return e.ep();
        } else if (c instanceof NotificationCap n) {
            return n.ntfn();
        } else if (c instanceof ReplyCap r) {
            return r.reply();
        } else if (c instanceof SchedContextCap s) {
            return s.sc();
        } else if (c instanceof CNodeCap cn) {
            return cn.cnode();
        } else if (c instanceof FrameCap f) {
            return f.frame();
        }
        return null;
    }

    public <T extends KernelObject> T object(long cptr, Class<T> type) {
        KernelObject o = object(cptr);
        if (!type.isInstance(o)) {
            throw new IllegalArgumentException("slot " + cptr + " holds " + cap(cptr) + ", not a " + type.getSimpleName());
        }
        return type.cast(o);
    }
}
