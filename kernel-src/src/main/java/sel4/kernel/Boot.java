package sel4.kernel;

import static sel4.machine.Registers.capRegister;

import java.util.ArrayList;
import java.util.List;
import sel4.arch.BootRegion;
import sel4.machine.Words;
import sel4.model.BootInfoSlots;
import sel4.model.Config;
import sel4.model.DomainScheduleEntry;
import sel4.model.IRQState;
import sel4.model.KernelState;
import sel4.model.SchedulerAction;
import sel4.object.cap.CNodeCap;
import sel4.object.cap.Cap;
import sel4.object.cap.DomainCap;
import sel4.object.cap.FrameCap;
import sel4.object.cap.IRQControlCap;
import sel4.object.cap.SchedContextCap;
import sel4.object.cap.SchedControlCap;
import sel4.object.cap.ThreadCap;
import sel4.object.cap.UntypedCap;
import sel4.object.cap.VMRights;
import sel4.object.cnode.CNode;
import sel4.object.cnode.Cte;
import sel4.object.frame.Frame;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;

/**
 * Models seL4's src/kernel/boot.c (create_root_cnode, create_domain_cap, create_ipcbuf_frame_cap,
 * create_idle_thread, create_initial_thread, init_sched_control, create_untypeds, init_core_state)
 * and the generic steps of the arch try_init_kernel: the initial kernel state a root task starts
 * from (KERNEL-REFERENCE §1 "Boot", §11).
 *
 * <p>Boot code creates its objects directly, without Retype, but leaves them exactly as Retype
 * plus the corresponding invocations would: every object is in {@code ksPSpace}, every initial cap
 * is an MDB root written like seL4's {@code write_slot} (revocable, first-badged), and the copies
 * in the root TCB's slots are MDB children of the root CNode's caps, so revoke and delete work on
 * boot caps.
 *
 * <p>One deliberate difference from seL4: seL4 ends boot with the idle thread current and the
 * scheduler action "switch to the root thread", leaving the switch to the first kernel exit. The
 * model returns the state after that first {@code schedule()}: the root thread is current, its SC is
 * {@code ksCurSC}, the action is ResumeCurrentThread and the deadline timer is armed for the end of
 * its timeslice. That is the state in which the root task executes its first instruction, so a CPU
 * simulator can start running it without entering the kernel first.
 */
public final class Boot {
    /** Start of RAM (qemu-arm-virt places RAM here; the x86_64 model uses the same map). */
    public static final long RAM_BASE = 0x4000_0000L;
    /** 1 GiB of RAM. */
    public static final int RAM_SIZE_BITS = 30;
    /** A device region handed out as one device untyped (outside RAM, below it). */
    public static final long DEVICE_UNTYPED_BASE = 0x1000_0000L;
    public static final int DEVICE_UNTYPED_SIZE_BITS = 21;
    /** CONFIG_ROOT_CNODE_SIZE_BITS. */
    public static final int ROOT_CNODE_SIZE_BITS = 12;
    /**
     * Virtual address of the root thread's IPC buffer: the start of a 2 MiB-aligned region, so that
     * the last-level page table the arch creates for it also covers the following 511 pages.
     */
    public static final long IPC_BUFFER_VADDR = 0x0040_0000L;
    /** Where seL4 would map the boot-info frame; handed to the root thread in the cap register. */
    public static final long BOOT_INFO_VADDR = IPC_BUFFER_VADDR - (1L << Config.seL4_PageBits);
    /** DSCHED_MAX_DURATION: durations are 56-bit (the domain sits in the top 8 bits). */
    public static final long DSCHED_MAX_DURATION = -1L >>> 8;
    /** Number of domain-schedule entries (CONFIG_NUM_DOMAIN_SCHEDULES): 2 with one domain, else 100. */
    public static final int DOM_SCHEDULE_LENGTH_SINGLE = 2;
    public static final int DOM_SCHEDULE_LENGTH_MULTI = 100;
    /** Length of each domain's slot in the multi-domain schedule the model boots with (10 ms). */
    public static final long DEFAULT_DOMAIN_TICKS = 10_000;

    /**
     * The arch step of boot ({@code Arch_createBootObjects}). Normally the kernel's own arch; a
     * caller may supply another step to build the generic state on its own, e.g. to inspect it.
     */
    @FunctionalInterface
    public interface ArchStep {
        void createBootObjects(Tcb rootThread, CNode rootCNode, BootRegion mem);
    }

    /** A freshly booted kernel and its boot info. */
    public record Booted(Kernel kernel, BootInfo bootInfo) {
    }

    private final Kernel k;
    private final KernelState ks;
    private final Config config;
    private final BootRegion mem;
    private CNode rootCNode;
    private Cte[] slots;
    private int nextSlot = BootInfoSlots.seL4_NumInitialCaps;

