package sel4.object.cap;

/**
 * Models seL4's {@code cap_t} (include/object/structures.h; Haskell Capability in
 * Object/Structures). Capabilities are immutable values; operations that change a capability
 * (mint, retype watermark, mapping) store a new value in the slot.
 */
public sealed interface Cap
        permits NullCap, UntypedCap, EndpointCap, NotificationCap, ReplyCap, CNodeCap, ThreadCap,
        IRQControlCap, IRQHandlerCap, ZombieCap, DomainCap, SchedContextCap, SchedControlCap,
        FrameCap, ArchCap {

    CapTag capType();

    /** True for the physical-memory caps that name an object region (cap_get_capIsPhysical). */
    default boolean isPhysical() {
        return false;
    }
}
