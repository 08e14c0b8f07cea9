package sel4.kernel;

import sel4.object.cap.Cap;
import sel4.object.tcb.Tcb;

/** Models seL4's src/kernel/faulthandler.c (Haskell Kernel/FaultHandler): fault delivery. */
public final class FaultHandler extends KernelModule {
    public FaultHandler(Kernel k) {
        super(k);
    }

    public void handleFault(Tcb tptr) { throw new UnsupportedOperationException("PENDING"); }
    public boolean sendFaultIPC(Tcb tptr, Cap handlerCap, boolean can_donate) { throw new UnsupportedOperationException("PENDING"); }
    public void handleNoFaultHandler(Tcb tptr) { throw new UnsupportedOperationException("PENDING"); }
    public void handleTimeout(Tcb tptr) { throw new UnsupportedOperationException("PENDING"); }
    public boolean validTimeoutHandler(Tcb tptr) { throw new UnsupportedOperationException("PENDING"); }
}
