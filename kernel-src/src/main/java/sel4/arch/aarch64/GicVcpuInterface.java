package sel4.arch.aarch64;

/**
 * The GICv2 virtual CPU interface control registers (GICH, include/arch/arm/arch/machine/gic_v2.h
 * {@code get_gic_vcpu_ctrl_*} / {@code set_gic_vcpu_ctrl_*}): HCR, VMCR, APR and the list
 * registers. EISR0/1 and MISR are not stored: the hardware derives them from the list registers,
 * and so does this model.
 *
 * <p>A list register raises an end-of-interrupt maintenance request when it asked for one (EOI
 * bit) and the guest has completed the interrupt (state back to invalid). The maintenance
 * interrupt is asserted while the interface is enabled (HCR.En) and such a request exists.
 */
public final class GicVcpuInterface {
    public static final long VGIC_HCR_EN = 1L;
    public static final long VGIC_MISR_EOI = 1L;

    private final int numListRegs;
    private long hcr;
    private long vmcr;
    private long apr;
    private final long[] lr;

    public GicVcpuInterface(int numListRegs) {
        this.numListRegs = numListRegs;
        this.lr = new long[Vcpu.GIC_VCPU_MAX_NUM_LR];
    }

    /** GICH_VTR: ListRegs field holds the number of list registers minus one. */
    public long get_gic_vcpu_ctrl_vtr() {
        return (numListRegs - 1) & 0x3f;
    }

    public long get_gic_vcpu_ctrl_hcr() {
        return hcr;
    }

    public void set_gic_vcpu_ctrl_hcr(long v) {
        hcr = v;
    }

    public long get_gic_vcpu_ctrl_vmcr() {
        return vmcr;
    }

    public void set_gic_vcpu_ctrl_vmcr(long v) {
        vmcr = v;
    }

    public long get_gic_vcpu_ctrl_apr() {
        return apr;
    }

    public void set_gic_vcpu_ctrl_apr(long v) {
        apr = v;
    }

    public long get_gic_vcpu_ctrl_lr(int i) {
        return i >= 0 && i < numListRegs ? lr[i] : 0;
    }

    public void set_gic_vcpu_ctrl_lr(int i, long v) {
        if (i >= 0 && i < numListRegs) {
            lr[i] = v;
        }
    }

    private boolean eoiPending(int i) {
        long v = lr[i];
        return Virq.virq_get_virqEOIIRQEN(v) && Virq.virq_get_virqType(v) == Virq.virq_virq_invalid;
    }

    /** GICH_EISR0: list registers 0..31 with a completed EOI-maintenance request. */
    public long get_gic_vcpu_ctrl_eisr0() {
        long bits = 0;
        for (int i = 0; i < Math.min(32, numListRegs); i++) {
            if (eoiPending(i)) {
                bits |= 1L << i;
            }
        }
        return bits;
    }

    /** GICH_EISR1: list registers 32..63. */
    public long get_gic_vcpu_ctrl_eisr1() {
        long bits = 0;
        for (int i = 32; i < numListRegs; i++) {
            if (eoiPending(i)) {
                bits |= 1L << (i - 32);
            }
        }
        return bits;
    }

    /** GICH_MISR: only the EOI flag is modelled (set when any EISR bit is set). */
    public long get_gic_vcpu_ctrl_misr() {
        return (get_gic_vcpu_ctrl_eisr0() | get_gic_vcpu_ctrl_eisr1()) != 0 ? VGIC_MISR_EOI : 0;
    }

    /** Level of the maintenance interrupt output. */
    public boolean maintenanceInterrupt() {
        return (hcr & VGIC_HCR_EN) != 0 && get_gic_vcpu_ctrl_misr() != 0;
    }

    public int numListRegs() {
        return numListRegs;
    }
}
