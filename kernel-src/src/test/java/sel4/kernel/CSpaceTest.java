// contract: capability lookups resolve guards, radix and depth like seL4's cspace.c and report every lookup-failure kind (and CNode-op range / source errors) instead of throwing.
package sel4.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import sel4.api.ExceptionT;
import sel4.api.LookupFault;
import sel4.api.SyscallError;
import sel4.object.cap.CNodeCap;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.NullCap;
import sel4.object.cnode.CNode;
import sel4.object.cnode.Cte;
import sel4.object.endpoint.Endpoint;
import sel4.object.tcb.Tcb;

class CSpaceTest {
    private final CSpaceTestSupport t = new CSpaceTestSupport();
    private final CSpace cs = t.k.cspace;
    private final Endpoint ep = new Endpoint(0x50_0000L);

    private CNode childCNode(int slotIndex, int radix, long guard, int guardSize) {
        CNode child = new CNode(0x60_0000L, radix);
        t.ks.ksPSpace.insert(child);
        t.placeRoot(slotIndex, new CNodeCap(child, radix, guard, guardSize));
        return child;
    }

    @Test
    void fullWordPointerResolvesThroughTheRootGuard() {
        Cte s = t.placeRoot(42, new EndpointCap(ep, 7, true, false, false, false));

        CSpace.LookupCapAndSlotRet r = cs.lookupCapAndSlot(t.ct, 42);

        assertThat(r.status()).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(r.slot()).isSameAs(s);
        assertThat(r.cap()).isEqualTo(new EndpointCap(ep, 7, true, false, false, false));
        assertThat(cs.lookupCap(t.ct, 42).cap()).isSameAs(s.cap);
        assertThat(cs.lookupSlot(t.ct, 42).slot()).isSameAs(s);
    }

    @Test
    void guardBitsThatDoNotMatchGiveAGuardMismatch() {
        long cptr = (1L << 40) | 42;

        CSpace.LookupCapRet r = cs.lookupCap(t.ct, cptr);

        assertThat(r.status()).isEqualTo(ExceptionT.EXCEPTION_LOOKUP_FAULT);
        assertThat(r.cap()).isInstanceOf(NullCap.class);
        assertThat(t.ks.current_lookup_fault)
                .isEqualTo(new LookupFault.GuardMismatch(64, 0, CSpaceTestSupport.ROOT_GUARD_SIZE));
    }

    @Test
    void aThreadWithoutACSpaceRootHasAnInvalidRoot() {
        Tcb orphan = new Tcb(0x70_0000L, 0);

        CSpace.LookupCapAndSlotRet r = cs.lookupCapAndSlot(orphan, 1);

        assertThat(r.status()).isEqualTo(ExceptionT.EXCEPTION_LOOKUP_FAULT);
        assertThat(r.slot()).isNull();
        assertThat(t.ks.current_lookup_fault).isInstanceOf(LookupFault.InvalidRoot.class);
    }

    @Test
    void resolutionDescendsIntoNestedCNodesAndStopsAtTheRequestedDepth() {
        CNode child = childCNode(5, 4, 0b101, 3);
        CNodeCap shortRoot = new CNodeCap(t.root, 8, 0, 0);
        // 8 bits select root slot 5, then 3 guard bits 101 and 4 radix bits select child slot 9.
        long cptr = (5L << 7) | (0b101L << 4) | 9;

        CSpace.ResolveAddressBitsRet r = cs.resolveAddressBits(shortRoot, cptr, 15);

        assertThat(r.status()).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(r.slot()).isSameAs(child.slots[9]);
        assertThat(r.bitsRemaining()).isZero();
    }

    @Test
    void resolutionStopsEarlyAtANonCNodeSlotAndReportsTheBitsLeft() {
        Cte s = t.placeRoot(7, new EndpointCap(ep, 0, true, true, true, true));
        CNodeCap shortRoot = new CNodeCap(t.root, 8, 0, 0);

        CSpace.ResolveAddressBitsRet r = cs.resolveAddressBits(shortRoot, 7L << 56, 64);

        assertThat(r.status()).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(r.slot()).isSameAs(s);
        assertThat(r.bitsRemaining()).isEqualTo(56);
    }

