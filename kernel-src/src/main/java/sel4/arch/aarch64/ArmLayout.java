package sel4.arch.aarch64;

import sel4.model.Config;

/**
 * Address-space layout constants of the modelled AArch64 platform with hypervisor support and a
 * 40-bit physical / intermediate-physical address size (include/arch/arm/arch/64/mode/hardware.h,
 * include/arch/arm/arch/64/mode/machine/hardware.h, libsel4 aarch64 constants.h).
 *
 * <p>User address spaces are stage-2 translations with three levels: the VSpace root (2^10
 * entries, 1 GiB each), then two levels of normal tables (2^9 entries, 2 MiB and 4 KiB).
 *
 * <p>Modelling choice: the kernel window maps physical memory one to one, so a kernel pointer is
 * its physical address ({@link #pptr_to_paddr} is the identity). Object addresses handed out by
 * boot and retype are therefore also the addresses GetAddress reports.
 */
public final class ArmLayout {
    private ArmLayout() {
    }

    public static final int UPT_LEVELS = 3;
    public static final int PT_INDEX_BITS = 9;
    public static final int seL4_VSpaceIndexBits = 10;
    public static final int seL4_PageBits = Config.seL4_PageBits;
    public static final int ARMSmallPageBits = Config.seL4_PageBits;
    public static final int ARMLargePageBits = Config.seL4_LargePageBits;
    public static final int ARMHugePageBits = Config.seL4_HugePageBits;
    /** seL4_UserTop with a 40-bit IPA. */
    public static final long USER_TOP = 0x000000ffffffffffL;
    /** The physical memory the kernel window covers (PADDR_BASE .. PADDR_TOP). */
    public static final long PADDR_BASE = 0;
    public static final long PADDR_TOP = 1L << 40;
    /** The ASID of the root thread (IT_ASID). */
    public static final long IT_ASID = 1;
    /** VMIDs are 8 bits wide (hw_asid_t). */
    public static final int nVMIDs = 256;

    /** Kernel pointer to physical address (addrFromPPtr). */
    public static long pptr_to_paddr(long pptr) {
        return pptr;
    }

    /** Physical address to kernel pointer (paddr_to_pptr). */
    public static long paddr_to_pptr(long paddr) {
        return paddr;
    }

    /** The table index of {@code vptr} at walk level {@code i} (0 = root), GET_UPT_INDEX. */
    public static int GET_UPT_INDEX(long vptr, int i) {
        int shift = PT_INDEX_BITS * (UPT_LEVELS - 1 - i) + seL4_PageBits;
        int bits = i == 0 ? seL4_VSpaceIndexBits : PT_INDEX_BITS;
        return (int) ((vptr >>> shift) & ((1L << bits) - 1));
    }
}
