// contract: AArch64 ASIDs resolve through the 7+9-bit pool table, and 8-bit VMIDs are handed out on demand when a VSpace is installed, recycled round-robin when exhausted and released when an ASID or pool is deleted.
package sel4.arch.aarch64;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import sel4.api.ExceptionT;
import sel4.api.LookupFault;
import sel4.arch.common.AsidPool;
import sel4.arch.common.PageTable;
import sel4.object.cnode.Cte;
import sel4.object.tcb.Tcb;

class AsidVmidTest {
    private final ArmKit kit = new ArmKit();

    @Test
    void asidSplitsIntoPoolAndEntry() {
        long asid = (5L << 9) | 17;
        assertThat(AsidPool.ASID_HIGH(asid)).isEqualTo(5);
        assertThat(AsidPool.ASID_LOW(asid)).isEqualTo(17);
        Cte vs = kit.vspace(asid);
        assertThat(kit.state.armKSASIDTable[5].array[17].vspaceRoot()).isSameAs(((PageTableCap) vs.cap).pt());
        AsidPools.FindVSpaceForASIDRet r = kit.arch.asids.findVSpaceForASID(asid);
        assertThat(r.status()).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(r.vspaceRoot()).isSameAs(((PageTableCap) vs.cap).pt());
    }

    @Test
    void unknownAsidIsAnInvalidRootLookupFault() {
        AsidPools.FindVSpaceForASIDRet r = kit.arch.asids.findVSpaceForASID(42);
        assertThat(r.status()).isEqualTo(ExceptionT.EXCEPTION_LOOKUP_FAULT);
        assertThat(kit.k.ks.current_lookup_fault).isInstanceOf(LookupFault.InvalidRoot.class);
    }

    @Test
    void vmidIsAllocatedOnFirstInstallAndThenKept() {
        Cte vs = kit.vspace(1);
        assertThat(kit.arch.asids.findMapForASID(1).storedVmidValid()).as("not before first use").isFalse();
        kit.useVSpace(kit.ct, vs);
        kit.arch.vspace.setVMRoot(kit.ct);
        int vmid = kit.hw.currentVmid();
        assertThat(kit.state.armKSHWASIDTable[vmid]).isEqualTo(1);
        kit.arch.vspace.setVMRoot(kit.ct);
        assertThat(kit.hw.currentVmid()).isEqualTo(vmid);
    }

    @Test
    void distinctAsidsGetDistinctVmids() {
        int a = kit.arch.asids.getHWASID(asidWithVSpace(1));
        int b = kit.arch.asids.getHWASID(asidWithVSpace(2));
        assertThat(a).isNotEqualTo(b);
    }

    private long asidWithVSpace(long asid) {
        kit.vspace(asid);
        return asid;
    }

    @Test
    void when256VmidsAreTakenTheOneAtTheCursorIsRecycled() {
        for (long asid = 1; asid <= 256; asid++) {
            kit.arch.asids.getHWASID(asidWithVSpace(asid));
        }
        long tlbBefore = kit.hw.tlbInvalidations();
        int cursor = kit.state.armKSNextASID;
        long victim = kit.state.armKSHWASIDTable[cursor];
        int vmid = kit.arch.asids.getHWASID(asidWithVSpace(257));
        assertThat(vmid).isEqualTo(cursor);
        assertThat(kit.arch.asids.findMapForASID(victim).storedVmidValid()).as("victim lost its VMID").isFalse();
        assertThat(kit.state.armKSHWASIDTable[vmid]).isEqualTo(257);
        assertThat(kit.state.armKSNextASID).isEqualTo((cursor + 1) & 0xff);
        assertThat(kit.hw.tlbInvalidations()).isGreaterThan(tlbBefore);
        // The victim gets a VMID again on its next use.
        assertThat(kit.arch.asids.getHWASID(victim)).isBetween(0, 255);
    }

    @Test
    void deleteAsidReleasesItsVmidAndEntry() {
        Cte vs = kit.vspace(9);
        int vmid = kit.arch.asids.getHWASID(9);
        kit.arch.asids.deleteASID(9, ((PageTableCap) vs.cap).pt());
        assertThat(kit.arch.asids.findMapForASID(9)).isNull();
        assertThat(kit.state.armKSHWASIDTable[vmid]).isEqualTo(AsidPool.asidInvalid);
    }

    @Test
    void deleteAsidIgnoresAStaleRoot() {
        kit.vspace(9);
        PageTable other = ((PageTableCap) kit.vspace(10).cap).pt();
        kit.arch.asids.deleteASID(9, other);
        assertThat(kit.arch.asids.findMapForASID(9)).isNotNull();
    }

    @Test
    void deleteAsidPoolDropsThePoolAndItsVmids() {
        kit.vspace(513);
        int vmid = kit.arch.asids.getHWASID(513);
        AsidPool pool = kit.state.armKSASIDTable[1];
        kit.arch.asids.deleteASIDPool(512, pool);
        assertThat(kit.state.armKSASIDTable[1]).isNull();
        assertThat(kit.state.armKSHWASIDTable[vmid]).isEqualTo(AsidPool.asidInvalid);
    }

    @Test
    void deletingTheCurrentThreadsAsidFallsBackToTheGlobalVSpace() {
        Cte vs = kit.vspace(4);
        kit.useVSpace(kit.ct, vs);
        kit.arch.vspace.setVMRoot(kit.ct);
        kit.arch.asids.deleteASID(4, ((PageTableCap) vs.cap).pt());
        assertThat(kit.hw.currentVSpaceRoot()).isSameAs(kit.state.armKSGlobalUserVSpace);
        assertThat(kit.ct.tcbCTE[Tcb.tcbVTable].cap).isSameAs(vs.cap);
    }
}
