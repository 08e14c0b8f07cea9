package sel4.api;

import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;

/**
 * Models seL4's src/api/syscall.c (Haskell API/Syscall, Kernel entry): the kernel entry points,
 * handleInvocation with the C reply protocol (KERNEL-REFERENCE §6.2), handleRecv and handleYield.
 */
public final class Syscalls extends KernelModule {
    public Syscalls(Kernel k) {
        super(k);
    }

    public ExceptionT handleSyscall(Syscall syscall) { throw new UnsupportedOperationException("PENDING"); }
    public ExceptionT handleUnknownSyscall(long w) { throw new UnsupportedOperationException("PENDING"); }
    public ExceptionT handleUserLevelFault(long w_a, long w_b) { throw new UnsupportedOperationException("PENDING"); }
    public ExceptionT handleVMFaultEvent(Event.VMFaultType vm_faultType, long address, long fsr) { throw new UnsupportedOperationException("PENDING"); }
    public ExceptionT handleInterruptEntry() { throw new UnsupportedOperationException("PENDING"); }
    public ExceptionT handleVCPUFault(long hsr) { throw new UnsupportedOperationException("PENDING"); }
    public ExceptionT handleInvocation(boolean isCall, boolean isBlocking, boolean canDonate, boolean firstPhase, long cptr) { throw new UnsupportedOperationException("PENDING"); }
    public void handleRecv(boolean isBlocking, boolean canReply) { throw new UnsupportedOperationException("PENDING"); }
    public void handleYield() { throw new UnsupportedOperationException("PENDING"); }
}
