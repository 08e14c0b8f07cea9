package sel4.arch.aarch64;

import static sel4.arch.aarch64.VcpuReg.seL4_VCPURegSaveRange_end;
import static sel4.arch.aarch64.VcpuReg.seL4_VCPURegSaveRange_start;
import static sel4.arch.aarch64.VcpuReg.seL4_VCPUReg_CNTKCTL_EL1;
import static sel4.arch.aarch64.VcpuReg.seL4_VCPUReg_CNTVOFF;
import static sel4.arch.aarch64.VcpuReg.seL4_VCPUReg_CNTV_CTL;
import static sel4.arch.aarch64.VcpuReg.seL4_VCPUReg_CNTV_CVAL;
import static sel4.arch.aarch64.VcpuReg.seL4_VCPUReg_CPACR;
import static sel4.arch.aarch64.VcpuReg.seL4_VCPUReg_SCTLR;

import sel4.api.ExceptionT;
import sel4.api.Fault;
import sel4.machine.Registers;
import sel4.model.IRQState;
import sel4.object.tcb.Tcb;

/**
 * Models the VCPU core of seL4's src/arch/arm/object/vcpu.c with the armv8-a helpers of
 * include/arch/arm/armv/armv8-a/64/armv/vcpu.h and the virtual-timer save / restore of
 * src/drivers/timer/generic_timer.c (Haskell Object/VCPU/AARCH64): loading and saving VCPU state,
 * switching, flushing, associating VCPUs with TCBs, VCPU register access, and the two
 * hypervisor interrupt handlers VGICMaintenance and VPPIEvent plus VCPU faults.
 *
 * <p>The interrupt handlers are in the legacy S0 form of LEGACY-REPLY-BUGS §B6: they have no
 * ready-queue or schedulability guard, only the runnable check before handleFault. Each keeps
 * its first statement free so a guard (S1 / S2 / S3 of docs/kernel-model.md) can be inserted as
 * one early-return {@code if} at the top of the body.
 */
public final class Vcpus extends ArmModule {
    /** The ESR pattern of an unknown / uncategorised trap, reported as a user exception. */
    public static final long UNKNOWN_FAULT = 0x2000000L;

    Vcpus(AArch64 arch) {
        super(arch);
    }

    /** vcpu_boot_init: list-register count from the hardware, nothing loaded. */
    void vcpu_boot_init() {
        int n = (int) (hw.gic().get_gic_vcpu_ctrl_vtr() & 0x3f) + 1;
        state.gic_vcpu_num_list_regs = Math.min(n, Vcpu.GIC_VCPU_MAX_NUM_LR);
        vcpu_disable(null);
        state.armHSCurVCPU = null;
        state.armHSVCPUActive = false;
    }

    /** vcpu_init: a new VCPU's guest starts with its MMU off and its VGIC enabled. */
    public void vcpu_init(Vcpu vcpu) {
        vcpu.regs[seL4_VCPUReg_SCTLR] = VcpuReg.SCTLR_EL1_VM;
        vcpu.vgic.hcr = GicVcpuInterface.VGIC_HCR_EN;
        vcpu.last_pcount = 0;
    }

    // ---- register transfer between hardware and the VCPU object ----

    private void vcpu_save_reg(Vcpu vcpu, int reg) {
        vcpu.regs[reg] = hw.vcpu_hw_read_reg(reg);
    }

    private void vcpu_save_reg_range(Vcpu vcpu, int start, int end) {
        for (int i = start; i <= end; i++) {
            vcpu_save_reg(vcpu, i);
        }
    }

    private void vcpu_restore_reg(Vcpu vcpu, int reg) {
        hw.vcpu_hw_write_reg(reg, vcpu.regs[reg]);
    }

    private void vcpu_restore_reg_range(Vcpu vcpu, int start, int end) {
        for (int i = start; i <= end; i++) {
            vcpu_restore_reg(vcpu, i);
        }
    }

    /** save_virt_timer: stop the guest's timer and remember its state and the physical count. */
    private void save_virt_timer(Vcpu vcpu) {
        vcpu_save_reg(vcpu, seL4_VCPUReg_CNTV_CTL);
        hw.vcpu_hw_write_reg(seL4_VCPUReg_CNTV_CTL, 0);
        vcpu_save_reg(vcpu, seL4_VCPUReg_CNTV_CVAL);
        vcpu_save_reg(vcpu, seL4_VCPUReg_CNTVOFF);
        vcpu_save_reg(vcpu, seL4_VCPUReg_CNTKCTL_EL1);
        vcpu.last_pcount = hw.vtimer().read_cntpct();
    }

