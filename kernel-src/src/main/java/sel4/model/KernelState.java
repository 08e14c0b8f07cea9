package sel4.model;

import java.util.ArrayList;
import java.util.List;
import sel4.api.Fault;
import sel4.api.LookupFault;
import sel4.api.SyscallError;
import sel4.object.cnode.Cte;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.TcbQueue;

/**
 * Models the global kernel state of seL4 (include/model/statedata.h, src/model/statedata.c;
 * Haskell KernelState in Model/StateData, KERNEL-REFERENCE §3) for one core.
 *
 * <p>Field names are seL4's. The C globals {@code current_fault}, {@code current_lookup_fault},
 * {@code current_syscall_error} and {@code current_extra_caps} are kept here too, because the model
 * follows the C structure in which lookups and decoders report through them.
 */
public final class KernelState {
    public static final int L2_BITMAP_SIZE = (Config.numPriorities + 63) / 64;

    public final Config config;

    // Objects.
    public final PSpace ksPSpace = new PSpace();

    // Scheduler.
    public final TcbQueue[] ksReadyQueues;
    public final long[] ksReadyQueuesL1Bitmap;
    public final long[][] ksReadyQueuesL2Bitmap;
    public final TcbQueue ksReleaseQueue = new TcbQueue();
    public Tcb ksCurThread;
    public Tcb ksIdleThread;
    public SchedulerAction ksSchedulerAction = SchedulerAction.ResumeCurrentThread;

    // MCS time.
    public SchedContext ksCurSC;
    public SchedContext ksIdleSC;
    public long ksCurTime;
    public long ksConsumed;
    public boolean ksReprogram;

    // Domains.
    public final List<DomainScheduleEntry> ksDomSchedule = new ArrayList<>();
    public int ksDomScheduleIdx;
    public int ksDomScheduleStart;
    public int ksCurDomain;
    public long ksDomainTime;

    // Interrupts.
    public final IRQState[] intStateIRQTable;
    /** The IRQ node: slot i holds the notification cap signalled for IRQ i. */
    public final Cte[] intStateIRQNode;

    // Preemption.
    public long ksWorkUnitsCompleted;

    // C error-reporting globals.
    public Fault current_fault;
    public LookupFault current_lookup_fault;
    public SyscallError current_syscall_error;
    /** The extra-cap slots looked up for the current invocation (current_extra_caps.excaprefs). */
    public final Cte[] current_extra_caps = new Cte[Config.msgMaxExtraCaps];

    /** Architecture state (AArch64 ASID table, VMIDs, current VCPU; x86 I/O port bitmap, ...). */
    public Object archState;

    /** Monotonic count of kernel entries; diagnostics and invariant messages only. */
    public long ksKernelEntries;

    public KernelState(Config config) {
        this.config = config;
        int nQueues = config.numDomains() * Config.numPriorities;
        this.ksReadyQueues = new TcbQueue[nQueues];
        for (int i = 0; i < nQueues; i++) {
            ksReadyQueues[i] = new TcbQueue();
        }
        this.ksReadyQueuesL1Bitmap = new long[config.numDomains()];
        this.ksReadyQueuesL2Bitmap = new long[config.numDomains()][L2_BITMAP_SIZE];
        this.intStateIRQTable = new IRQState[config.numIrqLines()];
        java.util.Arrays.fill(intStateIRQTable, IRQState.IRQInactive);
        this.intStateIRQNode = new Cte[config.numIrqLines()];
        for (int i = 0; i < intStateIRQNode.length; i++) {
            intStateIRQNode[i] = new Cte(null, i);
        }
    }

    /** ready_queues_index(dom, prio). */
    public static int ready_queues_index(int dom, int prio) {
        return dom * Config.numPriorities + prio;
    }
}
