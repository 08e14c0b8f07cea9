package sel4.arch.aarch64;

import sel4.object.cap.ArchCap;

/** SMMU stream-ID control capability (cap_sid_control_cap, src/arch/arm/object/smmu.c). */
public record SIDControlCap() implements ArchCap {
}
