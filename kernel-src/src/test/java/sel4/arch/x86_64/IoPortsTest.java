// contract: x86 I/O port ranges are issued only when free, recorded in the allocated-port bitmap and freed after the last cap is deleted; port devices see accesses of the requested width.
package sel4.arch.x86_64;

import static org.assertj.core.api.Assertions.assertThat;
import static sel4.arch.ArchTestSupport.args;
import static sel4.arch.ArchTestSupport.extraCaps;

import org.junit.jupiter.api.Test;
import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.SyscallError;
import sel4.arch.ArchTestSupport;
import sel4.object.ObjectType;
import sel4.object.cap.CNodeCap;
import sel4.object.cap.NullCap;
import sel4.object.cnode.CNode;
import sel4.object.cnode.Cte;
import sel4.object.tcb.ThreadState;

class IoPortsTest {
    private final X86Kit kit = new X86Kit();

    private boolean allocated(int port) {
        return (kit.state.x86KSAllocatedIOPorts[port >>> 6] & (1L << (port & 63))) != 0;
    }

    @Test
    void portMaskCoversExactlyTheRangeAcrossWords() {
        long[] map = new long[1024];
        IoPorts.setIOPortMask(map, 60, 200, true);
        assertThat(map[0]).isEqualTo(0xF000_0000_0000_0000L);
        assertThat(map[1]).isEqualTo(-1L);
        assertThat(map[2]).isEqualTo(-1L);
        assertThat(map[3]).isEqualTo((1L << 9) - 1);
        IoPorts.setIOPortMask(map, 64, 127, false);
        assertThat(map[1]).isZero();
        IoPorts.setIOPortMask(map, 0xffff, 0xffff, true);
        assertThat(map[1023]).isEqualTo(Long.MIN_VALUE);
        IoPorts.setIOPortMask(map, 0, 63, true);
        assertThat(map[0]).isEqualTo(-1L);
        long[] before = map.clone();
        IoPorts.setIOPortMask(map, 0xffff, 0, false);
        assertThat(map).as("an inverted range changes nothing").containsExactly(before);
    }

    @Test
    void issueAllocatesTheRangeAndAnOverlapIsRefused() {
        CNode cnode = new CNode(ArchTestSupport.addr(9), 4);
        Cte control = ArchTestSupport.slotWith(new IOPortControlCap());
        extraCaps(kit.k, new CNodeCap(cnode, 4, 0, 60));
        args(kit.ct, 0x3f8, 0x3ff, 3, 64);
        assertThat(kit.arch.Arch_decodeInvocation(InvocationLabel.X86IOPortControlIssue.label(), 4, 0, control,
                control.cap, true, null)).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(kit.ct.tcbState).isSameAs(ThreadState.Restart);
        assertThat(cnode.slots[3].cap).isEqualTo(new IOPortCap(0x3f8, 0x3ff, X86Vcpu.VPID_INVALID));
        assertThat(allocated(0x3f7)).isFalse();
        assertThat(allocated(0x3f8)).isTrue();
        assertThat(allocated(0x3ff)).isTrue();
        assertThat(allocated(0x400)).isFalse();

        kit.ct.tcbState = ThreadState.Running;
        args(kit.ct, 0x3ff, 0x400, 4, 64);
        assertThat(kit.arch.Arch_decodeInvocation(InvocationLabel.X86IOPortControlIssue.label(), 4, 0, control,
                control.cap, true, null)).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
        assertThat(kit.k.ks.current_syscall_error.type()).isEqualTo(SyscallError.seL4_RevokeFirst);
    }

    @Test
    void theLastCapsRangeIsFreedAfterItsSlotIsEmptied() {
        IoPorts.setIOPortMask(kit.state.x86KSAllocatedIOPorts, 0x70, 0x71, true);
        IOPortCap cap = new IOPortCap(0x70, 0x71, 0);
        ObjectType.FinaliseCapRet notFinal = kit.arch.Arch_finaliseCap(cap, false);
        assertThat(notFinal.cleanupInfo()).isEqualTo(NullCap.INSTANCE);
        ObjectType.FinaliseCapRet fin = kit.arch.Arch_finaliseCap(cap, true);
        assertThat(fin.remainder()).isEqualTo(NullCap.INSTANCE);
        assertThat(fin.cleanupInfo()).isEqualTo(cap);
        assertThat(allocated(0x70)).as("still allocated until postCapDeletion").isTrue();
        kit.arch.Arch_postCapDeletion(fin.cleanupInfo());
        assertThat(allocated(0x70)).isFalse();
        assertThat(allocated(0x71)).isFalse();
    }

    @Test
    void portDevicesAreByteWideAndLittleEndian() {
        IoPortDevices io = kit.hw.ioPorts();
        io.out32(0x10, 0x1122_3344L);
        assertThat(io.in8(0x10)).isEqualTo(0x44);
        assertThat(io.in8(0x13)).isEqualTo(0x11);
        assertThat(io.in16(0x11)).isEqualTo(0x2233);
        io.out16(0x12, 0xABCD);
        assertThat(io.in32(0x10)).isEqualTo(0xABCD_3344L);
        assertThat(io.writes()).containsExactly(new IoPortDevices.PortWrite(0x10, 4, 0x1122_3344L),
                new IoPortDevices.PortWrite(0x12, 2, 0xABCD));
    }

    @Test
    void portOutPassesOnlyTheAccessWidth() {
        kit.arch.ioPorts.invokeX86PortOut(InvocationLabel.X86IOPortOut16.label(), 0x80, 0x1_2345L & 0xffff);
        assertThat(kit.hw.ioPorts().writes()).containsExactly(new IoPortDevices.PortWrite(0x80, 2, 0x2345));
    }
}
