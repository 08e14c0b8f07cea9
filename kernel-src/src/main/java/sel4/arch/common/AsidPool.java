package sel4.arch.common;

import sel4.object.KernelObject;

/**
 * An ASID pool (seL4's {@code asid_pool_t}, include/arch/arm/arch/object/structures.h and the
 * x86 equivalent; Haskell ASIDPool): 2^asidLowBits entries, indexed by the low bits of an ASID.
 */
public final class AsidPool extends KernelObject {
    /** asidLowBits: 9 on AArch64 and x86_64. */
    public static final int asidLowBits = 9;
    /** asidHighBits: 7, so the ASID table has 128 pools. */
    public static final int asidHighBits = 7;
    public static final int nASIDPools = 1 << asidHighBits;
    public static final long asidInvalid = 0;

    public final AsidMap[] array = new AsidMap[1 << asidLowBits];

    public AsidPool(long ptr, int sizeBits) {
        super(ptr, sizeBits);
    }

    public static int ASID_LOW(long asid) {
        return (int) (asid & ((1 << asidLowBits) - 1));
    }

    /** Number of ASIDs (nASIDs = 2^16); larger values never name an ASID. */
    public static final long nASIDs = 1L << (asidHighBits + asidLowBits);

    /** Whether {@code asid} lies in the ASID space at all (ASIDs come from caps, so always < 2^16). */
    public static boolean inRange(long asid) {
        return asid >= 0 && asid < nASIDs;
    }

    public static int ASID_HIGH(long asid) {
        return (int) (asid >>> asidLowBits);
    }

    @Override
    public String typeName() {
        return "ASIDPool";
    }
}
