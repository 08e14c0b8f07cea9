package sel4.object.tcb;

import sel4.object.endpoint.Endpoint;
import sel4.object.notification.Notification;
import sel4.object.reply.Reply;

/**
 * Models seL4's {@code thread_state_t} (include/object/structures.h; Haskell ThreadState in
 * Object/Structures): the state type plus the blocking-object fields.
 *
 * <p>Immutable. The payload-free states are shared constants named like the C enumerators, so
 * kernel code reads {@code setThreadState(tptr, ThreadState.Restart)} as in C.
 */
public final class ThreadState {
    public static final ThreadState Inactive = new ThreadState(ThreadStateType.Inactive, null, null, null, 0, false, false, false);
    public static final ThreadState Running = new ThreadState(ThreadStateType.Running, null, null, null, 0, false, false, false);
    public static final ThreadState Restart = new ThreadState(ThreadStateType.Restart, null, null, null, 0, false, false, false);
    public static final ThreadState IdleThreadState = new ThreadState(ThreadStateType.IdleThreadState, null, null, null, 0, false, false, false);

    private final ThreadStateType tsType;
    private final Endpoint blockingEndpoint;
    private final Notification blockingNotification;
    private final Reply replyObject;
    private final long blockingIPCBadge;
    private final boolean blockingIPCCanGrant;
    private final boolean blockingIPCCanGrantReply;
    private final boolean blockingIPCIsCall;

    private ThreadState(ThreadStateType type, Endpoint ep, Notification ntfn, Reply reply, long badge,
                        boolean canGrant, boolean canGrantReply, boolean isCall) {
        this.tsType = type;
        this.blockingEndpoint = ep;
        this.blockingNotification = ntfn;
        this.replyObject = reply;
        this.blockingIPCBadge = badge;
        this.blockingIPCCanGrant = canGrant;
        this.blockingIPCCanGrantReply = canGrantReply;
        this.blockingIPCIsCall = isCall;
    }

    public static ThreadState BlockedOnReceive(Endpoint ep, boolean canGrant, Reply reply) {
        return new ThreadState(ThreadStateType.BlockedOnReceive, ep, null, reply, 0, canGrant, false, false);
    }

    public static ThreadState BlockedOnSend(Endpoint ep, long badge, boolean canGrant, boolean canGrantReply,
                                            boolean isCall) {
        return new ThreadState(ThreadStateType.BlockedOnSend, ep, null, null, badge, canGrant, canGrantReply, isCall);
    }

    public static ThreadState BlockedOnReply(Reply reply) {
        return new ThreadState(ThreadStateType.BlockedOnReply, null, null, reply, 0, false, false, false);
    }

    public static ThreadState BlockedOnNotification(Notification ntfn) {
        return new ThreadState(ThreadStateType.BlockedOnNotification, null, ntfn, null, 0, false, false, false);
    }

    /** The same state with the reply object replaced (C: thread_state_ptr_set_replyObject). */
    public ThreadState withReplyObject(Reply reply) {
        return new ThreadState(tsType, blockingEndpoint, blockingNotification, reply, blockingIPCBadge,
                blockingIPCCanGrant, blockingIPCCanGrantReply, blockingIPCIsCall);
    }

    public ThreadStateType tsType() {
        return tsType;
    }

    public Endpoint blockingEndpoint() {
        return blockingEndpoint;
    }

    public Notification blockingNotification() {
        return blockingNotification;
    }

    public Reply replyObject() {
        return replyObject;
    }

    public long blockingIPCBadge() {
        return blockingIPCBadge;
    }

    public boolean blockingIPCCanGrant() {
        return blockingIPCCanGrant;
    }

    public boolean blockingIPCCanGrantReply() {
        return blockingIPCCanGrantReply;
    }

    public boolean blockingIPCIsCall() {
        return blockingIPCIsCall;
    }

    /** Running or Restart (seL4's isRunnable on a state). */
    public boolean isRunnable() {
        return tsType == ThreadStateType.Running || tsType == ThreadStateType.Restart;
    }

    /** Runnable or the idle thread's state. */
    public boolean isActivatable() {
        return isRunnable() || tsType == ThreadStateType.IdleThreadState;
    }

    /** Any Blocked* state. */
    public boolean isBlocked() {
        return switch (tsType) {
            case BlockedOnReceive, BlockedOnSend, BlockedOnReply, BlockedOnNotification -> true;
            default -> false;
        };
    }

    /** Inactive or blocked (seL4's isStopped). */
    public boolean isStopped() {
        return tsType == ThreadStateType.Inactive || isBlocked();
    }

    @Override
    public String toString() {
        return switch (tsType) {
            case BlockedOnReceive -> "BlockedOnReceive(" + blockingEndpoint + (replyObject != null ? ", " + replyObject : "") + ")";
            case BlockedOnSend -> "BlockedOnSend(" + blockingEndpoint + (blockingIPCIsCall ? ", call" : "") + ")";
            case BlockedOnReply -> "BlockedOnReply(" + replyObject + ")";
            case BlockedOnNotification -> "BlockedOnNotification(" + blockingNotification + ")";
            default -> tsType.name();
        };
    }
}
