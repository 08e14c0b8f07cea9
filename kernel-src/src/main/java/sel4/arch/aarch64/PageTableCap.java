package sel4.arch.aarch64;

import sel4.arch.common.PageTable;
import sel4.object.cap.ArchCap;

/**
 * AArch64 page-table capability (Haskell PageTableCap with capPTType VSRootPT_T or NormalPT_T;
 * C cap_vspace_cap and cap_page_table_cap). For a VSpace root, "mapped" means an ASID is
 * assigned ({@code mappedAddress} is 0); for a normal table it means it is linked into a VSpace at
 * {@code mappedAddress}. {@code mappedCB} is the SMMU context bank a VSpace-root copy is assigned
 * to ({@link Smmu#CB_INVALID} when none; capVSMappedCB).
 */
public record PageTableCap(PageTable pt, boolean isMapped, long mappedASID, long mappedAddress, int mappedCB)
        implements ArchCap {

    public static PageTableCap unmapped(PageTable pt) {
        return new PageTableCap(pt, false, 0, 0, Smmu.CB_INVALID);
    }

    public boolean isVSpaceRoot() {
        return pt.ptType() == PageTable.PtType.VSRootPT_T;
    }

    public PageTableCap withMapping(long asid, long vaddr) {
        return new PageTableCap(pt, true, asid, vaddr, mappedCB);
    }

    public PageTableCap withoutMapping() {
        return new PageTableCap(pt, false, 0, 0, mappedCB);
    }

    public PageTableCap withMappedCB(int cb) {
        return new PageTableCap(pt, isMapped, mappedASID, mappedAddress, cb);
    }

    @Override
    public boolean isPhysical() {
        return true;
    }
}
