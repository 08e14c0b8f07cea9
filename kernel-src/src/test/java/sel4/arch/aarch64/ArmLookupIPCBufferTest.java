// contract: AArch64 lookupIPCBuffer yields a buffer only for a non-device frame cap in the buffer slot with ReadWrite rights (or ReadOnly when the caller only reads), pointing at tcbIPCBuffer's offset in that frame.
package sel4.arch.aarch64;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import sel4.object.cap.FrameCap;
import sel4.object.cap.NullCap;
import sel4.object.cap.VMRights;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;

class ArmLookupIPCBufferTest {
    private final ArmKit kit = new ArmKit();
    private final Tcb t = kit.ct;

    private void bufferCap(FrameCap cap, long vaddr) {
        t.tcbCTE[Tcb.tcbBuffer].cap = cap;
        t.tcbIPCBuffer = vaddr;
    }

    @Test
    void readWriteFrameServesSenderAndReceiver() {
        FrameCap f = kit.smallFrame();
        bufferCap(f, 0x10_0000L + 0x400);
        IpcBuffer asReceiver = kit.arch.lookupIPCBuffer(true, t);
        IpcBuffer asSender = kit.arch.lookupIPCBuffer(false, t);
        assertThat(asReceiver).isNotNull();
        assertThat(asSender).isNotNull();
        assertThat(asReceiver.frame()).isSameAs(f.frame());
        assertThat(asReceiver.baseWord()).isEqualTo(0x400 / 8);
    }

    @Test
    void readOnlyFrameServesOnlyAReader() {
        bufferCap(kit.smallFrame().withRights(VMRights.VMReadOnly), 0x2000);
        assertThat(kit.arch.lookupIPCBuffer(false, t)).isNotNull();
        assertThat(kit.arch.lookupIPCBuffer(true, t)).isNull();
    }

    @Test
    void kernelOnlyFrameServesNobody() {
        bufferCap(kit.smallFrame().withRights(VMRights.VMKernelOnly), 0x2000);
        assertThat(kit.arch.lookupIPCBuffer(false, t)).isNull();
        assertThat(kit.arch.lookupIPCBuffer(true, t)).isNull();
    }

    @Test
    void deviceFrameIsNeverABuffer() {
        bufferCap(kit.frame(ArmObjectTypes.seL4_ARM_SmallPageObject, true), 0x2000);
        assertThat(kit.arch.lookupIPCBuffer(false, t)).isNull();
        assertThat(kit.arch.lookupIPCBuffer(true, t)).isNull();
    }

    @Test
    void anythingButAFrameCapMeansNoBuffer() {
        t.tcbCTE[Tcb.tcbBuffer].cap = NullCap.INSTANCE;
        assertThat(kit.arch.lookupIPCBuffer(false, t)).isNull();
        t.tcbCTE[Tcb.tcbBuffer].cap = new SMCCap(0);
        assertThat(kit.arch.lookupIPCBuffer(false, t)).isNull();
    }

    @Test
    void offsetIsTakenWithinTheFramesOwnPageSize() {
        FrameCap large = kit.frame(ArmObjectTypes.seL4_ARM_LargePageObject, false);
        bufferCap(large, 0x4000_0000L + 0x1f_fc00L);
        IpcBuffer b = kit.arch.lookupIPCBuffer(true, t);
        assertThat(b.baseWord()).isEqualTo(0x1f_fc00L / 8);
    }

    @Test
    void kernelWritesThroughTheBufferLandInTheFrame() {
        FrameCap f = kit.smallFrame();
        bufferCap(f, 0x800);
        IpcBuffer b = kit.arch.lookupIPCBuffer(true, t);
        b.set(5, 0xabcdL);
        assertThat(f.frame().readWord(0x800 / 8 + 5)).isEqualTo(0xabcdL);
    }
}
