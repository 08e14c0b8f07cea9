package sel4.object.cnode;

import sel4.model.Config;
import sel4.object.KernelObject;

/**
 * Models a seL4 CNode (capability table, seL4_CapTableObject): 2^radixBits capability slots.
 */
public final class CNode extends KernelObject {
    public final Cte[] slots;
    private final int radixBits;

    public CNode(long ptr, int radixBits) {
        super(ptr, radixBits + Config.seL4_SlotBits);
        this.radixBits = radixBits;
        this.slots = new Cte[1 << radixBits];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = new Cte(this, i);
        }
    }

    public int radixBits() {
        return radixBits;
    }

    @Override
    public String typeName() {
        return "CNode";
    }
}
