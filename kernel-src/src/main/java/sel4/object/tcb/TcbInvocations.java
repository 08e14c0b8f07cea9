package sel4.object.tcb;

import sel4.api.ExceptionT;
import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.object.cap.Cap;
import sel4.object.cnode.Cte;
import sel4.object.frame.IpcBuffer;

/**
 * Models the TCB invocations of seL4's src/object/tcb.c (Haskell Object/TCB decodeTCBInvocation,
 * invokeTCB): decoders and invoke functions for every TCB label.
 */
public final class TcbInvocations extends KernelModule {
    public TcbInvocations(Kernel k) {
        super(k);
    }

    public ExceptionT decodeTCBInvocation(long invLabel, int length, Cap cap, Cte slot, boolean call, IpcBuffer buffer) { throw new UnsupportedOperationException("PENDING"); }
}
