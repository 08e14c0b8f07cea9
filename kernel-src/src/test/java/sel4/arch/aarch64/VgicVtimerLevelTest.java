// contract: the virtual-timer and VGIC-maintenance interrupt lines are computed levels: asserted exactly while the loaded, active VCPU has an expired unmasked timer or a completed EOI request, so an interrupt the kernel ignores stays pending.
package sel4.arch.aarch64;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import sel4.arch.ArchTestSupport;
import sel4.machine.InterruptController;
import sel4.model.Config;
import sel4.model.IRQState;
import sel4.object.tcb.Tcb;

class VgicVtimerLevelTest {
    private final ArmKit kit = new ArmKit();
    private final InterruptController irq = kit.k.machine.irq();
    private final int vtimer = kit.k.config.vtimerIrq();
    private final int maint = kit.k.config.vgicMaintenanceIrq();

    private Tcb vcpuThread(Vcpu v) {
        Tcb t = new Tcb(ArchTestSupport.addr(11), 0);
        kit.arch.vcpus.associateVCPUTCB(v, t);
        return t;
    }

    private void reserveVcpuIrqs() {
        // Boot reserves both PPIs; restore_virt_timer only touches the mask of an active IRQ.
        kit.k.ks.intStateIRQTable[vtimer] = IRQState.IRQReserved;
        kit.k.ks.intStateIRQTable[maint] = IRQState.IRQReserved;
    }

    @Test
    void vtimerLevelNeedsALoadedActiveVcpuWithAnExpiredTimer() {
        reserveVcpuIrqs();
        Vcpu v = kit.vcpu();
        Tcb t = vcpuThread(v);
        assertThat(irq.level(vtimer)).isFalse();
        kit.hw.expireVirtualTimer(v);
        assertThat(irq.level(vtimer)).as("VCPU not loaded").isFalse();

        kit.arch.Arch_switchToThread(t);
        assertThat(irq.level(vtimer)).isTrue();
        assertThat(irq.isPending(vtimer)).isTrue();
        assertThat(irq.getActiveIRQ()).isEqualTo(vtimer);

        kit.arch.Arch_switchToThread(new Tcb(ArchTestSupport.addr(11), 0));
        assertThat(irq.level(vtimer)).as("VCPU disabled: timer saved and stopped").isFalse();
        assertThat(v.regs[VcpuReg.seL4_VCPUReg_CNTV_CTL] & VirtualTimer.CNTV_CTL_ENABLE).isEqualTo(1);

        kit.arch.Arch_switchToThread(t);
        assertThat(irq.level(vtimer)).as("restored, still expired").isTrue();
        kit.hw.guestDisablesVirtualTimer();
        assertThat(irq.level(vtimer)).isFalse();
    }

    @Test
    void timerProgrammedInTheFutureFiresWhenTimeReachesIt() {
        reserveVcpuIrqs();
        Vcpu v = kit.vcpu();
        kit.arch.Arch_switchToThread(vcpuThread(v));
        VirtualTimer vt = kit.hw.vtimer();
        vt.writeCVAL(vt.virtualCount() + 100);
        vt.writeCTL(VirtualTimer.CNTV_CTL_ENABLE);
        assertThat(irq.level(vtimer)).isFalse();
        assertThat(vt.readCTL() & VirtualTimer.CNTV_CTL_ISTATUS).isZero();
        kit.k.machine.timer().advance(100);
        assertThat(irq.level(vtimer)).isTrue();
        assertThat(vt.readCTL() & VirtualTimer.CNTV_CTL_ISTATUS).isEqualTo(VirtualTimer.CNTV_CTL_ISTATUS);
        vt.writeCTL(VirtualTimer.CNTV_CTL_ENABLE | VirtualTimer.CNTV_CTL_IMASK);
        assertThat(irq.level(vtimer)).as("IMASK").isFalse();
    }

    @Test
    void virtualTimeStandsStillWhileTheVcpuIsOffTheCpu() {
        reserveVcpuIrqs();
        Vcpu v = kit.vcpu();
        Tcb t = vcpuThread(v);
        kit.arch.Arch_switchToThread(t);
        long before = kit.hw.vtimer().virtualCount();
        kit.arch.Arch_switchToThread(new Tcb(ArchTestSupport.addr(11), 0));
        kit.k.machine.timer().advance(500);
        kit.arch.Arch_switchToThread(t);
        assertThat(kit.hw.vtimer().virtualCount()).isEqualTo(before);
        assertThat(v.regs[VcpuReg.seL4_VCPUReg_CNTVOFF]).isEqualTo(500);
    }

