package sel4.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static sel4.api.InvocationLabel.ARMASIDControlMakePool;
import static sel4.api.InvocationLabel.ARMASIDPoolAssign;
import static sel4.api.InvocationLabel.ARMPageMap;
import static sel4.api.InvocationLabel.ARMPageTableMap;
import static sel4.api.InvocationLabel.CNodeDelete;
import static sel4.labels.Rig.CNODE;
import static sel4.labels.Rig.DEPTH;
import static sel4.labels.Rig.NO_CAPS;
import static sel4.labels.Rig.caps;

import sel4.arch.aarch64.ArmObjectTypes;
import sel4.arch.aarch64.PageTableCap;
import sel4.model.BootInfoSlots;
import sel4.user.ArchStubs;

/**
 * AArch64 address spaces built by the root task through real invocations: VSpace roots with and
 * without an ASID, page tables mapped for an address, and the two broken states the VSpace
 * decoders check for — a VSpace whose ASID pool was deleted ("orphan") and a VSpace whose ASID
 * was handed to another VSpace after that ("stale").
 */
final class ArmSpaces {
    static final long ASID_CONTROL = BootInfoSlots.seL4_CapASIDControl;
    static final long INIT_POOL = BootInfoSlots.seL4_CapInitThreadASIDPool;
    /** A user address with nothing mapped in a fresh VSpace: 1 GiB + 2 MiB. */
    static final long VADDR = 0x4020_0000L;

    private ArmSpaces() {
    }

    static long unassignedVSpace(Rig r) {
        return r.retype(ArmObjectTypes.seL4_ARM_VSpaceObject, 0);
    }

    /** A VSpace root with an ASID from the root task's pool. */
    static long vspace(Rig r) {
        return vspace(r, INIT_POOL);
    }

    static long vspace(Rig r, long pool) {
        long vs = unassignedVSpace(r);
        r.setUp(pool, ARMASIDPoolAssign, caps(vs));
        assertThat(((PageTableCap) r.cap(vs)).isMapped()).isTrue();
        return vs;
    }

    static long pageTable(Rig r) {
        return r.retype(ArmObjectTypes.seL4_ARM_PageTableObject, 0);
    }

    /** Maps the two page tables that {@code vaddr} needs in {@code vs}; returns the last-level one. */
    static long mapTables(Rig r, long vs, long vaddr) {
        r.setUp(pageTable(r), ARMPageTableMap, caps(vs), vaddr, 0);
        long pt = pageTable(r);
        r.setUp(pt, ARMPageTableMap, caps(vs), vaddr, 0);
        return pt;
    }

    /** A 4 KiB frame mapped read-write at {@link #VADDR} in a fresh VSpace. */
    static long mappedFrame(Rig r, long vs) {
        mapTables(r, vs, VADDR);
        long frame = r.root.newFrame();
        r.setUp(frame, ARMPageMap, caps(vs), VADDR, ArchStubs.seL4_ReadWrite, ArchStubs.seL4_ARM_Default_VMAttributes);
        return frame;
    }

    /** A new ASID pool made from a fresh 4 KiB untyped; returns the pool cap and its untyped. */
    record Pool(long cap, long untyped) {
    }

    static Pool pool(Rig r) {
        long ut = r.untyped(ArmObjectTypes.seL4_ASIDPoolBits);
        long cap = r.free();
        r.setUp(ASID_CONTROL, ARMASIDControlMakePool, caps(ut, CNODE), cap, DEPTH);
        return new Pool(cap, ut);
    }

    /** A VSpace that got its ASID from a pool that was deleted since: its ASID names nothing. */
    static long orphanVSpace(Rig r) {
        Pool p = pool(r);
        long vs = vspace(r, p.cap());
        r.setUp(CNODE, CNodeDelete, NO_CAPS, p.cap(), DEPTH);
        return vs;
    }

    /**
     * A VSpace whose ASID now belongs to another VSpace: its pool was deleted and a new pool, made
     * at the same place in the ASID table, gave the same ASID to a second VSpace.
     */
    static long staleVSpace(Rig r) {
        Pool p = pool(r);
        long first = vspace(r, p.cap());
        long asid = ((PageTableCap) r.cap(first)).mappedASID();
        r.setUp(CNODE, CNodeDelete, NO_CAPS, p.cap(), DEPTH);
        long again = r.free();
        r.setUp(ASID_CONTROL, ARMASIDControlMakePool, caps(p.untyped(), CNODE), again, DEPTH);
        long second = vspace(r, again);
        assertThat(((PageTableCap) r.cap(second)).mappedASID()).as("the ASID was reused").isEqualTo(asid);
        return first;
    }
}
