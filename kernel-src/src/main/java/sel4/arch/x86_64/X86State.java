package sel4.arch.x86_64;

import sel4.arch.common.AsidPool;

/**
 * The x86_64 architecture state of the kernel subset (include/arch/x86/arch/model/statedata.h):
 * the ASID table, the allocated-I/O-port bitmap and the VCPU whose VMCS is loaded. Stored in
 * {@code ks.archState}. The VPID table exists for clearVPIDIOPortMappings; VPIDs are assigned on
 * VM entry, which the subset does not model, so it stays empty.
 */
public final class X86State {
    public final AsidPool[] x86KSASIDTable = new AsidPool[AsidPool.nASIDPools];
    /** x86KSAllocatedIOPorts: one bit per port handed out by IOPortControl Issue. */
    public final long[] x86KSAllocatedIOPorts = new long[65536 / 64];
    public X86Vcpu x86KSCurrentVCPU;
    /** x86KSVPIDTable (CONFIG_MAX_VPIDS = 1024). */
    public final X86Vcpu[] x86KSVPIDTable = new X86Vcpu[1024];
}
