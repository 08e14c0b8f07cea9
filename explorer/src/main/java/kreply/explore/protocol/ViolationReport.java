package kreply.explore.protocol;

/**
 * A violation as reported: the step it happened at, what broke (invariant id and name, halt or
 * crash), the thread it is about, the full detail, the #346 variant with its meaning, and the
 * hypervisor IRQ handler (or other interrupt) being handled, if any.
 */
public record ViolationReport(int step, String kind, String invariant, String thread, String detail, String variant,
                              String variantMeaning, String irqHandler) {
}
