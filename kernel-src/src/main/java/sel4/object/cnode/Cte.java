package sel4.object.cnode;

import sel4.object.KernelObject;
import sel4.object.cap.Cap;
import sel4.object.cap.NullCap;

/**
 * Models seL4's {@code cte_t} (include/object/structures.h; Haskell CTE): a capability slot and
 * its mapping-database node.
 *
 * <p>The MDB is the doubly linked derivation list of seL4 ({@code mdb_node_t}); the derivation
 * tree is implied by list order plus {@code isMDBParentOf}. Slots are identified by reference; the
 * container and index are kept only for diagnostics and for code that must find a slot's owner
 * (TCB slots, IRQ node slots).
 */
public final class Cte {
    public Cap cap = NullCap.INSTANCE;
    public Cte mdbPrev;
    public Cte mdbNext;
    public boolean mdbRevocable;
    public boolean mdbFirstBadged;

    private final KernelObject container;
    private final int index;

    public Cte(KernelObject container, int index) {
        this.container = container;
        this.index = index;
    }

    /** The CNode or TCB holding this slot, or null for slots outside objects (IRQ node). */
    public KernelObject container() {
        return container;
    }

    public int index() {
        return index;
    }

    @Override
    public String toString() {
        return (container == null ? "slot" : container.toString()) + "[" + index + "]";
    }
}
