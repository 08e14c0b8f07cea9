package sel4.arch.common;

import sel4.object.cap.ArchCap;

/** The unique ASID control capability (cap_asid_control_cap; Haskell ASIDControlCap). */
public record ASIDControlCap() implements ArchCap {
}
