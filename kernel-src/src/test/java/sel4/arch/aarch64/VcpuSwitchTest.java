// contract: VCPU state follows the thread that runs: switching saves the outgoing VCPU and loads the incoming one, a thread without a VCPU disables the loaded one, flushes write it back, and association / dissociation stay symmetric.
package sel4.arch.aarch64;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import sel4.arch.ArchTestSupport;
import sel4.kernel.KernelModule;
import sel4.machine.Registers;
import sel4.object.tcb.Tcb;

class VcpuSwitchTest {
    private final ArmKit kit = new ArmKit();

    private Tcb thread() {
        return new Tcb(ArchTestSupport.addr(11), 0);
    }

    @Test
    void switchingBetweenVcpuThreadsSavesAndRestoresRegistersAndListRegisters() {
        Tcb a = thread();
        Tcb b = thread();
        Vcpu va = kit.vcpu();
        Vcpu vb = kit.vcpu();
        kit.arch.vcpus.associateVCPUTCB(va, a);
        kit.arch.vcpus.associateVCPUTCB(vb, b);
        va.regs[VcpuReg.seL4_VCPUReg_TTBR0] = 0xa0;
        vb.regs[VcpuReg.seL4_VCPUReg_TTBR0] = 0xb0;
        va.vgic.lr[1] = Virq.virq_virq_pending_new(0, 3, false, 33);

        kit.arch.Arch_switchToThread(a);
        assertThat(kit.state.armHSCurVCPU).isSameAs(va);
        assertThat(kit.state.armHSVCPUActive).isTrue();
        assertThat(kit.hw.vcpu_hw_read_reg(VcpuReg.seL4_VCPUReg_TTBR0)).isEqualTo(0xa0);
        assertThat(kit.hw.gic().get_gic_vcpu_ctrl_lr(1)).isEqualTo(va.vgic.lr[1]);
        assertThat(kit.hw.gic().get_gic_vcpu_ctrl_hcr()).isEqualTo(GicVcpuInterface.VGIC_HCR_EN);
        assertThat(kit.hw.getHCR()).isEqualTo(ArmHardware.HCR_VCPU);

        // The guest of a changes its state while it runs.
        kit.hw.vcpu_hw_write_reg(VcpuReg.seL4_VCPUReg_TTBR0, 0xa1);
        kit.hw.gic().set_gic_vcpu_ctrl_lr(1, 0);

        kit.arch.Arch_switchToThread(b);
        assertThat(va.regs[VcpuReg.seL4_VCPUReg_TTBR0]).as("saved on switch").isEqualTo(0xa1);
        assertThat(va.vgic.lr[1]).isZero();
        assertThat(kit.hw.vcpu_hw_read_reg(VcpuReg.seL4_VCPUReg_TTBR0)).isEqualTo(0xb0);
        assertThat(kit.state.armHSCurVCPU).isSameAs(vb);

        kit.arch.Arch_switchToThread(a);
        assertThat(kit.hw.vcpu_hw_read_reg(VcpuReg.seL4_VCPUReg_TTBR0)).isEqualTo(0xa1);
    }

    @Test
    void aThreadWithoutVcpuDisablesButKeepsTheLoadedVcpu() {
        Tcb a = thread();
        Vcpu va = kit.vcpu();
        kit.arch.vcpus.associateVCPUTCB(va, a);
        kit.arch.Arch_switchToThread(a);
        kit.arch.Arch_switchToThread(thread());
        assertThat(kit.state.armHSCurVCPU).isSameAs(va);
        assertThat(kit.state.armHSVCPUActive).isFalse();
        assertThat(kit.hw.gic().get_gic_vcpu_ctrl_hcr()).as("VGIC off").isZero();
        assertThat(kit.hw.getHCR()).isEqualTo(ArmHardware.HCR_NATIVE);
        assertThat(kit.k.machine.irq().isMasked(kit.k.config.vtimerIrq())).as("vtimer masked").isTrue();

        kit.arch.Arch_switchToThread(a);
        assertThat(kit.state.armHSVCPUActive).as("re-enabled without a reload").isTrue();
        assertThat(kit.hw.gic().get_gic_vcpu_ctrl_hcr()).isEqualTo(GicVcpuInterface.VGIC_HCR_EN);
    }

    @Test
    void idleThreadDisablesTheVcpuToo() {
        Tcb a = thread();
        kit.arch.vcpus.associateVCPUTCB(kit.vcpu(), a);
        kit.arch.Arch_switchToThread(a);
        kit.arch.Arch_switchToIdleThread();
        assertThat(kit.state.armHSVCPUActive).isFalse();
        assertThat(kit.hw.currentVSpaceRoot()).isSameAs(kit.state.armKSGlobalUserVSpace);
    }

