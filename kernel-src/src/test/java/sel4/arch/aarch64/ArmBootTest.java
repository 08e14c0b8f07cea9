// contract: AArch64 boot gives the root thread a VSpace root with ASID 1 in the initial pool (CNode slot and VTable), the ASID control, SMC and SMMU control caps, and maps its IPC buffer read-write at tcbIPCBuffer.
package sel4.arch.aarch64;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import sel4.arch.ArchTestSupport;
import sel4.arch.BootRegion;
import sel4.arch.UserMapping;
import sel4.arch.common.ASIDControlCap;
import sel4.arch.common.ASIDPoolCap;
import sel4.model.BootInfoSlots;
import sel4.object.cap.FrameCap;
import sel4.object.cnode.CNode;
import sel4.object.tcb.Tcb;

class ArmBootTest {
    @Test
    void rootThreadGetsItsAddressSpaceAndControlCaps() {
        ArmKit kit = new ArmKit();
        Tcb root = kit.ct;
        CNode cnode = new CNode(ArchTestSupport.addr(9), 4);
        FrameCap buffer = kit.smallFrame();
        root.tcbIPCBuffer = 0x1_0000_0400L;
        root.tcbCTE[Tcb.tcbBuffer].cap = buffer;
        cnode.slots[BootInfoSlots.seL4_CapInitThreadIPCBuffer].cap = buffer;
        BootRegion mem = new BootRegion(0x8000_0000L, 0x8100_0000L);

        kit.arch.Arch_createBootObjects(root, cnode, mem);

        PageTableCap vs = (PageTableCap) cnode.slots[BootInfoSlots.seL4_CapInitThreadVSpace].cap;
        assertThat(vs.isVSpaceRoot()).isTrue();
        assertThat(vs.isMapped()).isTrue();
        assertThat(vs.mappedASID()).isEqualTo(ArmLayout.IT_ASID);
        assertThat(root.tcbCTE[Tcb.tcbVTable].cap).isEqualTo(vs);
        assertThat(kit.k.ks.ksPSpace.get(vs.pt().ptr())).isSameAs(vs.pt());
        assertThat(cnode.slots[BootInfoSlots.seL4_CapASIDControl].cap).isEqualTo(new ASIDControlCap());
        ASIDPoolCap pool = (ASIDPoolCap) cnode.slots[BootInfoSlots.seL4_CapInitThreadASIDPool].cap;
        assertThat(pool.asidBase()).isZero();
        assertThat(kit.state.armKSASIDTable[0]).isSameAs(pool.pool());
        assertThat(kit.arch.asids.findMapForASID(1).vspaceRoot()).isSameAs(vs.pt());
        assertThat(cnode.slots[BootInfoSlots.seL4_CapSMC].cap).isEqualTo(new SMCCap(0));
        assertThat(cnode.slots[BootInfoSlots.seL4_CapSMMUSIDControl].cap).isEqualTo(new SIDControlCap());
        assertThat(cnode.slots[BootInfoSlots.seL4_CapSMMUCBControl].cap).isEqualTo(new CBControlCap());

        UserMapping m = kit.arch.userTranslate(root, 0x1_0000_0400L, true);
        assertThat(m).isNotNull();
        assertThat(m.frame()).isSameAs(buffer.frame());
        assertThat(m.wordIndex()).isEqualTo(0x400 / 8);
        FrameCap ipcCap = (FrameCap) cnode.slots[BootInfoSlots.seL4_CapInitThreadIPCBuffer].cap;
        assertThat(ipcCap.mappedASID()).isEqualTo(1);
        assertThat(ipcCap.mappedAddress()).isEqualTo(0x1_0000_0000L);
        assertThat(((FrameCap) root.tcbCTE[Tcb.tcbBuffer].cap).isMapped()).as("the TCB's copy stays unmapped").isFalse();
        assertThat(mem.next()).as("objects came from the boot region").isGreaterThan(0x8000_0000L);

        kit.arch.Arch_switchToThread(root);
        assertThat(kit.hw.currentVSpaceRoot()).isSameAs(vs.pt());
    }
}
