package sel4.kernel;

import sel4.api.ExceptionT;
import sel4.object.cap.Cap;
import sel4.object.cnode.Cte;
import sel4.object.tcb.Tcb;

/**
 * Models seL4's src/kernel/cspace.c (Haskell Kernel/CSpace): capability address resolution with
 * guards, radix and depth. Failures set {@code ks.current_lookup_fault}.
 */
public final class CSpace extends KernelModule {
    public CSpace(Kernel k) {
        super(k);
    }

    /** lookupCap_ret_t. */
    public record LookupCapRet(ExceptionT status, Cap cap) {
    }

    /** lookupCapAndSlot_ret_t. */
    public record LookupCapAndSlotRet(ExceptionT status, Cap cap, Cte slot) {
    }

    /** lookupSlot_raw_ret_t / lookupSlot_ret_t. */
    public record LookupSlotRet(ExceptionT status, Cte slot) {
    }

    /** resolveAddressBits_ret_t. */
    public record ResolveAddressBitsRet(ExceptionT status, Cte slot, int bitsRemaining) {
    }

    public LookupCapRet lookupCap(Tcb thread, long cPtr) { throw new UnsupportedOperationException("PENDING"); }
    public LookupCapAndSlotRet lookupCapAndSlot(Tcb thread, long cPtr) { throw new UnsupportedOperationException("PENDING"); }
    public LookupSlotRet lookupSlot(Tcb thread, long capptr) { throw new UnsupportedOperationException("PENDING"); }
    public LookupSlotRet lookupSlotForCNodeOp(boolean isSource, Cap root, long capptr, int depth) { throw new UnsupportedOperationException("PENDING"); }
    public LookupSlotRet lookupSourceSlot(Cap root, long capptr, int depth) { throw new UnsupportedOperationException("PENDING"); }
    public LookupSlotRet lookupTargetSlot(Cap root, long capptr, int depth) { throw new UnsupportedOperationException("PENDING"); }
    public LookupSlotRet lookupPivotSlot(Cap root, long capptr, int depth) { throw new UnsupportedOperationException("PENDING"); }
    public ResolveAddressBitsRet resolveAddressBits(Cap nodeCap, long capptr, int n_bits) { throw new UnsupportedOperationException("PENDING"); }
}
