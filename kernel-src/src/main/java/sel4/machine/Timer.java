package sel4.machine;

/**
 * Models the MCS kernel timer of seL4's include/arch/arm/arch/machine/timer.h (ARM generic timer
 * used as a deadline timer) and the x86 TSC-deadline equivalent.
 *
 * <p>Time is a deterministic tick counter that only moves when the simulation advances it; one
 * tick is one microsecond (KERNEL-REFERENCE §11). The deadline IRQ line is level-triggered: it is
 * asserted while {@code now >= deadline} and stays asserted until the kernel reprograms the
 * deadline or acknowledges it with {@link #ackDeadlineIRQ()}.
 */
public final class Timer {
    /** Deadline value meaning "disarmed". */
    public static final long NO_DEADLINE = Long.MAX_VALUE;

    private long now;
    private long deadline = NO_DEADLINE;

    public long getCurrentTime() {
        return now;
    }

    /** Advances the clock; time never goes backwards. */
    public void advance(long ticks) {
        if (ticks < 0) {
            throw new IllegalArgumentException("time cannot go backwards: " + ticks);
        }
        now += ticks;
    }

    /** Moves the clock to an absolute time (no-op if that time has passed). */
    public void advanceTo(long time) {
        if (time > now) {
            now = time;
        }
    }

    public void setDeadline(long deadline) {
        this.deadline = deadline;
    }

    public long getDeadline() {
        return deadline;
    }

    public void ackDeadlineIRQ() {
        deadline = NO_DEADLINE;
    }

    /** Level of the deadline IRQ line. */
    public boolean deadlineReached() {
        return deadline != NO_DEADLINE && now >= deadline;
    }
}
