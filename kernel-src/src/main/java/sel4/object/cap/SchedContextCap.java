package sel4.object.cap;

import sel4.object.schedcontext.SchedContext;

/** MCS scheduling-context capability (cap_sched_context_cap). */
public record SchedContextCap(SchedContext sc, int sizeBits) implements Cap {
    @Override
    public CapTag capType() {
        return CapTag.cap_sched_context_cap;
    }

    @Override
    public boolean isPhysical() {
        return true;
    }
}
