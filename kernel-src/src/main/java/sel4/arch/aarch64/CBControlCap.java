package sel4.arch.aarch64;

import sel4.object.cap.ArchCap;

/** SMMU context-bank control capability (cap_cb_control_cap, src/arch/arm/object/smmu.c). */
public record CBControlCap() implements ArchCap {
}
