package sel4.arch.aarch64;

import sel4.object.cap.ArchCap;

/**
 * SMMU context-bank capability (cap_cb_cap): one context bank. A copy placed in a stream ID's
 * slot of the SID node records that stream in {@code bindSID} ({@link Smmu#SID_INVALID} for the
 * original cap), so deleting the copy unbinds the stream.
 */
public record CBCap(long cb, long bindSID) implements ArchCap {
    public CBCap withBindSID(long sid) {
        return new CBCap(cb, sid);
    }
}
