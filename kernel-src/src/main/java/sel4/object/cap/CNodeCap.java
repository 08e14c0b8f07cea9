package sel4.object.cap;

import sel4.object.cnode.CNode;

/** CNode capability (cap_cnode_cap) with guard and radix used by address resolution. */
public record CNodeCap(CNode cnode, int radix, long guard, int guardSize) implements Cap {
    @Override
    public CapTag capType() {
        return CapTag.cap_cnode_cap;
    }

    @Override
    public boolean isPhysical() {
        return true;
    }
}
