package sel4.object.tcb;

/**
 * Models seL4's {@code tcb_queue_t} (include/object/structures.h): head and end of a doubly linked
 * list threaded through {@link Tcb#tcbSchedNext}/{@link Tcb#tcbSchedPrev}. Used for the ready
 * queues, the release queue and the endpoint and notification queues.
 */
public final class TcbQueue {
    public Tcb head;
    public Tcb end;

    public boolean isEmpty() {
        return head == null;
    }

    public void clear() {
        head = null;
        end = null;
    }
}
