package sel4.object.cap;

/** MCS scheduling-control capability for one core (cap_sched_control_cap). */
public record SchedControlCap(int core) implements Cap {
    @Override
    public CapTag capType() {
        return CapTag.cap_sched_control_cap;
    }
}