    private Boot(Kernel k) {
        this.k = k;
        this.ks = k.ks;
        this.config = k.config;
        this.mem = new BootRegion(RAM_BASE, RAM_BASE + (1L << RAM_SIZE_BITS));
    }

    /** Creates a kernel for {@code config} and builds its initial state. */
    public static Booted boot(Config config) {
        Kernel k = new Kernel(config);
        return new Booted(k, boot(k));
    }

    /** Builds the initial state in a kernel that has never been booted. */
    public static BootInfo boot(Kernel k) {
        return boot(k, k.arch::Arch_createBootObjects);
    }

    /** As {@link #boot(Kernel)}, with the arch objects created by {@code archStep}. */
    public static BootInfo boot(Kernel k, ArchStep archStep) {
        if (k.ks.ksCurThread != null || k.ks.ksIdleThread != null || k.ks.ksPSpace.size() != 0) {
            throw new IllegalStateException("kernel already booted");
        }
        return new Boot(k).run(archStep);
    }

    private BootInfo run(ArchStep archStep) {
        initDomainSchedule();
        initIrqs();
        // Largest objects first, as seL4 allocates the rootserver objects, so alignment wastes
        // no memory before the RAM left over is turned into untypeds.
        createRootCNode();
        writeSlot(BootInfoSlots.seL4_CapDomain, new DomainCap());
        writeSlot(BootInfoSlots.seL4_CapIRQControl, new IRQControlCap());
        createFrameCap(BootInfoSlots.seL4_CapInitThreadIPCBuffer);
        createFrameCap(BootInfoSlots.seL4_CapBootInfoFrame);
        createIdleThread();
        Tcb root = createInitialThread();
        archStep.createBootObjects(root, rootCNode, mem);
        markArchCapsAsRoots();

        BootInfo.SlotRegion schedControl = initSchedControl();
        int untypedStart = nextSlot;
        List<BootInfo.UntypedDesc> untypeds = createUntypeds();
        BootInfo.SlotRegion untyped = new BootInfo.SlotRegion(untypedStart, nextSlot);

        initCoreState(root);
        boolean hyp = config.arch() == sel4.model.Arch.AARCH64;
        return new BootInfo(ROOT_CNODE_SIZE_BITS, root.tcbDomain, IPC_BUFFER_VADDR,
                new BootInfo.SlotRegion(nextSlot, 1 << ROOT_CNODE_SIZE_BITS), schedControl, untyped, untypeds,
                config.timerIrq(), hyp ? config.vgicMaintenanceIrq() : -1, hyp ? config.vtimerIrq() : -1);
    }

    // ---- domains and interrupts ----

    /**
     * One domain: seL4's boot schedule, domain 0 for the maximum duration followed by the end
     * marker. Several domains: the model boots with each domain in turn for
     * {@link #DEFAULT_DOMAIN_TICKS} (seL4 leaves that to DomainScheduleConfigure), so that a
     * multi-domain configuration switches domains without further set-up. Unused entries are end
     * markers, as in seL4's zero-initialised array.
     */
    private void initDomainSchedule() {
        int n = config.numDomains();
        int length = n == 1 ? DOM_SCHEDULE_LENGTH_SINGLE : DOM_SCHEDULE_LENGTH_MULTI;
        ks.ksDomSchedule.clear();
        for (int i = 0; i < length; i++) {
            if (n == 1 && i == 0) {
                ks.ksDomSchedule.add(new DomainScheduleEntry(0, DSCHED_MAX_DURATION));
            } else if (n > 1 && i < n) {
                ks.ksDomSchedule.add(new DomainScheduleEntry(i, DEFAULT_DOMAIN_TICKS));
            } else {
                ks.ksDomSchedule.add(new DomainScheduleEntry(0, 0));
            }
        }
        ks.ksDomScheduleIdx = 0;
        ks.ksDomScheduleStart = 0;
        ks.ksCurDomain = ks.ksDomSchedule.get(0).domain();
        ks.ksDomainTime = ks.ksDomSchedule.get(0).length();
    }

    /**
     * init_irqs: every IRQ starts inactive and masked; the kernel timer is IRQTimer and, with
     * hypervisor support, the VGIC maintenance and virtual-timer PPIs are IRQReserved. Those three
     * stay unmasked because the kernel itself handles them.
     */
    private void initIrqs() {
        for (int irq = 0; irq <= config.maxIRQ(); irq++) {
            ks.intStateIRQTable[irq] = IRQState.IRQInactive;
            k.machine.maskInterrupt(true, irq);
        }
        setIrqState(config.timerIrq(), IRQState.IRQTimer);
        if (config.arch() == sel4.model.Arch.AARCH64) {
            setIrqState(config.vgicMaintenanceIrq(), IRQState.IRQReserved);
            setIrqState(config.vtimerIrq(), IRQState.IRQReserved);
        }
    }

