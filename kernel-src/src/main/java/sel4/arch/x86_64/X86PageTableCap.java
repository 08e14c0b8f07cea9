package sel4.arch.x86_64;

import sel4.arch.common.PageTable;
import sel4.object.cap.ArchCap;

/**
 * x86_64 paging-structure capability (cap_pml4_cap, cap_pdpt_cap, cap_page_directory_cap,
 * cap_page_table_cap; the level is the table's type). For a PML4, "mapped" means an ASID is
 * assigned; for the other levels it means linked into a VSpace at {@code mappedAddress}.
 */
public record X86PageTableCap(PageTable pt, boolean isMapped, long mappedASID, long mappedAddress)
        implements ArchCap {

    public static X86PageTableCap unmapped(PageTable pt) {
        return new X86PageTableCap(pt, false, 0, 0);
    }

    public boolean isPML4() {
        return pt.ptType() == PageTable.PtType.X64_PML4;
    }

    public X86PageTableCap withMapping(long asid, long vaddr) {
        return new X86PageTableCap(pt, true, asid, vaddr);
    }

    @Override
    public boolean isPhysical() {
        return true;
    }
}
