package sel4.model;

import sel4.object.tcb.Tcb;

/**
 * Models seL4's {@code ksSchedulerAction} encoding (include/model/statedata.h): resume the current
 * thread, choose a new thread, or switch to a given thread. C encodes the first two as the special
 * pointer values SchedulerAction_ResumeCurrentThread and SchedulerAction_ChooseNewThread.
 */
public final class SchedulerAction {
    public static final SchedulerAction ResumeCurrentThread = new SchedulerAction(null, "ResumeCurrentThread");
    public static final SchedulerAction ChooseNewThread = new SchedulerAction(null, "ChooseNewThread");

    private final Tcb target;
    private final String name;

    private SchedulerAction(Tcb target, String name) {
        this.target = target;
        this.name = name;
    }

    /** SwitchToThread t. */
    public static SchedulerAction SwitchToThread(Tcb t) {
        return new SchedulerAction(t, null);
    }

    public boolean isSwitchToThread() {
        return target != null;
    }

    /** The thread of a SwitchToThread action, null otherwise. */
    public Tcb target() {
        return target;
    }

    /** True when this is SwitchToThread of exactly {@code t}. */
    public boolean isSwitchTo(Tcb t) {
        return target != null && target == t;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SchedulerAction a && a.target == target && (target != null || a == this);
    }

    @Override
    public int hashCode() {
        return target == null ? System.identityHashCode(this) : System.identityHashCode(target);
    }

    @Override
    public String toString() {
        return target != null ? "SwitchToThread(" + target + ")" : name;
    }
}
