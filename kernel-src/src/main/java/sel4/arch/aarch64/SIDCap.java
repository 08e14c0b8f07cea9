package sel4.arch.aarch64;

import sel4.object.cap.ArchCap;

/** SMMU stream-ID capability (cap_sid_cap): authority over one stream ID. */
public record SIDCap(long sid) implements ArchCap {
}