    @Test
    void maskedVppiKeepsTheLineLowUntilAcknowledgedAndReenabled() {
        reserveVcpuIrqs();
        Vcpu v = kit.vcpu();
        Tcb t = vcpuThread(v);
        kit.arch.Arch_switchToThread(t);
        kit.hw.expireVirtualTimer(v);
        v.vppi_masked[Vcpu.VPPIEventIRQ_VTimer] = true;
        assertThat(irq.level(vtimer)).isFalse();
        kit.arch.vcpuInvocations.invokeVCPUAckVPPI(v, Vcpu.VPPIEventIRQ_VTimer);
        assertThat(irq.level(vtimer)).isTrue();
    }

    @Test
    void restoreHonoursTheVppiMaskAtTheController() {
        reserveVcpuIrqs();
        Vcpu v = kit.vcpu();
        Tcb t = vcpuThread(v);
        v.vppi_masked[Vcpu.VPPIEventIRQ_VTimer] = true;
        kit.arch.Arch_switchToThread(t);
        assertThat(irq.isMasked(vtimer)).isTrue();
        kit.arch.Arch_switchToThread(new Tcb(ArchTestSupport.addr(11), 0));
        v.vppi_masked[Vcpu.VPPIEventIRQ_VTimer] = false;
        kit.arch.Arch_switchToThread(t);
        assertThat(irq.isMasked(vtimer)).isFalse();
    }

    @Test
    void maintenanceLineFollowsCompletedEoiRequests() {
        reserveVcpuIrqs();
        Vcpu v = kit.vcpu();
        Tcb t = vcpuThread(v);
        kit.arch.Arch_switchToThread(t);
        kit.arch.vcpuInvocations.invokeVCPUInjectIRQ(v, 2, Virq.virq_virq_pending_new(1, 4, true, 45));
        assertThat(irq.level(maint)).as("pending, not yet completed").isFalse();
        kit.hw.guestAcknowledges(v, 2);
        assertThat(irq.level(maint)).isFalse();
        kit.hw.guestCompletesEoi(v, 2);
        assertThat(irq.level(maint)).isTrue();
        assertThat(kit.hw.gic().get_gic_vcpu_ctrl_eisr0()).isEqualTo(1L << 2);
        assertThat(kit.hw.gic().get_gic_vcpu_ctrl_misr()).isEqualTo(GicVcpuInterface.VGIC_MISR_EOI);

        kit.arch.Arch_switchToThread(new Tcb(ArchTestSupport.addr(11), 0));
        assertThat(irq.level(maint)).as("VGIC disabled").isFalse();
        kit.arch.Arch_switchToThread(t);
        assertThat(irq.level(maint)).as("request still there after re-enable").isTrue();
    }

    @Test
    void injectGoesToHardwareWhenLoadedAndToTheCopyOtherwise() {
        Vcpu v = kit.vcpu();
        long virq = Virq.virq_virq_pending_new(0, 1, true, 7);
        kit.arch.vcpuInvocations.invokeVCPUInjectIRQ(v, 0, virq);
        assertThat(v.vgic.lr[0]).isEqualTo(virq);
        kit.arch.Arch_switchToThread(vcpuThread(v));
        assertThat(kit.hw.gic().get_gic_vcpu_ctrl_lr(0)).isEqualTo(virq);
        long virq2 = Virq.virq_virq_pending_new(0, 1, true, 8);
        kit.arch.vcpuInvocations.invokeVCPUInjectIRQ(v, 1, virq2);
        assertThat(kit.hw.gic().get_gic_vcpu_ctrl_lr(1)).isEqualTo(virq2);
        assertThat(Virq.virq_get_virqIRQ(virq2)).isEqualTo(8);
        assertThat(Virq.virq_get_virqType(virq2)).isEqualTo(Virq.virq_virq_pending);
    }

    @Test
    void maintenanceWithoutAnActiveVcpuDoesNothing() {
        kit.k.ks.current_fault = null;
        kit.arch.handleReservedIRQ(maint);
        kit.arch.handleReservedIRQ(vtimer);
        assertThat(kit.k.ks.current_fault).isNull();
    }

    @Test
    void listRegisterCountComesFromTheConfiguration() {
        ArmKit eight = new ArmKit(Config.aarch64().toBuilder().numListRegs(8).build());
        assertThat(eight.state.gic_vcpu_num_list_regs).isEqualTo(8);
        assertThat(eight.hw.gic().get_gic_vcpu_ctrl_vtr() & 0x3f).isEqualTo(7);
    }
}
