package sel4.arch.x86_64;

import sel4.api.ObjectTypes;
import sel4.model.Config;

/**
 * Layout and object-type constants of the modelled x86_64 platform (include/arch/x86/arch/64/
 * mode/hardware.h, libsel4 x86_64 constants.h and objecttype.h with huge pages and VT-x, without
 * an IOMMU and without EPT objects): four levels of 512-entry tables and user addresses below
 * 2^47.
 *
 * <p>Object types follow seL4's order after {@link ObjectTypes#seL4_NonArchObjectTypeCount}: PDPT,
 * PML4, huge page, then 4K, large page, page table, page directory and VCPU.
 *
 * <p>As on AArch64, the kernel window maps physical memory one to one ({@link #pptr_to_paddr}).
 */
public final class X86Layout {
    private X86Layout() {
    }

    public static final int seL4_X86_PDPTObject = ObjectTypes.seL4_NonArchObjectTypeCount;
    public static final int seL4_X64_PML4Object = seL4_X86_PDPTObject + 1;
    public static final int seL4_X64_HugePageObject = seL4_X64_PML4Object + 1;
    public static final int seL4_ModeObjectTypeCount = seL4_X64_HugePageObject + 1;
    public static final int seL4_X86_4K = seL4_ModeObjectTypeCount;
    public static final int seL4_X86_LargePageObject = seL4_X86_4K + 1;
    public static final int seL4_X86_PageTableObject = seL4_X86_LargePageObject + 1;
    public static final int seL4_X86_PageDirectoryObject = seL4_X86_PageTableObject + 1;
    public static final int seL4_X86_VCPUObject = seL4_X86_PageDirectoryObject + 1;
    public static final int seL4_ObjectTypeCount = seL4_X86_VCPUObject + 1;

    public static final int seL4_PageBits = Config.seL4_PageBits;
    public static final int seL4_LargePageBits = Config.seL4_LargePageBits;
    public static final int seL4_HugePageBits = Config.seL4_HugePageBits;
    /** PML4, PDPT, page directory and page table are all one 4 KiB page of 512 entries. */
    public static final int seL4_PML4Bits = 12;
    public static final int seL4_PDPTBits = 12;
    public static final int seL4_PageDirBits = 12;
    public static final int seL4_PageTableBits = 12;
    public static final int PT_INDEX_BITS = 9;
    public static final int seL4_ASIDPoolBits = Config.seL4_ASIDPoolBits;
    public static final int seL4_X86_VCPUBits = Config.seL4_X86_VCPUBits;
    /** seL4_UserTop on x86_64. */
    public static final long USER_TOP = 0x00007fffffffffffL;
    public static final long IT_ASID = 1;

    public static long pptr_to_paddr(long pptr) {
        return pptr;
    }

    /** The shift of the index at walk level {@code i} (0 = PML4). */
    public static int levelShift(int i) {
        return PT_INDEX_BITS * (3 - i) + seL4_PageBits;
    }
}
