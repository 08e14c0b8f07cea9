package sel4.arch.aarch64;

import java.util.Arrays;
import sel4.arch.common.AsidPool;
import sel4.arch.common.PageTable;
import sel4.object.cnode.CNode;

/**
 * The AArch64 architecture state of the kernel (include/arch/arm/arch/64/mode/model/statedata.h,
 * include/arch/arm/arch/model/statedata.h; Haskell KernelState.AARCH64): the ASID table, the VMID
 * table with its next-VMID cursor, the global (empty) user VSpace, the current VCPU with its
 * active flag, the number of list registers, and the SMMU state of src/arch/arm/object/smmu.c.
 * Stored in {@code ks.archState}.
 */
public final class ArmState {
    /** armKSASIDTable: ASID pool per high ASID bits. */
    public final AsidPool[] armKSASIDTable = new AsidPool[AsidPool.nASIDPools];
    /** armKSHWASIDTable: the ASID holding each VMID, asidInvalid when free. */
    public final long[] armKSHWASIDTable = new long[ArmLayout.nVMIDs];
    /** armKSNextASID: where the next VMID search starts (8-bit, wraps). */
    public int armKSNextASID;
    /** armKSGlobalUserVSpace: the empty VSpace installed for threads without a valid one. */
    public final PageTable armKSGlobalUserVSpace;
    /** armHSCurVCPU: the VCPU whose state is loaded in hardware, or null. */
    public Vcpu armHSCurVCPU;
    /** armHSVCPUActive: the loaded VCPU is enabled (VGIC on, guest registers live). */
    public boolean armHSVCPUActive;
    /** gic_vcpu_num_list_regs. */
    public int gic_vcpu_num_list_regs;

    // SMMU (smmu.c).
    public final boolean[] smmuStateSIDTable = new boolean[Smmu.SMMU_MAX_SID];
    public final boolean[] smmuStateCBTable = new boolean[Smmu.SMMU_MAX_CB];
    /** smmuStateSIDNode: slot sid holds the CB cap copy bound to stream sid. */
    public final CNode smmuStateSIDNode;
    /** smmuStateCBNode: slot cb holds the VSpace cap copy assigned to context bank cb. */
    public final CNode smmuStateCBNode;
    /** smmuStateCBAsidTable: the ASID assigned to each context bank (ASID_INVALID if none). */
    public final long[] smmuStateCBAsidTable = new long[Smmu.SMMU_MAX_CB];

    /**
     * Kernel-owned objects (the global VSpace and the SMMU nodes) live in kernel memory above the
     * kernel window; these addresses only identify them in diagnostics.
     */
    static final long KERNEL_DATA_BASE = 0xffffff8000000000L;

    public ArmState() {
        this.armKSGlobalUserVSpace = new PageTable(KERNEL_DATA_BASE, ArmObjectTypes.seL4_VSpaceBits,
                PageTable.PtType.VSRootPT_T, ArmLayout.seL4_VSpaceIndexBits);
        this.smmuStateSIDNode = new CNode(KERNEL_DATA_BASE + 0x10000, Smmu.SMMU_SID_CNODE_SLOT_BITS);
        this.smmuStateCBNode = new CNode(KERNEL_DATA_BASE + 0x20000, Smmu.SMMU_CB_CNODE_SLOT_BITS);
        Arrays.fill(armKSHWASIDTable, AsidPool.asidInvalid);
        Arrays.fill(smmuStateCBAsidTable, Smmu.ASID_INVALID);
    }
}
