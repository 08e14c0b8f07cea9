package kreply.explore.driver;

/**
 * A failure found while driving the kernel: a broken debug invariant (the kernel's
 * {@code InvariantViolation}), a kernel halt, or any other exception escaping the kernel (which the
 * model's conventions forbid). {@code irqHandler} names the hypervisor IRQ handler (VPPIEvent,
 * VGICMaintenance) or other interrupt being handled when it broke, or is null outside interrupts.
 */
public record Violation(Kind kind, String invariant, String thread, String detail, Variant variant,
                        String irqHandler) {

    /** What broke. */
    public enum Kind {
        INVARIANT("invariant"),
        HALT("halt"),
        CRASH("crash");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /** The short id of the invariant ({@code Q12}) or the halt / exception name. */
    public String invariantId() {
        int sp = invariant.indexOf(' ');
        return kind == Kind.INVARIANT && sp > 0 && invariant.startsWith("Q") ? invariant.substring(0, sp) : invariant;
    }

    /**
     * Whether {@code other} is the same failure for shrinking: the same kind and #346 variant, and
     * for a violation that is not a #346 variant the same invariant. A #346 variant shows up as
     * whichever check first sees the blocked-and-queued thread (Q11 when the handler is waiting,
     * Q12 when the thread blocks on the endpoint), so any of them will do.
     */
    public boolean sameAs(Violation other) {
        return other != null && kind == other.kind && variant == other.variant
                && (variant.is346() || invariant.equals(other.invariant));
    }
}
