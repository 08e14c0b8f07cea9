package sel4.arch.aarch64;

import sel4.object.tcb.Tcb;

/**
 * Models seL4's src/arch/arm/kernel/thread.c and src/arch/arm/64/kernel/thread.c: what the
 * scheduler asks of the architecture when it switches threads and domains. With hypervisor
 * support that is mostly VCPU switching.
 */
public final class ArchThread extends ArmModule {
    ArchThread(AArch64 arch) {
        super(arch);
    }

    private static Vcpu vcpuOf(Tcb tcb) {
        return tcb.tcbArch.tcbVCPU instanceof Vcpu v ? v : null;
    }

    /** Arch_switchToThread: load (or disable) the thread's VCPU, then install its VSpace. */
    public void Arch_switchToThread(Tcb tcb) {
        arch.vcpus.vcpu_switch(vcpuOf(tcb));
        arch.vspace.setVMRoot(tcb);
    }

    public void Arch_switchToIdleThread() {
        arch.vcpus.vcpu_switch(null);
        hw.setCurrentUserVSpaceRoot(0, state.armKSGlobalUserVSpace);
    }

    /** Arch_activateIdleThread: nothing to do on ARM. */
    public void Arch_activateIdleThread(Tcb tcb) {
        // The idle thread runs in the kernel's idle loop; nothing to set up.
    }

    /** Arch_prepareNextDomain: the next domain must not see this domain's VCPU state loaded. */
    public void Arch_prepareNextDomain() {
        arch.vcpus.vcpu_flush();
    }

    /** Arch_prepareSetDomain: a thread leaving the domain takes its loaded VCPU state with it. */
    public void Arch_prepareSetDomain(Tcb tptr, int dom) {
        arch.vcpus.vcpu_flush_if_current(tptr);
    }
}
