package sel4.api;

import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;

/**
 * Models seL4's src/api/faults.c and the syscall-error encoder of src/object/tcb.c (Haskell
 * API/Faults): fault and error messages, and fault-reply handling.
 */
public final class Faults extends KernelModule {
    public Faults(Kernel k) {
        super(k);
    }

    public int setMRs_fault(Tcb sender, Tcb receiver, IpcBuffer receiveIPCBuffer) { throw new UnsupportedOperationException("PENDING"); }
    public int setMRs_lookup_failure(Tcb receiver, IpcBuffer receiveIPCBuffer, LookupFault luf, int offset) { throw new UnsupportedOperationException("PENDING"); }
    public int setMRs_syscall_error(Tcb thread, IpcBuffer receiveIPCBuffer) { throw new UnsupportedOperationException("PENDING"); }
    public boolean handleFaultReply(Tcb receiver, Tcb sender) { throw new UnsupportedOperationException("PENDING"); }
}
