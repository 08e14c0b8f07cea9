// contract: x86_64 boot gives the root thread a PML4 with ASID 1 (CNode slot and VTable), the ASID control, ASID pool and I/O port control caps, and maps its IPC buffer read-write at tcbIPCBuffer.
package sel4.arch.x86_64;

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

class X86BootTest {
    @Test
    void rootThreadGetsItsAddressSpaceAndControlCaps() {
        X86Kit kit = new X86Kit();
        Tcb root = kit.ct;
        CNode cnode = new CNode(ArchTestSupport.addr(9), 4);
        FrameCap buffer = kit.smallFrame();
        root.tcbIPCBuffer = 0x7fff_f000_0800L;
        root.tcbCTE[Tcb.tcbBuffer].cap = buffer;
        cnode.slots[BootInfoSlots.seL4_CapInitThreadIPCBuffer].cap = buffer;
        kit.arch.Arch_createBootObjects(root, cnode, new BootRegion(0x9000_0000L, 0x9100_0000L));

        X86PageTableCap vs = (X86PageTableCap) cnode.slots[BootInfoSlots.seL4_CapInitThreadVSpace].cap;
        assertThat(vs.isPML4()).isTrue();
        assertThat(vs.mappedASID()).isEqualTo(1);
        assertThat(root.tcbCTE[Tcb.tcbVTable].cap).isEqualTo(vs);
        assertThat(cnode.slots[BootInfoSlots.seL4_CapASIDControl].cap).isEqualTo(new ASIDControlCap());
        assertThat(cnode.slots[BootInfoSlots.seL4_CapInitThreadASIDPool].cap).isInstanceOf(ASIDPoolCap.class);
        assertThat(cnode.slots[BootInfoSlots.seL4_CapIOPortControl].cap).isEqualTo(new IOPortControlCap());
        UserMapping m = kit.arch.userTranslate(root, 0x7fff_f000_0800L, true);
        assertThat(m.frame()).isSameAs(buffer.frame());
        assertThat(m.wordIndex()).isEqualTo(0x800 / 8);
        assertThat(((FrameCap) cnode.slots[BootInfoSlots.seL4_CapInitThreadIPCBuffer].cap).mappedAddress())
                .isEqualTo(0x7fff_f000_0000L);
    }
}
