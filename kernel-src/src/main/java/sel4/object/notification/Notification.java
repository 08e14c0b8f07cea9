package sel4.object.notification;

import sel4.model.Config;
import sel4.object.KernelObject;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.TcbQueue;

/**
 * Models seL4's {@code notification_t} (include/object/structures.h; Haskell Notification) with
 * the MCS bound scheduling context. Invariants: queue non-empty iff Waiting; a badge is pending
 * iff Active.
 */
public final class Notification extends KernelObject {
    public NtfnState state = NtfnState.Idle;
    public final TcbQueue queue = new TcbQueue();
    public long ntfnMsgIdentifier;
    public Tcb ntfnBoundTCB;
    public SchedContext ntfnSchedContext;

    public Notification(long ptr) {
        super(ptr, Config.seL4_NotificationBits);
    }

    @Override
    public String typeName() {
        return "Notification";
    }
}
