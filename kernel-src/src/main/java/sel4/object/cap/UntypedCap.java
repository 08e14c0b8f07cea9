package sel4.object.cap;

/**
 * Untyped memory capability (cap_untyped_cap). {@code freeIndex} is the watermark as a byte offset
 * from {@code ptr} (C stores it in units of 2^seL4_MinUntypedBits).
 */
public record UntypedCap(long ptr, int blockSize, boolean isDevice, long freeIndex) implements Cap {
    @Override
    public CapTag capType() {
        return CapTag.cap_untyped_cap;
    }

    @Override
    public boolean isPhysical() {
        return true;
    }

    public UntypedCap withFreeIndex(long idx) {
        return new UntypedCap(ptr, blockSize, isDevice, idx);
    }
}
