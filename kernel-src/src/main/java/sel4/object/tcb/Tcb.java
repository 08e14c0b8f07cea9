package sel4.object.tcb;

import sel4.api.Fault;
import sel4.api.LookupFault;
import sel4.model.Config;
import sel4.object.KernelObject;
import sel4.object.cnode.Cte;
import sel4.object.notification.Notification;
import sel4.object.schedcontext.SchedContext;

/**
 * Models seL4's {@code tcb_t} (include/object/structures.h) with its MCS fields, and the Haskell
 * TCB record of Object/Structures (branch rt).
 *
 * <p>Fields are public and mutable, keep their C names, and are written only by kernel functions;
 * this keeps kernel code close to the C it models. The five capability slots live in
 * {@link #tcbCTE}. A thread is in at most one queue at a time and all queues (ready, release,
 * endpoint, notification) share {@link #tcbSchedNext}/{@link #tcbSchedPrev}, as in seL4 since
 * 771c9e43c.
 */
public final class Tcb extends KernelObject {
    /** Capability slot indices (seL4's tcb_cnode_index). */
    public static final int tcbCTable = 0;
    public static final int tcbVTable = 1;
    public static final int tcbBuffer = 2;
    public static final int tcbFaultHandler = 3;
    public static final int tcbTimeoutHandler = 4;
    public static final int tcbCNodeEntries = 5;

    /** seL4_TCBFlag_fpuDisabled, the only defined TCB flag. */
    public static final long seL4_TCBFlag_fpuDisabled = 1;
    public static final long seL4_TCBFlag_MASK = 1;

    public final Cte[] tcbCTE = new Cte[tcbCNodeEntries];
    public ThreadState tcbState = ThreadState.Inactive;
    public Notification tcbBoundNotification;
    /** Pending fault; null stands for seL4_Fault_NullFault. */
    public Fault tcbFault;
    /** Lookup failure accompanying a capability fault. */
    public LookupFault tcbLookupFailure;
    public int tcbDomain;
    public int tcbMCP;
    public int tcbPriority;
    /** In a ready queue (C keeps this bit in the thread-state word). */
    public boolean tcbQueued;
    /** In the release queue. */
    public boolean tcbInReleaseQueue;
    /** IPC-buffer virtual address (the offset into the buffer frame is taken from it). */
    public long tcbIPCBuffer;
    public SchedContext tcbSchedContext;
    public SchedContext tcbYieldTo;
    public Tcb tcbSchedNext;
    public Tcb tcbSchedPrev;
    public long tcbFlags;
    public final ArchTcb tcbArch = new ArchTcb();
    /** Debug name (C: the TCB's debug block), used in diagnostics only. */
    public String tcbName;

    public Tcb(long ptr, int domain) {
        super(ptr, Config.seL4_TCBBits);
        for (int i = 0; i < tcbCNodeEntries; i++) {
            tcbCTE[i] = new Cte(this, i);
        }
        this.tcbDomain = domain;
        this.tcbName = "tcb@0x" + Long.toHexString(ptr);
    }

    @Override
    public String typeName() {
        return "TCB";
    }

    @Override
    public String toString() {
        return tcbName;
    }
}