    private void setIrqState(int irq, IRQState state) {
        ks.intStateIRQTable[irq] = state;
        k.machine.maskInterrupt(state == IRQState.IRQInactive, irq);
    }

    // ---- threads ----

    /** create_idle_thread: idle TCB and the idle SC, which has the maximum period as budget. */
    private void createIdleThread() {
        Tcb idle = new Tcb(mem.alloc(Config.seL4_TCBBits), 0);
        idle.tcbName = "idle_thread";
        idle.tcbPriority = 0;
        idle.tcbMCP = 0;
        // Boot runs before the scheduler exists; configureIdleThread writes the state directly.
        idle.tcbState = ThreadState.IdleThreadState;
        SchedContext sc = newSchedContext();
        configureSchedContext(idle, sc, config.usToTicks(config.maxPeriodUs()));
        ks.ksPSpace.insert(idle);
        ks.ksIdleThread = idle;
        ks.ksIdleSC = sc;
    }

    /**
     * create_initial_thread: the root thread runs at seL4_MaxPrio with MCP seL4_MaxPrio in the
     * first domain, with its CSpace, IPC buffer and SC set up; its first instruction is at 0 and
     * its cap register holds the boot-info address, as seL4's entry convention.
     */
    private Tcb createInitialThread() {
        Tcb tcb = new Tcb(mem.alloc(Config.seL4_TCBBits), ks.ksCurDomain);
        tcb.tcbName = "rootserver";
        insertChild(slot(BootInfoSlots.seL4_CapInitThreadCNode), tcb.tcbCTE[Tcb.tcbCTable]);
        // deriveCap of an (as yet unmapped) frame cap is the same cap.
        insertChild(slot(BootInfoSlots.seL4_CapInitThreadIPCBuffer), tcb.tcbCTE[Tcb.tcbBuffer]);
        tcb.tcbIPCBuffer = IPC_BUFFER_VADDR;
        KernelModule.setRegister(tcb, capRegister, BOOT_INFO_VADDR);
        KernelModule.setNextPC(tcb, 0);

        SchedContext sc = newSchedContext();
        configureSchedContext(tcb, sc, config.usToTicks(config.bootTimeSliceUs()));
        tcb.tcbPriority = Config.seL4_MaxPrio;
        tcb.tcbMCP = Config.seL4_MaxPrio;
        tcb.tcbState = ThreadState.Running;
        ks.ksPSpace.insert(tcb);

        writeSlot(BootInfoSlots.seL4_CapInitThreadTCB, new ThreadCap(tcb));
        writeSlot(BootInfoSlots.seL4_CapInitThreadSC, new SchedContextCap(sc, Config.seL4_MinSchedContextBits));
        return tcb;
    }

    private SchedContext newSchedContext() {
        SchedContext sc = new SchedContext(mem.alloc(Config.seL4_MinSchedContextBits), Config.seL4_MinSchedContextBits);
        ks.ksPSpace.insert(sc);
        return sc;
    }

    /**
     * configure_sched_context: binds the SC and gives it a round-robin budget, laid out exactly as
     * refill_new(sc, MIN_REFILLS, budget, 0) leaves it: the full budget at the head, usable from now,
     * and the empty tail refill in which a round-robin SC records what it has used.
     */
    private void configureSchedContext(Tcb tcb, SchedContext sc, long budget) {
        long now = k.machine.getCurrentTime();
        sc.scPeriod = 0;
        sc.scRefillMax = Config.minRefills;
        sc.scRefillHead = 0;
        sc.rTime[0] = now;
        sc.rAmount[0] = budget;
        sc.scRefillTail = 1;
        sc.rTime[1] = now;
        sc.rAmount[1] = 0;
        tcb.tcbSchedContext = sc;
        sc.scTcb = tcb;
    }

    /**
     * init_core_state followed by what the first schedule() on the way out of the kernel does: the
     * root thread becomes current with its SC, time accounting starts now, and the deadline is
     * armed where setNextInterrupt would put it (end of the head refill, or of the domain's time
     * when there are several domains).
     */
    private void initCoreState(Tcb root) {
        ks.ksCurTime = k.machine.getCurrentTime();
        ks.ksConsumed = 0;
        ks.ksCurThread = root;
        ks.ksCurSC = root.tcbSchedContext;
        ks.ksSchedulerAction = SchedulerAction.ResumeCurrentThread;
        ks.ksReleaseQueue.clear();
        long next = ks.ksCurTime + root.tcbSchedContext.rAmount[root.tcbSchedContext.scRefillHead];
        if (config.numDomains() > 1) {
            next = Math.min(next, ks.ksCurTime + ks.ksDomainTime);
        }
        k.machine.setDeadline(next - config.timerPrecision());
        ks.ksReprogram = false;
    }

    // ---- caps ----

