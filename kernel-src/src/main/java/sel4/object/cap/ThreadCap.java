package sel4.object.cap;

import sel4.object.tcb.Tcb;

/** Thread capability (cap_thread_cap). */
public record ThreadCap(Tcb tcb) implements Cap {
    @Override
    public CapTag capType() {
        return CapTag.cap_thread_cap;
    }

    @Override
    public boolean isPhysical() {
        return true;
    }
}
