package sel4.arch.common;

import sel4.object.cap.ArchCap;

/** ASID pool capability (cap_asid_pool_cap): the pool and the first ASID it serves. */
public record ASIDPoolCap(AsidPool pool, long asidBase) implements ArchCap {
    @Override
    public boolean isPhysical() {
        return true;
    }
}
