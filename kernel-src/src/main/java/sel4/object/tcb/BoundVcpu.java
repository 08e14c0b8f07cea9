package sel4.object.tcb;

/**
 * Marker for an architecture VCPU object that a TCB can be bound to (AArch64 vcpu_t, x86 VT-x
 * vcpu_t); lets {@link ArchTcb#tcbVCPU} refer to either without a dependency on the arch packages.
 */
public interface BoundVcpu {
}
