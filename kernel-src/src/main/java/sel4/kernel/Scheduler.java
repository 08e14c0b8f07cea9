package sel4.kernel;

import sel4.object.tcb.Tcb;

/**
 * Models the scheduler part of seL4's src/kernel/thread.c (Haskell Kernel/Thread schedule and
 * friends): schedule, chooseThread, switchToThread, possibleSwitchTo, rescheduleRequired, awaken,
 * domain time, switchSchedContext and setNextInterrupt.
 */
public final class Scheduler extends KernelModule {
    public Scheduler(Kernel k) {
        super(k);
    }

    public void schedule() { throw new UnsupportedOperationException("PENDING"); }
    public void scheduleChooseNewThread() { throw new UnsupportedOperationException("PENDING"); }
    public void chooseThread() { throw new UnsupportedOperationException("PENDING"); }
    public void switchToThread(Tcb thread) { throw new UnsupportedOperationException("PENDING"); }
    public void switchToIdleThread() { throw new UnsupportedOperationException("PENDING"); }
    public void setCurThread(Tcb thread) { throw new UnsupportedOperationException("PENDING"); }
    public void possibleSwitchTo(Tcb target) { throw new UnsupportedOperationException("PENDING"); }
    public void rescheduleRequired() { throw new UnsupportedOperationException("PENDING"); }
    public void awaken() { throw new UnsupportedOperationException("PENDING"); }
    public void checkDomainTime() { throw new UnsupportedOperationException("PENDING"); }
    public void nextDomain() { throw new UnsupportedOperationException("PENDING"); }
    public void switchSchedContext() { throw new UnsupportedOperationException("PENDING"); }
    public void setNextInterrupt() { throw new UnsupportedOperationException("PENDING"); }
}
