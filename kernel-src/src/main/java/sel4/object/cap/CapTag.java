package sel4.object.cap;

/** Models seL4's {@code cap_tag_t}: the type of a capability. */
public enum CapTag {
    cap_null_cap,
    cap_untyped_cap,
    cap_endpoint_cap,
    cap_notification_cap,
    cap_reply_cap,
    cap_cnode_cap,
    cap_thread_cap,
    cap_irq_control_cap,
    cap_irq_handler_cap,
    cap_zombie_cap,
    cap_domain_cap,
    cap_sched_context_cap,
    cap_sched_control_cap,
    cap_frame_cap,
    /** Architecture-specific capabilities; see {@link ArchCap}. */
    cap_arch_cap
}
