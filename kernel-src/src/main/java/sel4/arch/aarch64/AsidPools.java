package sel4.arch.aarch64;

import static sel4.arch.common.AsidPool.ASID_HIGH;
import static sel4.arch.common.AsidPool.ASID_LOW;
import static sel4.arch.common.AsidPool.asidInvalid;
import static sel4.arch.common.AsidPool.asidLowBits;

import sel4.api.ExceptionT;
import sel4.api.LookupFault;
import sel4.arch.common.AsidMap;
import sel4.arch.common.AsidPool;
import sel4.arch.common.PageTable;

/**
 * Models the ASID and VMID management of seL4's src/arch/arm/64/kernel/vspace.c (Haskell
 * Kernel/VSpace/AARCH64 findVSpaceForASID, getVMID, deleteASID ...): the two-level ASID table (7
 * high bits select a pool, 9 low bits an entry) and the 8-bit hardware VMIDs that are handed to
 * ASIDs on demand when their VSpace is installed, recycling the oldest when all are in use.
 */
public final class AsidPools extends ArmModule {
    AsidPools(AArch64 arch) {
        super(arch);
    }

    /** findVSpaceForASID_ret_t. */
    public record FindVSpaceForASIDRet(ExceptionT status, PageTable vspaceRoot) {
    }

    /** findMapForASID: the entry of {@code asid}, or null (asid_map_none). */
    public AsidMap findMapForASID(long asid) {
        if (!AsidPool.inRange(asid)) {
            return null;
        }
        AsidPool poolPtr = state.armKSASIDTable[ASID_HIGH(asid)];
        if (poolPtr == null) {
            return null;
        }
        return poolPtr.array[ASID_LOW(asid)];
    }

    /** findVSpaceForASID: the VSpace root assigned to {@code asid}; InvalidRoot lookup fault if none. */
    public FindVSpaceForASIDRet findVSpaceForASID(long asid) {
        AsidMap asid_map = findMapForASID(asid);
        if (asid_map == null) {
            ks.current_lookup_fault = new LookupFault.InvalidRoot();
            return new FindVSpaceForASIDRet(ExceptionT.EXCEPTION_LOOKUP_FAULT, null);
        }
        return new FindVSpaceForASIDRet(ExceptionT.EXCEPTION_NONE, asid_map.vspaceRoot());
    }

    private AsidPool getPoolPtr(long asid) {
        return state.armKSASIDTable[ASID_HIGH(asid)];
    }

    /** invalidateASID: forgets the VMID stored for {@code asid}. */
    private void invalidateASID(long asid) {
        AsidPool poolPtr = getPoolPtr(asid);
        AsidMap m = poolPtr.array[ASID_LOW(asid)];
        assertion(m != null, "invalidateASID: asid maps a vspace", null);
        if (m != null) {
            poolPtr.array[ASID_LOW(asid)] = m.withVmid(false, 0);
        }
    }

    private void storeHWASID(long asid, int hw_asid) {
        AsidPool poolPtr = getPoolPtr(asid);
        AsidMap m = poolPtr.array[ASID_LOW(asid)];
        poolPtr.array[ASID_LOW(asid)] = m.withVmid(true, hw_asid);
        state.armKSHWASIDTable[hw_asid] = asid;
    }

    /**
     * findFreeHWASID: the first free VMID from armKSNextASID on; when all 256 are taken the one
     * at armKSNextASID is taken from its ASID (TLB flushed) and the cursor advances.
     */
    private int findFreeHWASID() {
        for (int offset = 0; offset < ArmLayout.nVMIDs; offset++) {
            int hw_asid = (state.armKSNextASID + offset) & 0xff;
            if (state.armKSHWASIDTable[hw_asid] == asidInvalid) {
                return hw_asid;
            }
        }
        int hw_asid = state.armKSNextASID;
        invalidateASID(state.armKSHWASIDTable[hw_asid]);
        hw.invalidateTranslationASID(hw_asid);
        state.armKSHWASIDTable[hw_asid] = asidInvalid;
        state.armKSNextASID = (state.armKSNextASID + 1) & 0xff;
        return hw_asid;
    }