    @Test
    void registerAccessGoesToHardwareOnlyWhileLoaded() {
        Tcb a = thread();
        Vcpu va = kit.vcpu();
        kit.arch.vcpus.associateVCPUTCB(va, a);
        kit.arch.vcpus.writeVCPUReg(va, VcpuReg.seL4_VCPUReg_VBAR, 0x100);
        assertThat(va.regs[VcpuReg.seL4_VCPUReg_VBAR]).isEqualTo(0x100);
        kit.arch.Arch_switchToThread(a);
        kit.arch.vcpus.writeVCPUReg(va, VcpuReg.seL4_VCPUReg_VBAR, 0x200);
        assertThat(kit.hw.vcpu_hw_read_reg(VcpuReg.seL4_VCPUReg_VBAR)).isEqualTo(0x200);
        assertThat(kit.arch.vcpus.readVCPUReg(va, VcpuReg.seL4_VCPUReg_VBAR)).isEqualTo(0x200);
        // Loaded but disabled: registers saved on disable are served from the VCPU object.
        kit.arch.Arch_switchToThread(thread());
        kit.arch.vcpus.writeVCPUReg(va, VcpuReg.seL4_VCPUReg_SCTLR, 0x5);
        assertThat(va.regs[VcpuReg.seL4_VCPUReg_SCTLR]).isEqualTo(0x5);
        assertThat(kit.arch.vcpus.readVCPUReg(va, VcpuReg.seL4_VCPUReg_SCTLR)).isEqualTo(0x5);
        kit.arch.Arch_switchToThread(a);
        assertThat(kit.hw.vcpu_hw_read_reg(VcpuReg.seL4_VCPUReg_SCTLR)).as("restored on enable").isEqualTo(0x5);
    }

    @Test
    void flushWritesTheLoadedVcpuBackAndUnloadsIt() {
        Tcb a = thread();
        Vcpu va = kit.vcpu();
        kit.arch.vcpus.associateVCPUTCB(va, a);
        kit.arch.Arch_switchToThread(a);
        kit.hw.vcpu_hw_write_reg(VcpuReg.seL4_VCPUReg_TCR, 0x77);
        kit.arch.Arch_prepareNextDomain();
        assertThat(va.regs[VcpuReg.seL4_VCPUReg_TCR]).isEqualTo(0x77);
        assertThat(kit.state.armHSCurVCPU).isNull();
        assertThat(kit.state.armHSVCPUActive).isFalse();
    }

    @Test
    void prepareSetDomainFlushesOnlyTheLoadedVcpusThread() {
        Tcb a = thread();
        Vcpu va = kit.vcpu();
        kit.arch.vcpus.associateVCPUTCB(va, a);
        kit.arch.Arch_switchToThread(a);
        kit.arch.Arch_prepareSetDomain(thread(), 1);
        assertThat(kit.state.armHSCurVCPU).isSameAs(va);
        kit.arch.Arch_prepareSetDomain(a, 1);
        assertThat(kit.state.armHSCurVCPU).isNull();
    }

    @Test
    void associationIsSymmetricAndStealingDissociatesTheOldPartners() {
        Tcb a = thread();
        Tcb b = thread();
        Vcpu v1 = kit.vcpu();
        Vcpu v2 = kit.vcpu();
        kit.arch.vcpus.associateVCPUTCB(v1, a);
        kit.arch.vcpus.associateVCPUTCB(v2, a);
        assertThat(v1.vcpuTCB).isNull();
        assertThat(a.tcbArch.tcbVCPU).isSameAs(v2);
        kit.arch.vcpus.associateVCPUTCB(v2, b);
        assertThat(a.tcbArch.tcbVCPU).isNull();
        assertThat(v2.vcpuTCB).isSameAs(b);
    }

    @Test
    void associatingTheCurrentThreadLoadsTheVcpuAtOnce() {
        Vcpu v = kit.vcpu();
        kit.arch.vcpus.associateVCPUTCB(v, kit.ct);
        assertThat(kit.state.armHSCurVCPU).isSameAs(v);
        assertThat(kit.state.armHSVCPUActive).isTrue();
    }

    @Test
    void threadDeletionAndVcpuFinaliseDissociateAndSanitiseSpsr() {
        Tcb a = thread();
        Vcpu v = kit.vcpu();
        kit.arch.vcpus.associateVCPUTCB(v, a);
        KernelModule.setRegister(a, Registers.SPSR, 0xf000_03c5L);
        kit.arch.Arch_prepareThreadDelete(a);
        assertThat(v.vcpuTCB).isNull();
        assertThat(a.tcbArch.tcbVCPU).isNull();
        assertThat(KernelModule.getRegister(a, Registers.SPSR)).as("user mode, flags kept").isEqualTo(0xf000_0140L);

        kit.arch.vcpus.associateVCPUTCB(v, a);
        kit.arch.Arch_switchToThread(a);
        kit.arch.Arch_finaliseCap(new VCPUCap(v), true);
        assertThat(a.tcbArch.tcbVCPU).isNull();
        assertThat(kit.state.armHSCurVCPU).as("a dissociated current VCPU is unloaded").isNull();
    }

    @Test
    void newVcpuStartsWithGuestMmuOffAndVgicEnabled() {
        Vcpu v = kit.vcpu();
        assertThat(v.regs[VcpuReg.seL4_VCPUReg_SCTLR]).isEqualTo(VcpuReg.SCTLR_EL1_VM);
        assertThat(v.vgic.hcr).isEqualTo(GicVcpuInterface.VGIC_HCR_EN);
        assertThat(kit.state.gic_vcpu_num_list_regs).isEqualTo(kit.k.config.numListRegs());
    }
}
