package kreply.explore.trace;

/**
 * The violation a trace ends in: at which step (1-based), which invariant (or halt, or kernel
 * crash), for which thread, its #346 variant when it is one, and the hypervisor interrupt handler
 * that was running when it broke (VPPIEvent / VGICMaintenance), if any.
 */
public record TraceViolation(int step, String kind, String invariant, String thread, String detail, String variant,
                             String irqHandler) {
}
