package sel4.arch.aarch64;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import sel4.arch.common.PageTable;
import sel4.machine.Machine;
import sel4.model.Config;

/**
 * The AArch64 hardware beyond the generic machine, attached to {@code machine.archHardware()}:
 * the EL1 system registers a VCPU owns, the virtual timer, the GIC virtual CPU interface, the
 * stage-2 translation base (VTTBR: VMID and root), SMC firmware, the SMMU, SGI generation,
 * trigger configuration, cache maintenance and TLB invalidation (seL4's
 * include/arch/arm/armv/armv8-a/64/armv/vcpu.h vcpu_hw_read_reg / vcpu_hw_write_reg,
 * gic_v2.h, generic_timer.c, machine/hardware.h).
 *
 * <p>Two interrupt lines are computed levels on the interrupt controller: the virtual-timer PPI
 * and the VGIC maintenance PPI (see {@link #vtimerLevel()} and {@link #maintenanceLevel()}), so an
 * interrupt the kernel ignores stays pending exactly as long as its cause persists.
 *
 * <p>The {@code guest*}, {@code expire*} and SMMU {@code record*} methods are test hooks: they
 * stand for what a guest or a device does while the kernel is not running.
 */
public final class ArmHardware {
    /** One cache-maintenance operation (doFlush): kind, virtual range and physical start. */
    public record CacheOp(String op, long start, long end, long pstart) {
    }

    /** HCR_EL2 values for native threads and for VCPU threads (HCR_NATIVE / HCR_VCPU). */
    public static final long HCR_NATIVE = 0x8e28103bL;
    public static final long HCR_VCPU = 0x87838031L;

    private final Machine machine;
    private final Config config;
    private final ArmState state;
    private final GicVcpuInterface gic;
    private final VirtualTimer vtimer;
    private final SmcFirmware smc = new SmcFirmware();
    private final SmmuHardware smmu = new SmmuHardware(Smmu.SMMU_MAX_SID, Smmu.SMMU_MAX_CB);
    private final long[] el1 = new long[VcpuReg.seL4_VCPUReg_Num];
    private long hcrEl2 = HCR_NATIVE;
    private int vttbrVmid;
    private PageTable vttbrRoot;
    private final List<long[]> sgis = new ArrayList<>();
    private final Map<Integer, Boolean> irqEdgeTriggered = new HashMap<>();
    private final List<CacheOp> cacheOps = new ArrayList<>();
    private long tlbInvalidations;

    ArmHardware(Machine machine, Config config, ArmState state) {
        this.machine = machine;
        this.config = config;
        this.state = state;
        this.gic = new GicVcpuInterface(Math.min(Math.max(config.numListRegs(), 1), Vcpu.GIC_VCPU_MAX_NUM_LR));
        this.vtimer = new VirtualTimer(machine.timer());
        el1[VcpuReg.seL4_VCPUReg_SCTLR] = VcpuReg.SCTLR_DEFAULT;
    }

    public GicVcpuInterface gic() {
        return gic;
    }

    public VirtualTimer vtimer() {
        return vtimer;
    }

    public SmcFirmware smc() {
        return smc;
    }

    public SmmuHardware smmu() {
        return smmu;
    }

    // ---- system registers (vcpu_hw_read_reg / vcpu_hw_write_reg) ----

    public long vcpu_hw_read_reg(int field) {
        switch (field) {
            case VcpuReg.seL4_VCPUReg_CNTV_CTL:
                return vtimer.readCTL();
            case VcpuReg.seL4_VCPUReg_CNTV_CVAL:
                return vtimer.readCVAL();
            case VcpuReg.seL4_VCPUReg_CNTVOFF:
                return vtimer.readCNTVOFF();
            case VcpuReg.seL4_VCPUReg_CNTKCTL_EL1:
                return vtimer.readCNTKCTL();
            default:
                return el1[field];
        }
    }

    public void vcpu_hw_write_reg(int field, long value) {
        switch (field) {
            case VcpuReg.seL4_VCPUReg_CNTV_CTL -> vtimer.writeCTL(value);
            case VcpuReg.seL4_VCPUReg_CNTV_CVAL -> vtimer.writeCVAL(value);
            case VcpuReg.seL4_VCPUReg_CNTVOFF -> vtimer.writeCNTVOFF(value);
            case VcpuReg.seL4_VCPUReg_CNTKCTL_EL1 -> vtimer.writeCNTKCTL(value);
            default -> el1[field] = value;
        }
    }

    /** setSCTLR: the EL1 system control register. */
    public void setSCTLR(long v) {
        el1[VcpuReg.seL4_VCPUReg_SCTLR] = v;
    }

    public void setHCR(long v) {
        hcrEl2 = v;
    }

    public long getHCR() {
        return hcrEl2;
    }

    // ---- stage-2 translation base (armv_contextSwitch / setCurrentUserVSpaceRoot) ----

    public void setCurrentUserVSpaceRoot(int vmid, PageTable root) {
        this.vttbrVmid = vmid;
        this.vttbrRoot = root;
    }

    public int currentVmid() {
        return vttbrVmid;
    }