    /**
     * restore_virt_timer: the offset grows by the time the VCPU was off the CPU, so the guest's
     * virtual time does not advance while it is not running; the timer PPI is unmasked unless
     * the VCPU still has it masked (VPPIEvent not yet acknowledged).
     */
    private void restore_virt_timer(Vcpu vcpu) {
        vcpu_restore_reg(vcpu, seL4_VCPUReg_CNTV_CVAL);
        vcpu_restore_reg(vcpu, seL4_VCPUReg_CNTKCTL_EL1);
        long pcount_delta = hw.vtimer().read_cntpct() - vcpu.last_pcount;
        vcpu.regs[seL4_VCPUReg_CNTVOFF] += pcount_delta;
        vcpu_restore_reg(vcpu, seL4_VCPUReg_CNTVOFF);
        int vtimer = config.vtimerIrq();
        if (ks.intStateIRQTable[vtimer] != IRQState.IRQInactive) {
            machine.maskInterrupt(vcpu.vppi_masked[Vcpu.VPPIEventIRQ_VTimer], vtimer);
        }
        vcpu_restore_reg(vcpu, seL4_VCPUReg_CNTV_CTL);
    }

    private void vcpu_enable(Vcpu vcpu) {
        vcpu_restore_reg(vcpu, seL4_VCPUReg_SCTLR);
        hw.setHCR(ArmHardware.HCR_VCPU);
        hw.gic().set_gic_vcpu_ctrl_hcr(vcpu.vgic.hcr);
        vcpu_restore_reg(vcpu, seL4_VCPUReg_CPACR);
        restore_virt_timer(vcpu);
    }

    /** vcpu_disable: VGIC and guest MMU off; with a VCPU, its disabled-time state is saved first. */
    private void vcpu_disable(Vcpu vcpu) {
        if (vcpu != null) {
            vcpu.vgic.hcr = hw.gic().get_gic_vcpu_ctrl_hcr();
            vcpu_save_reg(vcpu, seL4_VCPUReg_SCTLR);
            vcpu_save_reg(vcpu, seL4_VCPUReg_CPACR);
        }
        hw.gic().set_gic_vcpu_ctrl_hcr(0);
        hw.setSCTLR(VcpuReg.SCTLR_DEFAULT);
        hw.setHCR(ArmHardware.HCR_NATIVE);
        if (vcpu != null) {
            save_virt_timer(vcpu);
            machine.maskInterrupt(true, config.vtimerIrq());
        }
    }

    private void vcpu_save(Vcpu vcpu, boolean active) {
        if (active) {
            vcpu_save_reg(vcpu, seL4_VCPUReg_SCTLR);
            vcpu.vgic.hcr = hw.gic().get_gic_vcpu_ctrl_hcr();
            save_virt_timer(vcpu);
        }
        vcpu.vgic.vmcr = hw.gic().get_gic_vcpu_ctrl_vmcr();
        vcpu.vgic.apr = hw.gic().get_gic_vcpu_ctrl_apr();
        for (int i = 0; i < state.gic_vcpu_num_list_regs; i++) {
            vcpu.vgic.lr[i] = hw.gic().get_gic_vcpu_ctrl_lr(i);
        }
        if (active) {
            vcpu_save_reg(vcpu, seL4_VCPUReg_CPACR);
        }
        vcpu_save_reg_range(vcpu, seL4_VCPURegSaveRange_start, seL4_VCPURegSaveRange_end);
    }

    private void vcpu_restore(Vcpu vcpu) {
        hw.gic().set_gic_vcpu_ctrl_hcr(0);
        hw.gic().set_gic_vcpu_ctrl_vmcr(vcpu.vgic.vmcr);
        hw.gic().set_gic_vcpu_ctrl_apr(vcpu.vgic.apr);
        for (int i = 0; i < state.gic_vcpu_num_list_regs; i++) {
            hw.gic().set_gic_vcpu_ctrl_lr(i, vcpu.vgic.lr[i]);
        }
        vcpu_restore_reg_range(vcpu, seL4_VCPURegSaveRange_start, seL4_VCPURegSaveRange_end);
        vcpu_enable(vcpu);
    }

