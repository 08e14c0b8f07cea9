package sel4.arch.aarch64;

/**
 * The GICv2 list-register word seL4 calls {@code virq_t} (tagged union virq in
 * include/arch/arm/arch/64/mode/object/structures.bf, GICv2 layout): virtual interrupt ID in bits
 * 9:0, the EOI-maintenance request in bit 19, priority in bits 27:23, state in bits 29:28
 * (0 invalid, 1 pending, 2 active) and the group in bit 30.
 */
public final class Virq {
    private Virq() {
    }

    public static final int virq_virq_invalid = 0;
    public static final int virq_virq_pending = 1;
    public static final int virq_virq_active = 2;

    private static final int TYPE_SHIFT = 28;
    private static final int EOI_BIT = 19;
    private static final int PRIO_SHIFT = 23;
    private static final int GROUP_SHIFT = 30;

    public static int virq_get_virqType(long virq) {
        return (int) ((virq >>> TYPE_SHIFT) & 3);
    }

    public static boolean virq_get_virqEOIIRQEN(long virq) {
        return ((virq >>> EOI_BIT) & 1) != 0;
    }

    /** The same word with the EOI-maintenance request set or cleared (any virq type). */
    public static long virq_set_virqEOIIRQEN(long virq, boolean eoi) {
        return eoi ? virq | (1L << EOI_BIT) : virq & ~(1L << EOI_BIT);
    }

    public static long virq_set_virqType(long virq, int type) {
        return (virq & ~(3L << TYPE_SHIFT)) | ((long) (type & 3) << TYPE_SHIFT);
    }

    public static int virq_get_virqIRQ(long virq) {
        return (int) (virq & 0x3ff);
    }

    public static int virq_get_virqPriority(long virq) {
        return (int) ((virq >>> PRIO_SHIFT) & 0x1f);
    }

    public static int virq_get_virqGroup(long virq) {
        return (int) ((virq >>> GROUP_SHIFT) & 1);
    }

    /** A pending virtual interrupt (virq_virq_pending_new). */
    public static long virq_virq_pending_new(long group, long priority, boolean eoiirqen, long virqIRQ) {
        return ((group & 1) << GROUP_SHIFT)
                | ((long) virq_virq_pending << TYPE_SHIFT)
                | ((priority & 0x1f) << PRIO_SHIFT)
                | (eoiirqen ? 1L << EOI_BIT : 0)
                | (virqIRQ & 0x3ff);
    }
}
