// contract: AArch64 fault handling builds seL4's fault records (VM faults, VCPU faults, uncategorised traps as user exceptions), encodes every arch fault into its message words and restarts the faulter on reply.
package sel4.arch.aarch64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sel4.arch.ArchTestSupport.mr;

import org.junit.jupiter.api.Test;
import sel4.api.ExceptionT;
import sel4.api.Fault;
import sel4.arch.ArchTestSupport;
import sel4.kernel.KernelHalt;
import sel4.kernel.KernelModule;
import sel4.machine.Registers;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;

class ArmFaultsTest {
    private final ArmKit kit = new ArmKit();
    private final Tcb receiver = new Tcb(ArchTestSupport.addr(11), 0);

    @Test
    void vcpuTrapsBecomeVcpuFaultsExceptTheUnknownPattern() {
        assertThat(kit.arch.handleVCPUFault(0x5a00_0001L)).isEqualTo(ExceptionT.EXCEPTION_FAULT);
        assertThat(kit.k.ks.current_fault).isEqualTo(new Fault.VCPUFault(0x5a00_0001L));
        kit.arch.handleVCPUFault(Vcpus.UNKNOWN_FAULT);
        assertThat(kit.k.ks.current_fault).isEqualTo(new Fault.UserException(Vcpus.UNKNOWN_FAULT, 0));
    }

    @Test
    void vmFaultMessageHasPcAddressPrefetchFlagAndFsr() {
        KernelModule.setRegister(kit.ct, Registers.FaultIP, 0x40_1000L);
        int len = kit.arch.Arch_setMRs_fault(kit.ct, receiver, null, new Fault.VMFault(0xbad0, 0x92, true));
        assertThat(len).isEqualTo(4);
        assertThat(new long[] {mr(receiver, 0), mr(receiver, 1), mr(receiver, 2), mr(receiver, 3)})
                .containsExactly(0x40_1000L, 0xbad0, 1, 0x92);
    }

    @Test
    void hypervisorFaultMessages() {
        assertThat(kit.arch.Arch_setMRs_fault(kit.ct, receiver, null, new Fault.VCPUFault(0x77))).isEqualTo(1);
        assertThat(mr(receiver, 0)).isEqualTo(0x77);
        kit.arch.Arch_setMRs_fault(kit.ct, receiver, null, new Fault.VPPIEvent(27));
        assertThat(mr(receiver, 0)).isEqualTo(27);
        kit.arch.Arch_setMRs_fault(kit.ct, receiver, null, new Fault.VGICMaintenance(0, false));
        assertThat(mr(receiver, 0)).as("no LR identified").isEqualTo(-1L);
        kit.arch.Arch_setMRs_fault(kit.ct, receiver, (IpcBuffer) null, new Fault.VGICMaintenance(5, true));
        assertThat(mr(receiver, 0)).isEqualTo(5);
    }

    @Test
    void everyArchFaultRestartsOnReplyAndOthersHalt() {
        for (Fault f : new Fault[] {new Fault.VMFault(1, 2, false), new Fault.VCPUFault(3), new Fault.VPPIEvent(27),
            new Fault.VGICMaintenance(1, true)}) {
            assertThat(kit.arch.Arch_handleFaultReply(kit.ct, receiver, f, 0)).isTrue();
        }
        assertThatThrownBy(() -> kit.arch.Arch_handleFaultReply(kit.ct, receiver, new Fault.Timeout(1), 0))
                .isInstanceOf(KernelHalt.class);
    }

    @Test
    void registerLayoutComesFromTheMachineDescription() {
        assertThat(kit.arch.frameRegisters()).containsExactly(Registers.AARCH64_FRAME_REGISTERS);
        assertThat(kit.arch.gpRegisters()).containsExactly(Registers.AARCH64_GP_REGISTERS);
        assertThat(kit.arch.registerNames()[Registers.msgInfoRegister]).isEqualTo("X1");
    }
}
