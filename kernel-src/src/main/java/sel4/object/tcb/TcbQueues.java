package sel4.object.tcb;

import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;

/**
 * Models the queue operations of seL4's src/object/tcb.c and include/object/tcb.h (Haskell
 * Object/TCB and Kernel/Thread queue helpers): ready queues with their two-level bitmap, the MCS
 * release queue and the priority-ordered endpoint / notification queues, all threaded through the
 * TCBs' shared scheduler links.
 */
public final class TcbQueues extends KernelModule {
    public TcbQueues(Kernel k) {
        super(k);
    }

    public void tcbSchedEnqueue(Tcb tcb) { throw new UnsupportedOperationException("PENDING"); }
    public void tcbSchedAppend(Tcb tcb) { throw new UnsupportedOperationException("PENDING"); }
    public void tcbSchedDequeue(Tcb tcb) { throw new UnsupportedOperationException("PENDING"); }
    public void tcbEPAppend(Tcb tcb, TcbQueue queue) { throw new UnsupportedOperationException("PENDING"); }
    public void tcbEPDequeue(Tcb tcb, TcbQueue queue) { throw new UnsupportedOperationException("PENDING"); }
    public void tcbReleaseEnqueue(Tcb tcb) { throw new UnsupportedOperationException("PENDING"); }
    public void tcbReleaseRemove(Tcb tcb) { throw new UnsupportedOperationException("PENDING"); }
    public Tcb tcbReleaseDequeue() { throw new UnsupportedOperationException("PENDING"); }
    public int getHighestPrio(int dom) { throw new UnsupportedOperationException("PENDING"); }
    public boolean isHighestPrio(int dom, int prio) { throw new UnsupportedOperationException("PENDING"); }
}