    public PageTable currentVSpaceRoot() {
        return vttbrRoot;
    }

    // ---- maintenance operations ----

    public void invalidateTranslationASID(int vmid) {
        tlbInvalidations++;
    }

    public void invalidateTranslationSingle(long vmidAndPage) {
        tlbInvalidations++;
    }

    public long tlbInvalidations() {
        return tlbInvalidations;
    }

    public void cacheMaintenance(String op, long start, long end, long pstart) {
        cacheOps.add(new CacheOp(op, start, end, pstart));
    }

    public List<CacheOp> cacheOps() {
        return Collections.unmodifiableList(cacheOps);
    }

    /** plat_sendSGI: the model has one core; the SGI is recorded, not delivered. */
    public void plat_sendSGI(long irq, long target) {
        sgis.add(new long[] {irq, target});
    }

    public List<long[]> sentSGIs() {
        return Collections.unmodifiableList(sgis);
    }

    /** setIRQTrigger: records the trigger mode; the modelled controller is level-triggered. */
    public void setIRQTrigger(int irq, boolean edgeTriggered) {
        irqEdgeTriggered.put(irq, edgeTriggered);
    }

    public Boolean irqTrigger(int irq) {
        return irqEdgeTriggered.get(irq);
    }

    // ---- computed interrupt levels ----

    /**
     * The virtual-timer PPI: asserted while a VCPU is loaded and active, its timer is enabled
     * and expired, and the VCPU has not masked the VPPI (the kernel masks it on VPPIEvent until
     * the VMM acknowledges it with ARMVCPUAckVPPI).
     */
    public boolean vtimerLevel() {
        Vcpu cur = state.armHSCurVCPU;
        return cur != null && state.armHSVCPUActive && vtimer.output()
                && !cur.vppi_masked[Vcpu.VPPIEventIRQ_VTimer];
    }

    /** The VGIC maintenance PPI: the loaded, active VCPU has a completed EOI request. */
    public boolean maintenanceLevel() {
        return state.armHSCurVCPU != null && state.armHSVCPUActive && gic.maintenanceInterrupt();
    }

    void attachInterruptSources() {
        machine.irq().setSource(config.vtimerIrq(), this::vtimerLevel);
        machine.irq().setSource(config.vgicMaintenanceIrq(), this::maintenanceLevel);
    }

    // ---- test hooks: what a guest does while it runs ----

    /**
     * The guest completes (EOIs) the interrupt in list register {@code lr} of {@code vcpu}: the
     * LR becomes invalid and keeps its EOI-maintenance request. The LR is changed where it
     * currently lives: in hardware while the VCPU is loaded, else in the VCPU's saved copy.
     */
    public void guestCompletesEoi(Vcpu vcpu, int lr) {
        if (state.armHSCurVCPU == vcpu) {
            gic.set_gic_vcpu_ctrl_lr(lr, Virq.virq_set_virqType(gic.get_gic_vcpu_ctrl_lr(lr), Virq.virq_virq_invalid));
        } else {
            vcpu.vgic.lr[lr] = Virq.virq_set_virqType(vcpu.vgic.lr[lr], Virq.virq_virq_invalid);
        }
    }

    /** The guest acknowledges the pending interrupt in list register {@code lr}: it becomes active. */
    public void guestAcknowledges(Vcpu vcpu, int lr) {
        if (state.armHSCurVCPU == vcpu) {
            gic.set_gic_vcpu_ctrl_lr(lr, Virq.virq_set_virqType(gic.get_gic_vcpu_ctrl_lr(lr), Virq.virq_virq_active));
        } else {
            vcpu.vgic.lr[lr] = Virq.virq_set_virqType(vcpu.vgic.lr[lr], Virq.virq_virq_active);
        }
    }

    /** The list register {@code lr} of {@code vcpu} wherever it lives (hardware or saved copy). */
    public long listRegister(Vcpu vcpu, int lr) {
        return state.armHSCurVCPU == vcpu ? gic.get_gic_vcpu_ctrl_lr(lr) : vcpu.vgic.lr[lr];
    }

    /**
     * The guest programs the virtual timer of {@code vcpu} to fire now: CNTV_CTL := ENABLE and
     * CNTV_CVAL := the current virtual count (0 when the VCPU is not loaded, which is always
     * expired).
     */
    public void expireVirtualTimer(Vcpu vcpu) {
        if (state.armHSCurVCPU == vcpu && state.armHSVCPUActive) {
            vtimer.writeCVAL(vtimer.virtualCount());
            vtimer.writeCTL(VirtualTimer.CNTV_CTL_ENABLE);
        } else {
            vcpu.regs[VcpuReg.seL4_VCPUReg_CNTV_CVAL] = 0;
            vcpu.regs[VcpuReg.seL4_VCPUReg_CNTV_CTL] = VirtualTimer.CNTV_CTL_ENABLE;
        }
    }

    /** The guest of the loaded VCPU disables its virtual timer (CNTV_CTL := 0). */
    public void guestDisablesVirtualTimer() {
        vtimer.writeCTL(0);
    }
}
