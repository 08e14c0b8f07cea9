package sel4.arch.aarch64;

import sel4.object.KernelObject;
import sel4.object.tcb.BoundVcpu;
import sel4.object.tcb.Tcb;

/**
 * An ARM virtual CPU (seL4's {@code vcpu_t}, include/arch/arm/arch/object/vcpu.h; Haskell VCPU in
 * Object/Structures AArch64, KERNEL-REFERENCE §2.7): the associated TCB, the saved state of the
 * GIC virtual CPU interface, the 24 saved system registers, the per-VPPI mask and the physical
 * counter value recorded when the virtual timer was last saved.
 */
public final class Vcpu extends KernelObject implements BoundVcpu {
    /** The only virtual PPI the kernel forwards: the virtual timer (VPPIEventIRQ_VTimer). */
    public static final int VPPIEventIRQ_VTimer = 0;
    public static final int n_VPPIEventIRQ = 1;
    public static final int VPPIEventIRQ_invalid = n_VPPIEventIRQ;
    /** GIC_VCPU_MAX_NUM_LR. */
    public static final int GIC_VCPU_MAX_NUM_LR = 64;

    /** struct gicVCpuIface: the saved GIC virtual CPU interface. */
    public static final class Vgic {
        public long hcr;
        public long vmcr;
        public long apr;
        public final long[] lr = new long[GIC_VCPU_MAX_NUM_LR];
    }

    public Tcb vcpuTCB;
    public final Vgic vgic = new Vgic();
    public final long[] regs = new long[VcpuReg.seL4_VCPUReg_Num];
    public final boolean[] vppi_masked = new boolean[n_VPPIEventIRQ];
    /** virtTimer.last_pcount: physical count when the virtual timer was saved. */
    public long last_pcount;

    public Vcpu(long ptr) {
        super(ptr, ArmObjectTypes.VCPU_SIZE_BITS);
    }

    @Override
    public String typeName() {
        return "VCPU";
    }
}
