// contract: the AArch64 hardware models behave like the devices seL4 drives: GICv2 EISR/MISR derive from the list registers (both EISR words), the virtual timer compares virtual count with CVAL, SMC firmware is a deterministic function, and the SMMU keeps its fault registers until cleared.
package sel4.arch.aarch64;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import sel4.api.Fault;
import sel4.machine.Timer;
import sel4.model.Config;

class ArmHardwareTest {
    private static long completed(int vid) {
        return Virq.virq_set_virqType(Virq.virq_virq_pending_new(0, 0, true, vid), Virq.virq_virq_invalid);
    }

    @Test
    void eisrWordsSplitAtListRegister32() {
        GicVcpuInterface gic = new GicVcpuInterface(64);
        gic.set_gic_vcpu_ctrl_lr(40, completed(1));
        assertThat(gic.get_gic_vcpu_ctrl_eisr0()).isZero();
        assertThat(gic.get_gic_vcpu_ctrl_eisr1()).isEqualTo(1L << 8);
        assertThat(gic.get_gic_vcpu_ctrl_misr()).isEqualTo(GicVcpuInterface.VGIC_MISR_EOI);
        assertThat(gic.maintenanceInterrupt()).as("interface disabled").isFalse();
        gic.set_gic_vcpu_ctrl_hcr(GicVcpuInterface.VGIC_HCR_EN);
        assertThat(gic.maintenanceInterrupt()).isTrue();
        gic.set_gic_vcpu_ctrl_lr(3, completed(2));
        assertThat(gic.get_gic_vcpu_ctrl_eisr0()).isEqualTo(1L << 3);
        // An LR without an EOI request, or still pending, does not count.
        gic.set_gic_vcpu_ctrl_lr(3, Virq.virq_virq_pending_new(0, 0, true, 2));
        gic.set_gic_vcpu_ctrl_lr(40, Virq.virq_set_virqEOIIRQEN(completed(1), false));
        assertThat(gic.get_gic_vcpu_ctrl_misr()).isZero();
        assertThat(gic.get_gic_vcpu_ctrl_vtr()).isEqualTo(63);
    }

    @Test
    void listRegistersBeyondTheImplementedOnesReadAsZero() {
        GicVcpuInterface gic = new GicVcpuInterface(4);
        gic.set_gic_vcpu_ctrl_lr(4, completed(1));
        assertThat(gic.get_gic_vcpu_ctrl_lr(4)).isZero();
        assertThat(gic.get_gic_vcpu_ctrl_eisr0()).isZero();
    }

    @Test
    void virtualTimerUsesTheOffsetCounter() {
        Timer t = new Timer();
        VirtualTimer vt = new VirtualTimer(t);
        t.advance(1000);
        vt.writeCNTVOFF(400);
        assertThat(vt.virtualCount()).isEqualTo(600);
        vt.writeCVAL(650);
        vt.writeCTL(VirtualTimer.CNTV_CTL_ENABLE | VirtualTimer.CNTV_CTL_ISTATUS);
        assertThat(vt.readCTL()).as("ISTATUS is read-only").isEqualTo(VirtualTimer.CNTV_CTL_ENABLE);
        assertThat(vt.output()).isFalse();
        t.advance(50);
        assertThat(vt.output()).isTrue();
        assertThat(vt.readCTL()).isEqualTo(VirtualTimer.CNTV_CTL_ENABLE | VirtualTimer.CNTV_CTL_ISTATUS);
    }

    @Test
    void smcFirmwareIsDeterministicAndLogged() {
        SmcFirmware fw = new SmcFirmware();
        long[] args = {0x8400_0000L, 10, 20, 30, 40, 50, 60, 70};
        long[] r = fw.smc(args);
        assertThat(r).containsExactly(~0x8400_0000L, 11, 22, 33, 44, 55, 66, 77);
        assertThat(fw.smc(args)).containsExactly(r);
        assertThat(fw.calls()).hasSize(2);
    }

    @Test
    void smmuFaultRegistersHoldUntilCleared() {
        SmmuHardware smmu = new SmmuHardware(16, 4);
        smmu.recordContextBankFault(2, 0x40, 0x1000);
        assertThat(smmu.smmu_cb_read_fault_state(2)).containsExactly(0x40, 0x1000);
        assertThat(smmu.smmu_cb_read_fault_state(2)).as("reading does not clear").containsExactly(0x40, 0x1000);
        smmu.smmu_cb_clear_fault_state(2);
        assertThat(smmu.smmu_cb_read_fault_state(2)).containsExactly(0, 0);
    }

    @Test
    void maintenanceForAListRegisterAbove31ReportsItsIndex() {
        ArmKit kit = new ArmKit(Config.aarch64().toBuilder().numListRegs(64).build());
        kit.schedulable(kit.ct); // a thread that could be running here, so any #346 guard lets the fault through
        Vcpu v = kit.vcpu();
        kit.arch.vcpus.associateVCPUTCB(v, kit.ct);
        kit.arch.vcpuInvocations.invokeVCPUInjectIRQ(v, 37, Virq.virq_virq_pending_new(0, 0, true, 100));
        kit.hw.guestCompletesEoi(v, 37);
        kit.arch.handleReservedIRQ(kit.k.config.vgicMaintenanceIrq());
        assertThat(kit.k.ks.current_fault).isEqualTo(new Fault.VGICMaintenance(37, true));
    }
}
