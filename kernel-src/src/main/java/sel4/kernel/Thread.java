package sel4.kernel;

import sel4.object.reply.Reply;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;

/**
 * Models the thread-state part of seL4's src/kernel/thread.c (Haskell Kernel/Thread): thread
 * state changes, activation, suspend / restart and priority / domain changes.
 */
public final class Thread extends KernelModule {
    public Thread(Kernel k) {
        super(k);
    }

    public void setThreadState(Tcb tptr, ThreadState ts) { throw new UnsupportedOperationException("PENDING setThreadState"); }
    public void setThreadStateBlockedOnReply(Tcb tptr, Reply reply) { throw new UnsupportedOperationException("PENDING"); }
    public void scheduleTCB(Tcb tptr) { throw new UnsupportedOperationException("PENDING"); }
    public void activateThread() { throw new UnsupportedOperationException("PENDING"); }
    public void suspend(Tcb target) { throw new UnsupportedOperationException("PENDING"); }
    public void restart(Tcb target) { throw new UnsupportedOperationException("PENDING"); }
    public boolean isRunnable(Tcb thread) { throw new UnsupportedOperationException("PENDING"); }
    public boolean isSchedulable(Tcb thread) { throw new UnsupportedOperationException("PENDING"); }
    public boolean isBlocked(Tcb thread) { throw new UnsupportedOperationException("PENDING"); }
    public boolean isStopped(Tcb thread) { throw new UnsupportedOperationException("PENDING"); }
    public void setPriority(Tcb tptr, int prio) { throw new UnsupportedOperationException("PENDING"); }
    public void setMCPriority(Tcb tptr, int mcp) { throw new UnsupportedOperationException("PENDING"); }
    public void setDomain(Tcb tptr, int dom) { throw new UnsupportedOperationException("PENDING"); }
}
