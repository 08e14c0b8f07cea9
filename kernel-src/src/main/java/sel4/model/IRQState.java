package sel4.model;

/** Models seL4's {@code irq_state_t} (include/object/interrupt.h) with the MCS timer state. */
public enum IRQState {
    IRQInactive,
    IRQSignal,
    IRQTimer,
    IRQReserved
}
