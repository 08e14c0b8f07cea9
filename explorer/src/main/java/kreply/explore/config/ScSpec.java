package kreply.explore.config;

/**
 * The scheduling context a configured thread starts with. Budget and period are in µs (one tick);
 * a budget equal to the period makes a round-robin SC, the sporadic flag selects seL4's sporadic
 * server behaviour, and a passive thread runs its start-up receive on an SC of its own that is
 * then taken away, so afterwards it runs only on SCs donated by its callers.
 */
public record ScSpec(Kind kind, long budget, long period, int extraRefills, long badge) {

    /** How the thread is scheduled. */
    public enum Kind {
        /** budget = period: a full new timeslice at every expiry (seL4 period 0 in the kernel). */
        ROUND_ROBIN,
        /** period > budget without the sporadic flag: refills follow seL4's periodic rules. */
        PERIODIC,
        /** period > budget with seL4_SchedContext_Sporadic. */
        SPORADIC,
        /** no SC once started: runs on donated SCs only. */
        PASSIVE
    }

    public boolean isPassive() {
        return kind == Kind.PASSIVE;
    }

    /** The SchedControl_ConfigureFlags flags word. */
    public long flags() {
        return kind == Kind.SPORADIC ? 1 : 0;
    }

    public String describe() {
        return switch (kind) {
            case ROUND_ROBIN -> "round-robin " + budget + " µs";
            case PERIODIC -> "periodic " + budget + "/" + period + " µs";
            case SPORADIC -> "sporadic " + budget + "/" + period + " µs";
            case PASSIVE -> "passive";
        };
    }
}