    /** getHWASID: the VMID of {@code asid}, allocating one if it has none. */
    public int getHWASID(long asid) {
        AsidMap asid_map = findMapForASID(asid);
        if (asid_map != null && asid_map.storedVmidValid()) {
            return asid_map.storedHwVmid();
        }
        int new_hw_asid = findFreeHWASID();
        storeHWASID(asid, new_hw_asid);
        return new_hw_asid;
    }

    /** invalidateASIDEntry: releases the VMID of {@code asid}. */
    private void invalidateASIDEntry(long asid) {
        AsidMap asid_map = findMapForASID(asid);
        if (asid_map != null && asid_map.storedVmidValid()) {
            state.armKSHWASIDTable[asid_map.storedHwVmid()] = asidInvalid;
        }
        invalidateASID(asid);
    }

    // ---- SMMU context-bank bookkeeping per ASID ----

    int getASIDBindCB(long asid) {
        AsidMap m = findMapForASID(asid);
        return m == null ? 0 : m.bindCB();
    }

    void increaseASIDBindCB(long asid) {
        AsidPool pool = getPoolPtr(asid);
        AsidMap m = pool.array[ASID_LOW(asid)];
        pool.array[ASID_LOW(asid)] = m.withBindCB(m.bindCB() + 1);
    }

    void decreaseASIDBindCB(long asid) {
        AsidPool pool = getPoolPtr(asid);
        AsidMap m = pool == null ? null : pool.array[ASID_LOW(asid)];
        if (m != null) {
            pool.array[ASID_LOW(asid)] = m.withBindCB(m.bindCB() - 1);
        }
    }

    // ---- TLB maintenance by ASID ----

    /** invalidateTLBByASID: flushes the ASID's VMID (if it has one) and its SMMU context banks. */
    public void invalidateTLBByASID(long asid) {
        int bind_cb = getASIDBindCB(asid);
        if (bind_cb != 0) {
            arch.smmu.invalidateSMMUTLBByASID(asid, bind_cb);
        }
        AsidMap asid_map = findMapForASID(asid);
        if (asid_map == null || !asid_map.storedVmidValid()) {
            return;
        }
        hw.invalidateTranslationASID(asid_map.storedHwVmid());
    }

    /** invalidateTLBByASIDVA: flushes one page of the ASID. */
    public void invalidateTLBByASIDVA(long asid, long vaddr) {
        int bind_cb = getASIDBindCB(asid);
        if (bind_cb != 0) {
            arch.smmu.invalidateSMMUTLBByASIDVA(asid, vaddr, bind_cb);
        }
        AsidMap asid_map = findMapForASID(asid);
        if (asid_map == null || !asid_map.storedVmidValid()) {
            return;
        }
        long hw_asid = asid_map.storedHwVmid();
        hw.invalidateTranslationSingle((hw_asid << 48) | (vaddr >>> ArmLayout.seL4_PageBits));
    }

    // ---- deletion ----

    /** deleteASID: unassigns {@code asid} if it still maps {@code vspace}, releasing its VMID. */
    public void deleteASID(long asid, PageTable vspace) {
        AsidPool poolPtr = state.armKSASIDTable[ASID_HIGH(asid)];
        if (poolPtr != null) {
            AsidMap asid_map = poolPtr.array[ASID_LOW(asid)];
            if (asid_map != null && asid_map.vspaceRoot() == vspace) {
                invalidateTLBByASID(asid);
                invalidateASIDEntry(asid);
                poolPtr.array[ASID_LOW(asid)] = null;
                arch.vspace.setVMRoot(ks.ksCurThread);
            }
        }
    }

    /** deleteASIDPool: removes {@code pool} from the ASID table, releasing the VMIDs of its ASIDs. */
    public void deleteASIDPool(long asid_base, AsidPool pool) {
        assertion((asid_base & ((1 << asidLowBits) - 1)) == 0, "deleteASIDPool: base aligned", null);
        if (state.armKSASIDTable[ASID_HIGH(asid_base)] == pool) {
            for (int offset = 0; offset < (1 << asidLowBits); offset++) {
                if (pool.array[offset] != null) {
                    invalidateTLBByASID(asid_base + offset);
                    invalidateASIDEntry(asid_base + offset);
                }
            }
            state.armKSASIDTable[ASID_HIGH(asid_base)] = null;
            arch.vspace.setVMRoot(ks.ksCurThread);
        }
    }
}
