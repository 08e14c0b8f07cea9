package sel4.object.untyped;

import sel4.api.ExceptionT;
import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.object.cap.Cap;
import sel4.object.cnode.Cte;
import sel4.object.frame.IpcBuffer;

/** Models seL4's src/object/untyped.c (Haskell Object/Untyped): Retype with watermark and preemptible reset. */
public final class Untypeds extends KernelModule {
    public Untypeds(Kernel k) {
        super(k);
    }

    public ExceptionT decodeUntypedInvocation(long invLabel, int length, Cte slot, Cap cap, boolean call, IpcBuffer buffer) { throw new UnsupportedOperationException("PENDING"); }
    public ExceptionT resetUntypedCap(Cte srcSlot) { throw new UnsupportedOperationException("PENDING"); }
}
