package sel4.object.cap;

import sel4.object.frame.Frame;

/**
 * Frame capability (AArch64 cap_frame_cap, x86 cap_frame_cap): a frame with its VM rights and,
 * when mapped, the ASID and virtual address of the mapping ({@code mappedASID} 0 = unmapped).
 */
public record FrameCap(Frame frame, VMRights vmRights, boolean isDevice, long mappedASID, long mappedAddress)
        implements Cap {
    @Override
    public CapTag capType() {
        return CapTag.cap_frame_cap;
    }

    @Override
    public boolean isPhysical() {
        return true;
    }

    public int sizeBits() {
        return frame.sizeBits();
    }

    public boolean isMapped() {
        return mappedASID != 0;
    }

    public FrameCap withMapping(long asid, long vaddr) {
        return new FrameCap(frame, vmRights, isDevice, asid, vaddr);
    }

    public FrameCap withRights(VMRights r) {
        return new FrameCap(frame, r, isDevice, mappedASID, mappedAddress);
    }
}
