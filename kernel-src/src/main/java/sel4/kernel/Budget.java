package sel4.kernel;

import sel4.api.ExceptionT;
import sel4.object.schedcontext.SchedContext;

/**
 * Models the MCS time-accounting part of seL4's src/kernel/thread.c and src/model/preemption.c
 * (Haskell Kernel/Thread, Object/SchedContext): updateTimestamp, checkBudget, checkBudgetRestart,
 * chargeBudget, endTimeslice, commitTime, postpone and the preemption points.
 */
public final class Budget extends KernelModule {
    public Budget(Kernel k) {
        super(k);
    }

    public void updateTimestamp() { throw new UnsupportedOperationException("PENDING"); }
    public boolean isCurDomainExpired() { throw new UnsupportedOperationException("PENDING"); }
    public boolean checkBudget() { throw new UnsupportedOperationException("PENDING"); }
    public boolean checkBudgetRestart() { throw new UnsupportedOperationException("PENDING"); }
    public void chargeBudget(long consumed, boolean canTimeoutFault) { throw new UnsupportedOperationException("PENDING"); }
    public void endTimeslice(boolean can_timeout_fault) { throw new UnsupportedOperationException("PENDING"); }
    public void commitTime() { throw new UnsupportedOperationException("PENDING"); }
    public void postpone(SchedContext sc) { throw new UnsupportedOperationException("PENDING"); }
    public void mcsPreemptionPoint() { throw new UnsupportedOperationException("PENDING"); }
    public ExceptionT preemptionPoint() { throw new UnsupportedOperationException("PENDING"); }
}
