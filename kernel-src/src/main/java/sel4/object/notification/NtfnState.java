package sel4.object.notification;

/** Models seL4's {@code notification_state} (NtfnState_Idle, NtfnState_Waiting, NtfnState_Active). */
public enum NtfnState {
    Idle,
    Waiting,
    Active
}