    /**
     * vcpu_switch: on every switch to a thread. A different VCPU: save the loaded one, load and
     * enable the new one. No VCPU: disable the loaded one but leave its state in hardware. The
     * same VCPU, disabled: enable it again.
     */
    public void vcpu_switch(Vcpu newVcpu) {
        if (state.armHSCurVCPU != newVcpu) {
            if (newVcpu != null) {
                if (state.armHSCurVCPU != null) {
                    vcpu_save(state.armHSCurVCPU, state.armHSVCPUActive);
                }
                vcpu_restore(newVcpu);
                state.armHSCurVCPU = newVcpu;
                state.armHSVCPUActive = true;
            } else if (state.armHSVCPUActive) {
                vcpu_disable(state.armHSCurVCPU);
                state.armHSVCPUActive = false;
            }
        } else if (!state.armHSVCPUActive && newVcpu != null) {
            vcpu_enable(newVcpu);
            state.armHSVCPUActive = true;
        }
    }

    private void vcpu_invalidate_active() {
        if (state.armHSVCPUActive) {
            vcpu_disable(null);
            state.armHSVCPUActive = false;
        }
        state.armHSCurVCPU = null;
    }

    /** vcpu_flush: write the loaded VCPU back and leave nothing loaded (domain switch). */
    public void vcpu_flush() {
        if (state.armHSCurVCPU != null) {
            vcpu_save(state.armHSCurVCPU, state.armHSVCPUActive);
            vcpu_invalidate_active();
        }
    }

    /** vcpu_flush_if_current: flush when {@code tptr}'s VCPU is the loaded one (setDomain). */
    public void vcpu_flush_if_current(Tcb tptr) {
        if (tptr.tcbArch.tcbVCPU == state.armHSCurVCPU) {
            vcpu_flush();
        }
    }

    public void vcpu_finalise(Vcpu vcpu) {
        if (vcpu.vcpuTCB != null) {
            dissociateVCPUTCB(vcpu, vcpu.vcpuTCB);
        }
    }

    /** associateVCPUTCB: both sides drop their old partners first; the current thread switches at once. */
    public void associateVCPUTCB(Vcpu vcpu, Tcb tcb) {
        if (tcb.tcbArch.tcbVCPU instanceof Vcpu old) {
            dissociateVCPUTCB(old, tcb);
        }
        if (vcpu.vcpuTCB != null) {
            dissociateVCPUTCB(vcpu, vcpu.vcpuTCB);
        }
        tcb.tcbArch.tcbVCPU = vcpu;
        vcpu.vcpuTCB = tcb;
        if (tcb == ks.ksCurThread) {
            vcpu_switch(vcpu);
        }
    }

    /** dissociateVCPUTCB: a thread without a VCPU may only run in user mode, so SPSR is sanitised. */
    public void dissociateVCPUTCB(Vcpu vcpu, Tcb tcb) {
        if (tcb.tcbArch.tcbVCPU != vcpu || vcpu.vcpuTCB != tcb) {
            fail("TCB and VCPU not associated.");
        }
        if (vcpu == state.armHSCurVCPU) {
            vcpu_invalidate_active();
        }
        tcb.tcbArch.tcbVCPU = null;
        vcpu.vcpuTCB = null;
        setRegister(tcb, Registers.SPSR, sanitiseSPSR(getRegister(tcb, Registers.SPSR)));
    }

    /** PSTATE of a user thread: EL0t with FIQ and SError masked (PSTATE_USER). */
    public static final long PSTATE_USER = 0x140;

    /** sanitiseRegister(SPSR_EL1, v, archInfo = false): keep the condition flags, force user mode. */
    static long sanitiseSPSR(long v) {
        return (v & 0xf0000000L) | PSTATE_USER;
    }

    /** readVCPUReg: from hardware when the VCPU is loaded and the register is live there. */
    public long readVCPUReg(Vcpu vcpu, int field) {
        if (state.armHSCurVCPU == vcpu) {
            if (VcpuReg.vcpu_reg_saved_when_disabled(field) && !state.armHSVCPUActive) {
                return vcpu.regs[field];
            }
            return hw.vcpu_hw_read_reg(field);
        }
        return vcpu.regs[field];
    }

    public void writeVCPUReg(Vcpu vcpu, int field, long value) {
        if (state.armHSCurVCPU == vcpu) {
            if (VcpuReg.vcpu_reg_saved_when_disabled(field) && !state.armHSVCPUActive) {
                vcpu.regs[field] = value;
            } else {
                hw.vcpu_hw_write_reg(field, value);
            }
        } else {
            vcpu.regs[field] = value;
        }
    }

