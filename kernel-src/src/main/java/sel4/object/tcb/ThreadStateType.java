package sel4.object.tcb;

/** Models seL4's {@code _thread_state} enumeration (include/object/structures.h). */
public enum ThreadStateType {
    Inactive,
    Running,
    Restart,
    BlockedOnReceive,
    BlockedOnSend,
    BlockedOnReply,
    BlockedOnNotification,
    IdleThreadState
}
