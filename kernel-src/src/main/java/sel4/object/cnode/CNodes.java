package sel4.object.cnode;

import sel4.api.ExceptionT;
import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.object.cap.Cap;
import sel4.object.frame.IpcBuffer;

/**
 * Models seL4's src/object/cnode.c (Haskell Object/CNode): the mapping database, capability
 * insert / move / swap, preemptible delete and revoke with Zombies, and the CNode invocations.
 */
public final class CNodes extends KernelModule {
    public CNodes(Kernel k) {
        super(k);
    }

    /** finaliseSlot_ret_t. */
    public record FinaliseSlotRet(ExceptionT status, boolean success, Cap cleanupInfo) {
    }

    public ExceptionT decodeCNodeInvocation(long invLabel, int length, Cap cap, IpcBuffer buffer) { throw new UnsupportedOperationException("PENDING"); }
    public void cteInsert(Cap newCap, Cte srcSlot, Cte destSlot) { throw new UnsupportedOperationException("PENDING"); }
    public void cteMove(Cap newCap, Cte srcSlot, Cte destSlot) { throw new UnsupportedOperationException("PENDING"); }
    public void cteSwap(Cap cap1, Cte slot1, Cap cap2, Cte slot2) { throw new UnsupportedOperationException("PENDING"); }
    public ExceptionT cteRevoke(Cte slot) { throw new UnsupportedOperationException("PENDING"); }
    public ExceptionT cteDelete(Cte slot, boolean exposed) { throw new UnsupportedOperationException("PENDING"); }
    public void cteDeleteOne(Cte slot) { throw new UnsupportedOperationException("PENDING"); }
    public void insertNewCap(Cte parent, Cte slot, Cap cap) { throw new UnsupportedOperationException("PENDING"); }
    public boolean isMDBParentOf(Cte cte_a, Cte cte_b) { throw new UnsupportedOperationException("PENDING"); }
    public ExceptionT ensureNoChildren(Cte slot) { throw new UnsupportedOperationException("PENDING"); }
    public ExceptionT ensureEmptySlot(Cte slot) { throw new UnsupportedOperationException("PENDING"); }
    public boolean isFinalCapability(Cte cte) { throw new UnsupportedOperationException("PENDING"); }
    public boolean slotCapLongRunningDelete(Cte slot) { throw new UnsupportedOperationException("PENDING"); }
    public FinaliseSlotRet finaliseSlot(Cte slot, boolean immediate) { throw new UnsupportedOperationException("PENDING"); }
    public void emptySlot(Cte slot, Cap cleanupInfo) { throw new UnsupportedOperationException("PENDING"); }
}
