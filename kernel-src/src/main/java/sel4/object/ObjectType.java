package sel4.object;

import sel4.api.ExceptionT;
import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.object.cap.Cap;
import sel4.object.cap.CapRights;
import sel4.object.cnode.Cte;
import sel4.object.frame.IpcBuffer;

/**
 * Models seL4's src/object/objecttype.c (Haskell Object/ObjectType): capability derivation,
 * finalisation, comparison, object creation and the invocation dispatcher decodeInvocation.
 */
public final class ObjectType extends KernelModule {
    public ObjectType(Kernel k) {
        super(k);
    }

    /** deriveCap_ret_t. */
    public record DeriveCapRet(ExceptionT status, Cap cap) {
    }

    /** finaliseCap_ret_t. */
    public record FinaliseCapRet(Cap remainder, Cap cleanupInfo) {
    }

    public DeriveCapRet deriveCap(Cte slot, Cap cap) { throw new UnsupportedOperationException("PENDING"); }
    public FinaliseCapRet finaliseCap(Cap cap, boolean isFinal, boolean exposed) { throw new UnsupportedOperationException("PENDING"); }
    public boolean hasCancelSendRights(Cap cap) { throw new UnsupportedOperationException("PENDING"); }
    public boolean sameRegionAs(Cap cap_a, Cap cap_b) { throw new UnsupportedOperationException("PENDING"); }
    public boolean sameObjectAs(Cap cap_a, Cap cap_b) { throw new UnsupportedOperationException("PENDING"); }
    public Cap updateCapData(boolean preserve, long newData, Cap cap) { throw new UnsupportedOperationException("PENDING"); }
    public Cap maskCapRights(CapRights cap_rights, Cap cap) { throw new UnsupportedOperationException("PENDING"); }
    public boolean isCapRevocable(Cap derivedCap, Cap srcCap) { throw new UnsupportedOperationException("PENDING"); }
    public void postCapDeletion(Cap cap) { throw new UnsupportedOperationException("PENDING"); }
    public ExceptionT decodeInvocation(long invLabel, int length, long capIndex, Cte slot, Cap cap, boolean block,
                                      boolean call, boolean canDonate, boolean firstPhase, IpcBuffer buffer) { throw new UnsupportedOperationException("PENDING"); }
}