    @Test
    void aLevelWiderThanTheRemainingBitsIsADepthMismatch() {
        CNodeCap shortRoot = new CNodeCap(t.root, 8, 0, 0);

        CSpace.ResolveAddressBitsRet r = cs.resolveAddressBits(shortRoot, 3, 4);

        assertThat(r.status()).isEqualTo(ExceptionT.EXCEPTION_LOOKUP_FAULT);
        assertThat(t.ks.current_lookup_fault).isEqualTo(new LookupFault.DepthMismatch(8, 4));
        assertThat(t.ks.current_lookup_fault.words()).containsExactly(4, 8);
    }

    @Test
    void aGuardLongerThanTheRemainingBitsIsAGuardMismatch() {
        CNodeCap guarded = new CNodeCap(t.root, 8, 0, 10);

        cs.resolveAddressBits(guarded, 0, 5);

        assertThat(t.ks.current_lookup_fault).isEqualTo(new LookupFault.GuardMismatch(5, 0, 10));
    }

    @Test
    void cnodeOpLookupMustConsumeTheDepthExactly() {
        t.placeRoot(7, new EndpointCap(ep, 0, true, true, true, true));
        CNodeCap shortRoot = new CNodeCap(t.root, 8, 0, 0);

        CSpace.LookupSlotRet r = cs.lookupSourceSlot(shortRoot, 7L << 4, 12);

        assertThat(r.status()).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
        assertThat(r.slot()).isNull();
        assertThat(t.ks.current_lookup_fault).isEqualTo(new LookupFault.DepthMismatch(0, 4));
        assertThat(t.ks.current_syscall_error.type()).isEqualTo(SyscallError.seL4_FailedLookup);
        assertThat(t.ks.current_syscall_error.failedLookupWasSource()).isTrue();
    }

    @Test
    void cnodeOpLookupResolvesSlotsAtAnExactDepth() {
        CNode child = childCNode(5, 4, 0, 0);
        CNodeCap shortRoot = new CNodeCap(t.root, 8, 0, 0);

        assertThat(cs.lookupTargetSlot(shortRoot, 5, 8).slot()).isSameAs(t.slot(5));
        assertThat(cs.lookupTargetSlot(shortRoot, (5 << 4) | 2, 12).slot()).isSameAs(child.slots[2]);
        assertThat(cs.lookupPivotSlot(t.rootCap, 33, 64).slot()).isSameAs(t.slot(33));
    }

    @Test
    void cnodeOpLookupRejectsDepthsOutsideOneToWordBits() {
        for (int depth : new int[] {0, 65, Integer.MAX_VALUE}) {
            CSpace.LookupSlotRet r = cs.lookupTargetSlot(t.rootCap, 1, depth);

            assertThat(r.status()).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.rangeError(1, 64));
        }
    }

    @Test
    void cnodeOpLookupWithANonCNodeRootIsAFailedLookupWithInvalidRoot() {
        EndpointCap notACNode = new EndpointCap(ep, 0, true, true, true, true);

        CSpace.LookupSlotRet target = cs.lookupTargetSlot(notACNode, 1, 8);

        assertThat(target.status()).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
        assertThat(t.ks.current_syscall_error.type()).isEqualTo(SyscallError.seL4_FailedLookup);
        assertThat(t.ks.current_syscall_error.failedLookupWasSource()).isFalse();
        assertThat(t.ks.current_lookup_fault).isInstanceOf(LookupFault.InvalidRoot.class);
        assertThat(t.ks.current_syscall_error.lookupFault()).isInstanceOf(LookupFault.InvalidRoot.class);
    }

    @Test
    void cnodeOpLookupPassesOnTheFaultOfAFailedWalk() {
        CSpace.LookupSlotRet r = cs.lookupPivotSlot(t.rootCap, 1L << 63, 64);

        assertThat(r.status()).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
        assertThat(t.ks.current_syscall_error.failedLookupWasSource()).isTrue();
        assertThat(t.ks.current_syscall_error.lookupFault())
                .isEqualTo(new LookupFault.GuardMismatch(64, 0, CSpaceTestSupport.ROOT_GUARD_SIZE));
    }
}
