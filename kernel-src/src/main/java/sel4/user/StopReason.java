package sel4.user;

/** Why a simulation run returned. */
public enum StopReason {
    /** Only the idle thread can run and nothing (timer, device) will ever wake a thread. */
    QUIESCENT,
    /** The caller's stop condition became true. */
    CONDITION,
    /** The time limit was reached. */
    TIME,
    /** The step limit was reached. */
    STEP_LIMIT
}
