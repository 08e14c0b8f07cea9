package sel4.user;

import java.util.PriorityQueue;

/**
 * Scheduled device activity: actions (typically asserting or dropping an IRQ line) that happen at
 * a given time. The CPU runs them when time reaches them, before it checks for interrupts, and
 * splits spins and idle periods at them so that an event is never skipped.
 */
public final class DeviceTimeline {
    /** No scheduled event. */
    public static final long NONE = Long.MAX_VALUE;

    private record Entry(long time, long seq, Runnable action) {
    }

    private final PriorityQueue<Entry> queue = new PriorityQueue<>((a, b) ->
            a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.seq, b.seq));
    private long seq;

    /** Runs {@code action} at {@code time} (at once, at the next instruction boundary, if it has passed). */
    public void at(long time, Runnable action) {
        queue.add(new Entry(time, seq++, action));
    }

    /** Time of the earliest pending event, or {@link #NONE}. */
    public long nextTime() {
        Entry e = queue.peek();
        return e == null ? NONE : e.time;
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Runs, in time order, every event due at or before {@code now}. */
    void fireDue(long now) {
        while (!queue.isEmpty() && queue.peek().time <= now) {
            queue.poll().action.run();
        }
    }
}