    /** create_root_cnode: the CNode cap's guard makes the radix plus guard cover a whole word. */
    private void createRootCNode() {
        rootCNode = new CNode(mem.alloc(ROOT_CNODE_SIZE_BITS + Config.seL4_SlotBits), ROOT_CNODE_SIZE_BITS);
        ks.ksPSpace.insert(rootCNode);
        slots = rootCNode.slots;
        writeSlot(BootInfoSlots.seL4_CapInitThreadCNode,
                new CNodeCap(rootCNode, ROOT_CNODE_SIZE_BITS, 0, Words.wordBits - ROOT_CNODE_SIZE_BITS));
    }

    /**
     * The arch step writes its initial caps (VSpace, ASID control and pool, SMC, SMMU or I/O port
     * control) straight into their slots; like every boot cap they are MDB roots in the sense of
     * write_slot, so revoking one of them reaches its copies (e.g. the TCB's VTable cap). Slots the
     * arch linked below another cap are left as they are.
     */
    private void markArchCapsAsRoots() {
        for (int i = 0; i < BootInfoSlots.seL4_NumInitialCaps; i++) {
            Cte cte = slots[i];
            if (!(cte.cap instanceof sel4.object.cap.NullCap) && cte.mdbPrev == null) {
                cte.mdbRevocable = true;
                cte.mdbFirstBadged = true;
            }
        }
    }

    /** A 4 KiB read-write frame of fresh RAM with its cap in {@code slotIndex}. */
    private FrameCap createFrameCap(int slotIndex) {
        Frame frame = new Frame(mem.alloc(Config.seL4_PageBits), Config.seL4_PageBits, false);
        ks.ksPSpace.insert(frame);
        FrameCap cap = new FrameCap(frame, VMRights.VMReadWrite, false, 0, 0);
        writeSlot(slotIndex, cap);
        return cap;
    }

    /** init_sched_control: one SchedControl cap (single core) in the first slot after the initial caps. */
    private BootInfo.SlotRegion initSchedControl() {
        int start = nextSlot;
        provideCap(new SchedControlCap(0));
        return new BootInfo.SlotRegion(start, nextSlot);
    }

    /**
     * create_untypeds: device memory first, then the RAM left after the boot allocations, cut into
     * naturally aligned power-of-two blocks between seL4_MinUntypedBits and seL4_MaxUntypedBits.
     */
    private List<BootInfo.UntypedDesc> createUntypeds() {
        List<BootInfo.UntypedDesc> out = new ArrayList<>();
        addUntypedRange(DEVICE_UNTYPED_BASE, DEVICE_UNTYPED_BASE + (1L << DEVICE_UNTYPED_SIZE_BITS), true, out);
        addUntypedRange(mem.next(), mem.end(), false, out);
        return out;
    }

    private void addUntypedRange(long start, long end, boolean device, List<BootInfo.UntypedDesc> out) {
        long base = Words.ROUND_UP(start, Config.seL4_MinUntypedBits);
        while (end - base >= (1L << Config.seL4_MinUntypedBits)) {
            int align = base == 0 ? Config.seL4_MaxUntypedBits : Long.numberOfTrailingZeros(base);
            int fit = Words.wordLog2(end - base);
            int bits = Math.min(Math.min(align, fit), Config.seL4_MaxUntypedBits);
            int slotIndex = provideCap(new UntypedCap(base, bits, device, 0));
            out.add(new BootInfo.UntypedDesc(slotIndex, base, bits, device));
            base += 1L << bits;
        }
    }

    /** provide_cap: the next free slot after the fixed initial caps. */
    private int provideCap(Cap cap) {
        if (nextSlot >= slots.length) {
            throw new IllegalStateException("root CNode too small for the boot caps");
        }
        int index = nextSlot++;
        writeSlot(index, cap);
        return index;
    }

    private Cte slot(int index) {
        return slots[index];
    }

    /** write_slot: the cap becomes an MDB root of its own (revocable, first badged). */
    private void writeSlot(int index, Cap cap) {
        Cte cte = slots[index];
        cte.cap = cap;
        cte.mdbPrev = null;
        cte.mdbNext = null;
        cte.mdbRevocable = true;
        cte.mdbFirstBadged = true;
    }

    /**
     * cteInsert of a plain copy (isCapRevocable is false for CNode and frame copies): the copy is
     * linked right after its parent in the MDB, which makes it the parent's child.
     */
    private static void insertChild(Cte parent, Cte dest) {
        dest.cap = parent.cap;
        dest.mdbRevocable = false;
        dest.mdbFirstBadged = false;
        dest.mdbPrev = parent;
        dest.mdbNext = parent.mdbNext;
        if (parent.mdbNext != null) {
            parent.mdbNext.mdbPrev = dest;
        }
        parent.mdbNext = dest;
    }
}
