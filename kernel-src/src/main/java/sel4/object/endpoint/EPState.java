package sel4.object.endpoint;

/** Models seL4's {@code endpoint_state} (EPState_Idle, EPState_Send, EPState_Recv). */
public enum EPState {
    Idle,
    Send,
    Recv
}
