package sel4.user;

import static sel4.machine.Registers.NextIP;

import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;
import sel4.object.tcb.ThreadStateType;

/**
 * A thread of the simulation: its caps in the root CNode and a window on its kernel state for
 * assertions. Created by {@link ThreadBuilder#spawn()} (or the root thread itself).
 */
public final class UserThread {
    private final Sim sim;
    private final String name;
    private final Tcb tcb;
    private final long tcbCap;
    private final long scCap;
    private final long ipcBufferVaddr;

    UserThread(Sim sim, String name, Tcb tcb, long tcbCap, long scCap, long ipcBufferVaddr) {
        this.sim = sim;
        this.name = name;
        this.tcb = tcb;
        this.tcbCap = tcbCap;
        this.scCap = scCap;
        this.ipcBufferVaddr = ipcBufferVaddr;
    }

    public String name() {
        return name;
    }

    /** The kernel's TCB (for assertions on kernel state). */
    public Tcb tcb() {
        return tcb;
    }

    /** CPtr of the thread's TCB cap in the root CNode. */
    public long tcbCap() {
        return tcbCap;
    }

    /** CPtr of the SC the thread was created with, or 0 (seL4_CapNull) when it had none. */
    public long scCap() {
        return scCap;
    }

    public long ipcBufferVaddr() {
        return ipcBufferVaddr;
    }

    public ThreadState state() {
        return tcb.tcbState;
    }

    public boolean isBlocked() {
        return tcb.tcbState.isBlocked();
    }

    public boolean isInactive() {
        return tcb.tcbState.tsType() == ThreadStateType.Inactive;
    }

    public boolean isRunnable() {
        return tcb.tcbState.isRunnable();
    }

    /** The SC the thread holds now (its own, a donated one, or null). */
    public SchedContext schedContext() {
        return tcb.tcbSchedContext;
    }

    public long reg(int r) {
        return tcb.tcbArch.tcbContext.registers[r];
    }

    public long pc() {
        return reg(NextIP);
    }

    /**
     * Makes the thread a passive server: runs the simulation until the thread blocks (normally in
     * its first receive), then has the root task unbind its SC, so it runs only on SCs donated to
     * it. Other threads run meanwhile as the scheduler decides.
     */
    public UserThread makePassive() {
        if (scCap == 0) {
            throw new IllegalStateException(name + " has no SC of its own");
        }
        StopReason why = sim.runUntil(this::isBlocked);
        if (why != StopReason.CONDITION) {
            throw new SetupFailed(name + " never blocked (" + why + ", state " + tcb.tcbState + ")");
        }
        sim.root().runChecked("make " + name + " passive", b -> b.schedContext().unbind(scCap));
        return this;
    }

    @Override
    public String toString() {
        return name + " (" + tcb.tcbState + ")";
    }
}
