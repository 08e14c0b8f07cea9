package sel4.arch.common;

/**
 * One ASID-pool entry, seL4's {@code asid_map_t} of type asid_map_vspace
 * (include/arch/arm/arch/64/mode/object/structures.bf; on x86 only the VSpace root is used): the
 * VSpace root assigned to the ASID and, on AArch64 with hypervisor support, the VMID stored for
 * it and the number of SMMU context banks bound to it. A null array slot is asid_map_none.
 */
public record AsidMap(PageTable vspaceRoot, boolean storedVmidValid, int storedHwVmid, int bindCB) {

    /** A fresh entry: the root only, no VMID yet, no context bank. */
    public static AsidMap asid_map_vspace_new(PageTable root) {
        return new AsidMap(root, false, 0, 0);
    }

    public AsidMap withVmid(boolean valid, int vmid) {
        return new AsidMap(vspaceRoot, valid, vmid, bindCB);
    }

    public AsidMap withBindCB(int n) {
        return new AsidMap(vspaceRoot, storedVmidValid, storedHwVmid, n);
    }
}
