package sel4.arch.x86_64;

import sel4.object.tcb.Tcb;

/**
 * Models seL4's src/arch/x86/kernel/thread.c and src/arch/x86/64/kernel/thread.c: a thread switch
 * installs the thread's VSpace; VMCS state is loaded lazily by the VCPU operations, so nothing
 * happens to VCPUs here, and domain changes need no arch work.
 */
public final class X86ArchThread extends X86Module {
    X86ArchThread(X86_64 arch) {
        super(arch);
    }

    public void Arch_switchToThread(Tcb tcb) {
        arch.vspace.setVMRoot(tcb);
    }

    /** The idle thread runs on the kernel's own page tables. */
    public void Arch_switchToIdleThread() {
        arch.vspace.setVMRoot(ks.ksIdleThread);
    }

    public void Arch_activateIdleThread(Tcb tcb) {
        // Nothing to do on x86.
    }

    public void Arch_prepareNextDomain() {
        // Nothing to do on x86.
    }

    public void Arch_prepareSetDomain(Tcb tptr, int dom) {
        // Nothing to do on x86.
    }
}