    /** irqVPPIEventIndex: which VPPI an IRQ is (only the virtual timer), or VPPIEventIRQ_invalid. */
    public int irqVPPIEventIndex(long irq) {
        return irq == config.vtimerIrq() ? Vcpu.VPPIEventIRQ_VTimer : Vcpu.VPPIEventIRQ_invalid;
    }

    /**
     * VPPIEvent, legacy S0 form: with a VCPU active, mask the virtual-timer PPI, mark it masked
     * in the VCPU until the VMM acknowledges it, and deliver a VPPIEvent fault for the current
     * thread if it is runnable. Nothing checks whether the current thread was just queued by the
     * budget check of handleInterruptEntry (issue #346).
     */
    public void VPPIEvent(int irq) {
        if (state.armHSVCPUActive) {
            machine.maskInterrupt(true, irq);
            int vppi = irqVPPIEventIndex(irq);
            assertion(vppi != Vcpu.VPPIEventIRQ_invalid, "VPPIEvent: irq is a VPPI", ks.ksCurThread);
            if (vppi != Vcpu.VPPIEventIRQ_invalid) {
                state.armHSCurVCPU.vppi_masked[vppi] = true;
            }
            ks.current_fault = new Fault.VPPIEvent(irq);
            assertion(k.thread.isRunnable(ks.ksCurThread), "VPPIEvent: current thread runnable", ks.ksCurThread);
            if (k.thread.isRunnable(ks.ksCurThread)) {
                k.faultHandler.handleFault(ks.ksCurThread);
            }
        }
    }

    /**
     * VGICMaintenance, legacy S0 form: find the list register whose EOI-maintenance request
     * completed, clear the request in hardware and in the VCPU's copy, and deliver a
     * VGICMaintenance fault (with the LR index, or without one if none is identified) for the
     * current thread if it is runnable.
     */
    public void VGICMaintenance() {
        if (!state.armHSVCPUActive) {
            // Raised just before the VCPU was disabled; it comes back when the VCPU is re-enabled.
            return;
        }
        long eisr0 = hw.gic().get_gic_vcpu_ctrl_eisr0();
        long eisr1 = hw.gic().get_gic_vcpu_ctrl_eisr1();
        long flags = hw.gic().get_gic_vcpu_ctrl_misr();

        if ((flags & GicVcpuInterface.VGIC_MISR_EOI) != 0) {
            int irq_idx;
            if (eisr0 != 0) {
                irq_idx = Long.numberOfTrailingZeros(eisr0);
            } else if (eisr1 != 0) {
                irq_idx = Long.numberOfTrailingZeros(eisr1) + 32;
            } else {
                irq_idx = -1;
            }
            // The hardware should not report an index beyond the list registers; do not trust it.
            if (irq_idx == -1 || irq_idx >= state.gic_vcpu_num_list_regs) {
                ks.current_fault = new Fault.VGICMaintenance(0, false);
            } else {
                long virq = hw.gic().get_gic_vcpu_ctrl_lr(irq_idx);
                virq = Virq.virq_set_virqEOIIRQEN(virq, false);
                hw.gic().set_gic_vcpu_ctrl_lr(irq_idx, virq);
                // decodeVCPUInjectIRQ checks the VCPU's copy, so keep it in sync.
                assertion(state.armHSCurVCPU != null && state.armHSVCPUActive,
                        "VGICMaintenance: VCPU loaded and active", ks.ksCurThread);
                if (state.armHSCurVCPU != null && state.armHSVCPUActive) {
                    state.armHSCurVCPU.vgic.lr[irq_idx] = virq;
                }
                ks.current_fault = new Fault.VGICMaintenance(irq_idx, true);
            }
        } else {
            // An EOI for a list register that is no longer present.
            ks.current_fault = new Fault.VGICMaintenance(0, false);
        }

        assertion(k.thread.isRunnable(ks.ksCurThread), "VGICMaintenance: current thread runnable", ks.ksCurThread);
        if (k.thread.isRunnable(ks.ksCurThread)) {
            k.faultHandler.handleFault(ks.ksCurThread);
        }
    }

    /**
     * handleVCPUFault (arch part): an uncategorised trap becomes a user exception with the
     * syndrome as its number; every other trap is a VCPUFault carrying the syndrome.
     */
    public ExceptionT handleVCPUFault(long hsr) {
        if (hsr == UNKNOWN_FAULT) {
            ks.current_fault = new Fault.UserException(hsr & 0xffffffffL, 0);
            return ExceptionT.EXCEPTION_FAULT;
        }
        ks.current_fault = new Fault.VCPUFault(hsr);
        return ExceptionT.EXCEPTION_FAULT;
    }
}
