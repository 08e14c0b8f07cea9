package sel4.arch.aarch64;

import sel4.object.cap.ArchCap;

/**
 * SMC capability (cap_smc_cap, src/arch/arm/object/smc.c): its badge is the one SMC function id
 * the holder may call, 0 allowing every function.
 */
public record SMCCap(long badge) implements ArchCap {
}
