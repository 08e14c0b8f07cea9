package sel4.arch.aarch64;

import sel4.arch.common.PageTable;

/**
 * The ARM SMMUv2 as driven by seL4's src/drivers/smmu/smmuv2.c: stream-to-context-bank
 * bindings, the VSpace (and ASID) each context bank translates with, the global fault registers
 * read by {@code smmu_read_fault_state} and the per-context-bank fault registers read by
 * {@code smmu_cb_read_fault_state}, plus TLB-invalidation counters so tests can see them.
 */
public final class SmmuHardware {
    private final int[] streamToCb;
    private final PageTable[] cbVspace;
    private final long[] cbAsid;
    private final long[] cbFaultStatus;
    private final long[] cbFaultAddress;
    private long globalFaultStatus;
    private long globalFaultSyndrome0;
    private long globalFaultSyndrome1;
    private long tlbInvalidateAll;
    private final long[] tlbInvalidateCb;

    public SmmuHardware(int maxSid, int maxCb) {
        this.streamToCb = new int[maxSid];
        java.util.Arrays.fill(streamToCb, -1);
        this.cbVspace = new PageTable[maxCb];
        this.cbAsid = new long[maxCb];
        this.cbFaultStatus = new long[maxCb];
        this.cbFaultAddress = new long[maxCb];
        this.tlbInvalidateCb = new long[maxCb];
    }

    // ---- kernel-facing driver operations ----

    public void smmu_sid_bind_cb(int sid, int cb) {
        streamToCb[sid] = cb;
    }

    public void smmu_sid_unbind(int sid) {
        streamToCb[sid] = -1;
    }

    public void smmu_cb_assign_vspace(int cb, PageTable vspace, long asid) {
        cbVspace[cb] = vspace;
        cbAsid[cb] = asid;
    }

    public void smmu_cb_disable(int cb, long asid) {
        cbVspace[cb] = null;
        cbAsid[cb] = 0;
        tlbInvalidateCb[cb]++;
    }

    public void smmu_tlb_invalidate_all() {
        tlbInvalidateAll++;
    }

    public void smmu_tlb_invalidate_cb(int cb, long asid) {
        tlbInvalidateCb[cb]++;
    }

    /** smmu_read_fault_state: global fault status and the two syndrome registers. */
    public long[] smmu_read_fault_state() {
        return new long[] {globalFaultStatus, globalFaultSyndrome0, globalFaultSyndrome1};
    }

    public void smmu_clear_fault_state() {
        globalFaultStatus = 0;
        globalFaultSyndrome0 = 0;
        globalFaultSyndrome1 = 0;
    }

    /** smmu_cb_read_fault_state: fault status and fault address of a context bank. */
    public long[] smmu_cb_read_fault_state(int cb) {
        return new long[] {cbFaultStatus[cb], cbFaultAddress[cb]};
    }

    public void smmu_cb_clear_fault_state(int cb) {
        cbFaultStatus[cb] = 0;
        cbFaultAddress[cb] = 0;
    }

    // ---- device side: what DMA traffic would cause; test hooks ----

    /** A translation fault that the SMMU reports in its global fault registers. */
    public void recordGlobalFault(long status, long syndrome0, long syndrome1) {
        globalFaultStatus = status;
        globalFaultSyndrome0 = syndrome0;
        globalFaultSyndrome1 = syndrome1;
    }

    /** Context bank {@code cb} records a fault at {@code address}. */
    public void recordContextBankFault(int cb, long status, long address) {
        cbFaultStatus[cb] = status;
        cbFaultAddress[cb] = address;
    }

    // ---- observation ----

    /** The context bank a stream is bound to, or -1. */
    public int boundContextBank(int sid) {
        return streamToCb[sid];
    }

    public PageTable contextBankVspace(int cb) {
        return cbVspace[cb];
    }

    public long contextBankAsid(int cb) {
        return cbAsid[cb];
    }

    public long tlbInvalidateAllCount() {
        return tlbInvalidateAll;
    }

    public long tlbInvalidateCount(int cb) {
        return tlbInvalidateCb[cb];
    }
}
