package sel4.object;

/**
 * A kernel object in the physical address space (Haskell {@code KernelObject} in
 * Model/PSpace; C objects placed in kernel memory by retype).
 *
 * <p>Objects carry their base address and size so that untyped bookkeeping, cap comparisons
 * ({@code sameRegionAs}) and GetAddress work on real addresses, but the rest of the kernel refers
 * to objects by Java reference, the way C code holds typed pointers. Identity is reference
 * identity: equals/hashCode are deliberately not overridden.
 */
public abstract class KernelObject {
    private final long ptr;
    private final int sizeBits;

    protected KernelObject(long ptr, int sizeBits) {
        this.ptr = ptr;
        this.sizeBits = sizeBits;
    }

    /** Base (kernel physical) address. */
    public final long ptr() {
        return ptr;
    }

    /** log2 of the object's size in bytes. */
    public final int sizeBits() {
        return sizeBits;
    }

    /** Last byte address covered by the object. */
    public final long end() {
        return ptr + (1L << sizeBits) - 1;
    }

    /** Short human-readable type name used in diagnostics. */
    public abstract String typeName();

    @Override
    public String toString() {
        return typeName() + "@0x" + Long.toHexString(ptr);
    }
}
