// contract: the MDB operations, preemptible delete / revoke with Zombies and the CNode invocations keep the derivation list consistent and answer every bad argument with seL4's error.
package sel4.object.cnode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.LookupFault;
import sel4.api.ObjectTypes;
import sel4.api.SyscallError;
import sel4.kernel.CSpaceTestSupport;
import sel4.object.cap.CNodeCap;
import sel4.object.cap.Cap;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.NullCap;
import sel4.object.cap.ReplyCap;
import sel4.object.cap.ThreadCap;
import sel4.object.cap.UntypedCap;
import sel4.object.cap.ZombieCap;
import sel4.object.endpoint.Endpoint;
import sel4.object.tcb.ThreadState;

class CNodesTest {
    private final CSpaceTestSupport t = new CSpaceTestSupport();
    private final CNodes cn = t.k.cnodes;

    /** Root slots in MDB order starting from {@code first}. */
    private static List<Cte> chain(Cte first) {
        List<Cte> out = new ArrayList<>();
        for (Cte c = first; c != null; c = c.mdbNext) {
            out.add(c);
            if (out.size() > 10_000) {
                throw new AssertionError("MDB list does not end: " + out.subList(0, 8));
            }
        }
        return out;
    }

    private List<Cte> allRootSlots() {
        return List.of(t.root.slots);
    }

    private Cte endpoint(int slot) {
        return t.make(ObjectTypes.seL4_EndpointObject, 0, slot);
    }

    private static EndpointCap withBadge(Cap cap, long badge) {
        EndpointCap e = (EndpointCap) cap;
        return new EndpointCap(e.ep(), badge, e.canSend(), e.canReceive(), e.canGrant(), e.canGrantReply());
    }

    @Nested
    class MappingDatabase {
        @Test
        void insertPutsTheCopyDirectlyAfterItsSource() {
            Cte orig = endpoint(20);
            Cte other = t.make(ObjectTypes.seL4_EndpointObject, 0, 21);

            cn.cteInsert(orig.cap, orig, t.slot(30));

            assertThat(orig.mdbNext).isSameAs(t.slot(30));
            assertThat(t.slot(30).mdbPrev).isSameAs(orig);
            assertThat(t.slot(30).cap).isEqualTo(orig.cap);
            assertThat(t.slot(30).mdbRevocable).isFalse();
            assertThat(t.slot(30).mdbFirstBadged).isFalse();
            assertThat(cn.isMDBParentOf(orig, t.slot(30))).isTrue();
            assertThat(other.cap).isNotEqualTo(orig.cap);
            assertThat(CSpaceTestSupport.mdbLinkProblem(allRootSlots())).isNull();
        }

        @Test
        void aNewlyBadgedCapStartsARevocableBadgeClass() {
            Cte orig = endpoint(20);
            cn.cteInsert(withBadge(orig.cap, 5), orig, t.slot(30));
            cn.cteInsert(t.slot(30).cap, t.slot(30), t.slot(31));
            cn.cteInsert(withBadge(orig.cap, 6), orig, t.slot(32));

            assertThat(t.slot(30).mdbRevocable).isTrue();
            assertThat(t.slot(30).mdbFirstBadged).isTrue();
            assertThat(t.slot(31).mdbFirstBadged).isFalse();
            // The badge-5 cap is the parent of its copy but not of the badge-6 class.
            assertThat(cn.isMDBParentOf(t.slot(30), t.slot(31))).isTrue();
            assertThat(cn.isMDBParentOf(t.slot(30), t.slot(32))).isFalse();
            // The unbadged original is the parent of every badged cap.
            assertThat(cn.isMDBParentOf(orig, t.slot(32))).isTrue();
            assertThat(chain(orig)).containsExactly(orig, t.slot(32), t.slot(30), t.slot(31));
        }

        @Test
        void aBadgedCapIsNotTheParentOfAnotherBadgeClassWithTheSameBadge() {
            Cte orig = endpoint(20);
            cn.cteInsert(withBadge(orig.cap, 5), orig, t.slot(30));
            cn.cteInsert(withBadge(orig.cap, 5), orig, t.slot(31));

            assertThat(chain(orig)).containsExactly(orig, t.slot(31), t.slot(30));
            assertThat(cn.isMDBParentOf(t.slot(31), t.slot(30))).isFalse();
        }

        @Test
        void copyingAWholeUntypedExhaustsTheOriginal() {
            cn.cteInsert(t.untypedSlot.cap, t.untypedSlot, t.slot(30));

            assertThat(((UntypedCap) t.untypedSlot.cap).freeIndex()).isEqualTo(1L << CSpaceTestSupport.UNTYPED_BITS);
            assertThat(((UntypedCap) t.slot(30).cap).freeIndex()).isZero();
            assertThat(t.slot(30).mdbRevocable).isTrue();
        }

        @Test
        void moveTransfersTheCapAndItsPositionInTheList() {
            Cte orig = endpoint(20);
            cn.cteInsert(orig.cap, orig, t.slot(30));
            cn.cteInsert(orig.cap, t.slot(30), t.slot(31));
            Cap moved = t.slot(30).cap;

            cn.cteMove(moved, t.slot(30), t.slot(40));

            assertThat(t.slot(30).cap).isInstanceOf(NullCap.class);
            assertThat(t.slot(30).mdbNext).isNull();
            assertThat(t.slot(30).mdbPrev).isNull();
            assertThat(t.slot(40).cap).isSameAs(moved);
            assertThat(chain(orig)).containsExactly(orig, t.slot(40), t.slot(31));
            assertThat(CSpaceTestSupport.mdbLinkProblem(allRootSlots())).isNull();
        }

        @Test
        void swappingAdjacentSlotsExchangesTheirPlaces() {
            Cte a = endpoint(20);
            cn.cteInsert(a.cap, a, t.slot(30));
            cn.cteInsert(a.cap, t.slot(30), t.slot(31));
            Cap capA = a.cap;
            Cap capB = withBadge(t.slot(30).cap, 0);
            t.slot(30).mdbRevocable = true;

            cn.cteSwap(capA, a, capB, t.slot(30));

            assertThat(a.cap).isSameAs(capB);
            assertThat(t.slot(30).cap).isSameAs(capA);
            // Each MDB node travelled with its cap: slot 30 now holds the list head.
            assertThat(chain(t.slot(30))).containsExactly(t.slot(30), a, t.slot(31));
            assertThat(a.mdbRevocable).isTrue();
            assertThat(t.slot(30).mdbFirstBadged).isTrue();
            assertThat(CSpaceTestSupport.mdbLinkProblem(allRootSlots())).isNull();
        }

        @Test
        void swappingDistantSlotsExchangesTheirPlaces() {
            Cte a = endpoint(20);
            Cte b = endpoint(21);
            cn.cteInsert(a.cap, a, t.slot(30));
            cn.cteInsert(b.cap, b, t.slot(31));
            List<Cte> before = CSpaceTestSupport.mdbListFrom(a);

            cn.cteSwap(a.cap, a, b.cap, b);

            List<Cte> after = CSpaceTestSupport.mdbListFrom(a);
            List<Cte> expected = new ArrayList<>(before);
            expected.replaceAll(c -> c == a ? b : c == b ? a : c);
            assertThat(after).containsExactlyElementsOf(expected);
            assertThat(CSpaceTestSupport.mdbLinkProblem(allRootSlots())).isNull();
        }

        @Test
        void finalityLooksAtBothNeighbours() {
            Cte a = endpoint(20);
            assertThat(cn.isFinalCapability(a)).isTrue();
            cn.cteInsert(a.cap, a, t.slot(30));
            assertThat(cn.isFinalCapability(a)).isFalse();
            assertThat(cn.isFinalCapability(t.slot(30))).isFalse();
            assertThat(cn.isFinalCapability(t.untypedSlot)).isTrue();
        }

        @Test
        void slotChecksReportDeleteFirstAndRevokeFirst() {
            Cte a = endpoint(20);

            assertThat(cn.ensureEmptySlot(a)).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.deleteFirst());
            assertThat(cn.ensureEmptySlot(t.slot(99))).isEqualTo(ExceptionT.EXCEPTION_NONE);
            assertThat(cn.ensureNoChildren(t.untypedSlot)).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.revokeFirst());
            assertThat(cn.ensureNoChildren(a)).isEqualTo(ExceptionT.EXCEPTION_NONE);
        }

        @Test
        void emptyingTheFirstOfABadgeClassPassesTheMarkOn() {
            Cte orig = endpoint(20);
            cn.cteInsert(withBadge(orig.cap, 5), orig, t.slot(30));
            cn.cteInsert(t.slot(30).cap, t.slot(30), t.slot(31));
            // A second, independent badge-5 class minted later sits in front of the first.
            cn.cteInsert(withBadge(orig.cap, 5), orig, t.slot(32));
            assertThat(chain(orig)).containsExactly(orig, t.slot(32), t.slot(30), t.slot(31));

            cn.emptySlot(t.slot(30), NullCap.INSTANCE);

            // Slot 31 now follows the other class's head but must not become its child: revoking
            // slot 32 would otherwise delete a cap of another class.
            assertThat(chain(orig)).containsExactly(orig, t.slot(32), t.slot(31));
            assertThat(t.slot(31).mdbFirstBadged).isTrue();
            assertThat(cn.isMDBParentOf(t.slot(32), t.slot(31))).isFalse();
            assertThat(cn.isMDBParentOf(orig, t.slot(31))).isTrue();
        }

        @Test
        void longRunningDeletesAreTheFinalCNodeThreadAndZombieCaps() {
            Cte cnode = t.make(ObjectTypes.seL4_CapTableObject, 2, 20);
            Cte ep = endpoint(21);
            t.placeRoot(22, new ThreadCap(t.ct));
            t.placeRoot(23, new ZombieCap(t.root, 8, 1));

            assertThat(cn.slotCapLongRunningDelete(cnode)).isTrue();
            assertThat(cn.slotCapLongRunningDelete(ep)).isFalse();
            assertThat(cn.slotCapLongRunningDelete(t.slot(22))).isTrue();
            assertThat(cn.slotCapLongRunningDelete(t.slot(23))).isTrue();
            assertThat(cn.slotCapLongRunningDelete(t.slot(99))).isFalse();
            cn.cteInsert(cnode.cap, cnode, t.slot(24));
            assertThat(cn.slotCapLongRunningDelete(cnode)).isFalse();
        }
    }

    @Nested
    class Rotate {
        @Test
        void rotateMovesPivotToDestAndSourceToPivot() {
            Cte src = endpoint(20);
            Cte pivot = t.make(ObjectTypes.seL4_NotificationObject, 0, 21);
            Cap srcCap = src.cap;
            Cap pivotCap = pivot.cap;

            cn.invokeCNodeRotate(srcCap, pivotCap, src, pivot, t.slot(22));

            assertThat(t.slot(22).cap).isSameAs(pivotCap);
            assertThat(pivot.cap).isSameAs(srcCap);
            assertThat(src.cap).isInstanceOf(NullCap.class);
            assertThat(CSpaceTestSupport.mdbLinkProblem(allRootSlots())).isNull();
        }

        @Test
        void rotateOntoTheSourceSwaps() {
            Cte src = endpoint(20);
            Cte pivot = t.make(ObjectTypes.seL4_NotificationObject, 0, 21);
            Cap srcCap = src.cap;
            Cap pivotCap = pivot.cap;

            cn.invokeCNodeRotate(srcCap, pivotCap, src, pivot, src);

            assertThat(src.cap).isSameAs(pivotCap);
            assertThat(pivot.cap).isSameAs(srcCap);
            assertThat(CSpaceTestSupport.mdbLinkProblem(allRootSlots())).isNull();
        }
    }

    @Nested
    class DecodeErrors {
        @Test
        void labelsOutsideTheCNodeRangeAreIllegal() {
            for (InvocationLabel l : new InvocationLabel[] {InvocationLabel.TCBSetFlags, InvocationLabel.IRQIssueIRQHandler,
                    InvocationLabel.InvalidInvocation}) {
                t.ks.current_syscall_error = null;
                assertThat(t.cnodeInvoke(l, 20, 64)).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
                assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.illegalOperation());
            }
            assertThat(t.k.cnodes.decodeCNodeInvocation(-1L, 2, t.rootCap, t.buffer))
                    .isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.illegalOperation());
        }

        @Test
        void fewerThanTwoArgumentsAreTruncated() {
            assertThat(t.cnodeInvoke(InvocationLabel.CNodeDelete, 20)).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.truncatedMessage());
        }

        @Test
        void aBadTargetDepthIsARangeErrorEvenWhenItDoesNotFitAnInt() {
            for (long depth : new long[] {0, 65, 1L << 32 | 8, -1}) {
                t.ks.current_syscall_error = null;
                assertThat(t.cnodeInvoke(InvocationLabel.CNodeDelete, 20, depth))
                        .isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
                assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.rangeError(1, 64));
            }
        }

        @Test
        void anUnresolvableTargetIsAFailedLookupOfTheDestination() {
            assertThat(t.cnodeInvoke(InvocationLabel.CNodeRevoke, 20, 8)).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error.type()).isEqualTo(SyscallError.seL4_FailedLookup);
            assertThat(t.ks.current_syscall_error.failedLookupWasSource()).isFalse();
            assertThat(t.ks.current_lookup_fault).isEqualTo(new LookupFault.GuardMismatch(8, 0, 56));
        }

        @Test
        void copyNeedsFiveArgumentsAndASourceRoot() {
            endpoint(20);
            t.setExtraCaps();
            assertThat(t.cnodeInvoke(InvocationLabel.CNodeCopy, 30, 64, 20, 64, 15))
                    .isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.truncatedMessage());

            t.setExtraCaps(t.slot(CSpaceTestSupport.ROOT_CNODE_SLOT));
            t.ks.current_syscall_error = null;
            assertThat(t.cnodeInvoke(InvocationLabel.CNodeCopy, 30, 64, 20, 64))
                    .isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.truncatedMessage());
            assertThat(t.slot(30).cap).isInstanceOf(NullCap.class);
        }

        @Test
        void theDestinationMustBeEmpty() {
            endpoint(20);
            endpoint(30);
            t.setExtraCaps(t.slot(CSpaceTestSupport.ROOT_CNODE_SLOT));

            assertThat(t.cnodeInvoke(InvocationLabel.CNodeMove, 30, 64, 20, 64))
                    .isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.deleteFirst());
        }

        @Test
        void anEmptySourceIsAMissingCapabilityOfTheSource() {
            t.setExtraCaps(t.slot(CSpaceTestSupport.ROOT_CNODE_SLOT));

            assertThat(t.cnodeInvoke(InvocationLabel.CNodeMint, 30, 64, 20, 64, 15, 7))
                    .isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error.type()).isEqualTo(SyscallError.seL4_FailedLookup);
            assertThat(t.ks.current_syscall_error.failedLookupWasSource()).isTrue();
            assertThat(t.ks.current_lookup_fault).isEqualTo(new LookupFault.MissingCapability(64));
        }

        @Test
        void aSourceRootThatIsNotACNodeIsAnInvalidRoot() {
            Cte ep = endpoint(20);
            t.setExtraCaps(ep);

            assertThat(t.cnodeInvoke(InvocationLabel.CNodeMove, 30, 64, 20, 64))
                    .isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_lookup_fault).isInstanceOf(LookupFault.InvalidRoot.class);
            assertThat(t.ks.current_syscall_error.failedLookupWasSource()).isTrue();
        }

        @Test
        void mintingANewBadgeOntoABadgedCapIsIllegal() {
            Cte orig = endpoint(20);
            orig.cap = withBadge(orig.cap, 3);
            t.setExtraCaps(t.slot(CSpaceTestSupport.ROOT_CNODE_SLOT));

            assertThat(t.cnodeInvoke(InvocationLabel.CNodeMint, 30, 64, 20, 64, 15, 9))
                    .isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.illegalOperation());
            assertThat(t.slot(30).cap).isInstanceOf(NullCap.class);
        }

        @Test
        void mutateNeedsFiveArgumentsAndMintSix() {
            endpoint(20);
            t.setExtraCaps(t.slot(CSpaceTestSupport.ROOT_CNODE_SLOT));
            assertThat(t.cnodeInvoke(InvocationLabel.CNodeMutate, 30, 64, 20, 64))
                    .isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.truncatedMessage());
            t.ks.current_syscall_error = null;
            assertThat(t.cnodeInvoke(InvocationLabel.CNodeMint, 30, 64, 20, 64, 15))
                    .isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.truncatedMessage());
        }

        @Test
        void copyingAnUntypedWithChildrenMustRevokeFirst() {
            endpoint(20);
            t.setExtraCaps(t.slot(CSpaceTestSupport.ROOT_CNODE_SLOT));

            assertThat(t.cnodeInvoke(InvocationLabel.CNodeCopy, 30, 64, CSpaceTestSupport.UNTYPED_SLOT, 64, 15))
                    .isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.revokeFirst());
        }

        @Test
        void cancelBadgedSendsNeedsAFullRightsEndpointCap() {
            Cte ep = endpoint(20);
            ep.cap = new EndpointCap(((EndpointCap) ep.cap).ep(), 4, true, true, false, true);

            assertThat(t.cnodeInvoke(InvocationLabel.CNodeCancelBadgedSends, 20, 64))
                    .isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.illegalOperation());
        }

        @Test
        void rotateCannotCarryEndpointOrNotificationCaps() {
            endpoint(20);
            t.make(ObjectTypes.seL4_NotificationObject, 0, 21);
            Cte root = t.slot(CSpaceTestSupport.ROOT_CNODE_SLOT);
            t.setExtraCaps(root, root);

            // Rotate updates cap data with preserve = true, under which seL4's updateCapData
            // turns every endpoint / notification cap into a NullCap.
            assertThat(t.cnodeInvoke(InvocationLabel.CNodeRotate, 22, 64, 0, 21, 64, 0, 20, 64))
                    .isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.illegalOperation());
        }

        @Test
        void rotateChecksArgumentsSlotsAndCaps() {
            Cte src = endpoint(20);
            Cte pivot = t.make(ObjectTypes.seL4_NotificationObject, 0, 21);
            Cte root = t.slot(CSpaceTestSupport.ROOT_CNODE_SLOT);

            t.setExtraCaps(root);
            assertThat(t.cnodeInvoke(InvocationLabel.CNodeRotate, 22, 64, 0, 21, 64, 0, 20, 64))
                    .isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.truncatedMessage());

            t.setExtraCaps(root, root);
            // The pivot may be neither the source nor the destination.
            assertThat(t.cnodeInvoke(InvocationLabel.CNodeRotate, 22, 64, 0, 20, 64, 0, 20, 64))
                    .isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.illegalOperation());
            t.ks.current_syscall_error = null;
            assertThat(t.cnodeInvoke(InvocationLabel.CNodeRotate, 22, 64, 0, 22, 64, 0, 20, 64))
                    .isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.illegalOperation());

            // A non-empty destination (other than the source) must be deleted first.
            endpoint(22);
            t.ks.current_syscall_error = null;
            assertThat(t.cnodeInvoke(InvocationLabel.CNodeRotate, 22, 64, 0, 21, 64, 0, 20, 64))
                    .isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.deleteFirst());

            // Missing source (reported as source) and missing pivot (reported as not source).
            t.ks.current_syscall_error = null;
            assertThat(t.cnodeInvoke(InvocationLabel.CNodeRotate, 23, 64, 0, 21, 64, 0, 24, 64))
                    .isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error.failedLookupWasSource()).isTrue();
            assertThat(t.ks.current_lookup_fault).isEqualTo(new LookupFault.MissingCapability(64));
            t.ks.current_syscall_error = null;
            assertThat(t.cnodeInvoke(InvocationLabel.CNodeRotate, 23, 64, 0, 25, 64, 0, 20, 64))
                    .isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error.type()).isEqualTo(SyscallError.seL4_FailedLookup);
            assertThat(t.ks.current_syscall_error.failedLookupWasSource()).isFalse();

            // Rebadging a badged cap in place is illegal.
            src.cap = withBadge(src.cap, 2);
            t.ks.current_syscall_error = null;
            assertThat(t.cnodeInvoke(InvocationLabel.CNodeRotate, 23, 64, 0, 21, 64, 7, 20, 64))
                    .isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.illegalOperation());
            assertThat(pivot.cap).isNotInstanceOf(NullCap.class);
            assertThat(t.ct.tcbState).isSameAs(ThreadState.Running);
        }
    }

    @Nested
    class DeleteWithoutZombies {
        @Test
        void deletingACopyLeavesTheObjectAndTheOtherCap() {
            Cte a = endpoint(20);
            cn.cteInsert(a.cap, a, t.slot(30));
            Endpoint ep = ((EndpointCap) a.cap).ep();

            assertThat(cn.cteDelete(t.slot(30), true)).isEqualTo(ExceptionT.EXCEPTION_NONE);

            assertThat(t.slot(30).cap).isInstanceOf(NullCap.class);
            assertThat(((EndpointCap) a.cap).ep()).isSameAs(ep);
            assertThat(a.mdbNext).isNull();
            assertThat(CSpaceTestSupport.mdbLinkProblem(allRootSlots())).isNull();
        }

        @Test
        void deletingTheLastCapOfAReplyWithoutCallerFreesTheSlot() {
            Cte r = t.make(ObjectTypes.seL4_ReplyObject, 0, 20);

            assertThat(cn.cteDelete(r, true)).isEqualTo(ExceptionT.EXCEPTION_NONE);

            assertThat(r.cap).isInstanceOf(NullCap.class);
            assertThat(t.untypedSlot.mdbNext).isNull();
        }

        @Test
        void deleteOneRemovesACapThatFinalisesImmediately() {
            Cte r = t.make(ObjectTypes.seL4_ReplyObject, 0, 20);
            cn.cteInsert(r.cap, r, t.slot(21));

            cn.cteDeleteOne(t.slot(21));
            cn.cteDeleteOne(t.slot(22));

            assertThat(t.slot(21).cap).isInstanceOf(NullCap.class);
            assertThat(r.cap).isInstanceOf(ReplyCap.class);
            assertThat(r.mdbNext).isNull();
        }

        @Test
        void deletingAnUntypedCapNeedsNoCleanup() {
            List<Cte> child = t.make(t.untypedSlot, ObjectTypes.seL4_UntypedObject, 12, 20, 1);

            assertThat(cn.cteDelete(child.get(0), true)).isEqualTo(ExceptionT.EXCEPTION_NONE);

            assertThat(child.get(0).cap).isInstanceOf(NullCap.class);
            assertThat(cn.ensureNoChildren(t.untypedSlot)).isEqualTo(ExceptionT.EXCEPTION_NONE);
        }

        @Test
        void revokingACapWithoutChildrenDoesNothing() {
            Cte r = t.make(ObjectTypes.seL4_ReplyObject, 0, 20);

            assertThat(cn.cteRevoke(r)).isEqualTo(ExceptionT.EXCEPTION_NONE);

            assertThat(r.cap).isInstanceOf(ReplyCap.class);
        }
    }

    @Nested
    class RevokeAndZombieDeletes {
        @Test
        void revokeDeletesEveryDescendantButKeepsTheCap() {
            Cte orig = t.make(ObjectTypes.seL4_ReplyObject, 0, 20);
            cn.cteInsert(orig.cap, orig, t.slot(30));
            cn.cteInsert(orig.cap, t.slot(30), t.slot(31));
            Cte unrelated = t.make(ObjectTypes.seL4_ReplyObject, 0, 21);

            assertThat(cn.cteRevoke(orig)).isEqualTo(ExceptionT.EXCEPTION_NONE);

            assertThat(orig.cap).isInstanceOf(ReplyCap.class);
            assertThat(t.slot(30).cap).isInstanceOf(NullCap.class);
            assertThat(t.slot(31).cap).isInstanceOf(NullCap.class);
            assertThat(unrelated.cap).isInstanceOf(ReplyCap.class);
            assertThat(CSpaceTestSupport.mdbLinkProblem(allRootSlots())).isNull();
        }

        @Test
        void revokingAnUntypedDeletesTheCapsOfEveryObjectCreatedFromIt() {
            t.make(t.untypedSlot, ObjectTypes.seL4_ReplyObject, 0, 20, 5);
            List<Cte> sub = t.make(t.untypedSlot, ObjectTypes.seL4_UntypedObject, 10, 30, 1);
            t.make(sub.get(0), ObjectTypes.seL4_ReplyObject, 0, 31, 2);

            assertThat(cn.cteRevoke(t.untypedSlot)).isEqualTo(ExceptionT.EXCEPTION_NONE);

            for (int i = 20; i < 40; i++) {
                assertThat(t.slot(i).cap).as("slot %d", i).isInstanceOf(NullCap.class);
            }
            assertThat(t.untypedSlot.mdbNext).isNull();
        }

        @Test
        void aPreemptedRevokeKeepsAConsistentListAndFinishesWhenRestarted() {
            t.make(t.untypedSlot, ObjectTypes.seL4_ReplyObject, 0, 20, 10);
            t.k.machine.irq().assertLine(40);
            t.ks.ksWorkUnitsCompleted = sel4.model.Config.workUnitsLimit - 3;

            assertThat(cn.cteRevoke(t.untypedSlot)).isEqualTo(ExceptionT.EXCEPTION_PREEMPTED);

            long left = java.util.stream.IntStream.range(20, 30).filter(i -> !(t.slot(i).cap instanceof NullCap)).count();
            assertThat(left).isEqualTo(7);
            assertThat(CSpaceTestSupport.mdbLinkProblem(allRootSlots())).isNull();

            t.k.machine.irq().deassertLine(40);
            assertThat(cn.cteRevoke(t.untypedSlot)).isEqualTo(ExceptionT.EXCEPTION_NONE);
            assertThat(t.untypedSlot.mdbNext).isNull();
        }

        @Test
        void deletingTheLastCNodeCapDeletesEveryCapInside() {
            Cte cnodeSlot = t.make(ObjectTypes.seL4_CapTableObject, 3, 20);
            CNode inner = ((CNodeCap) cnodeSlot.cap).cnode();
            Cte reply = t.make(ObjectTypes.seL4_ReplyObject, 0, 21);
            cn.cteInsert(reply.cap, reply, inner.slots[0]);
            cn.cteInsert(reply.cap, reply, inner.slots[5]);
            List<Cte> sub = t.make(t.untypedSlot, ObjectTypes.seL4_UntypedObject, 8, 22, 1);
            cn.cteMove(sub.get(0).cap, sub.get(0), inner.slots[7]);

            assertThat(cn.cteDelete(cnodeSlot, true)).isEqualTo(ExceptionT.EXCEPTION_NONE);

            assertThat(cnodeSlot.cap).isInstanceOf(NullCap.class);
            for (Cte s : inner.slots) {
                assertThat(s.cap).isInstanceOf(NullCap.class);
                assertThat(s.mdbNext).isNull();
                assertThat(s.mdbPrev).isNull();
            }
            assertThat(reply.mdbNext).isNull();
            assertThat(CSpaceTestSupport.mdbLinkProblem(allRootSlots())).isNull();
        }

        @Test
        void aCNodeWhoseLastCapWasInsideADeletedCNodeBecomesACyclicZombieThatRevokeFinishes() {
            Cte outer = t.make(ObjectTypes.seL4_CapTableObject, 2, 20);
            CNode a = ((CNodeCap) outer.cap).cnode();
            List<Cte> bSlot = t.make(t.untypedSlot, ObjectTypes.seL4_CapTableObject, 2, 21, 1);
            CNode b = ((CNodeCap) bSlot.get(0).cap).cnode();
            // a[3] holds the only cap to b; b holds a copy of a reply cap.
            cn.cteMove(bSlot.get(0).cap, bSlot.get(0), a.slots[3]);
            Cte reply = t.make(ObjectTypes.seL4_ReplyObject, 0, 22);
            cn.cteInsert(reply.cap, reply, b.slots[1]);

            assertThat(cn.cteDelete(outer, true)).isEqualTo(ExceptionT.EXCEPTION_NONE);

            // a is gone. b was finalised through an unexposed delete: its Zombie was moved into
            // b's own first slot (cyclic), and b's contents wait for an exposed delete.
            assertThat(outer.cap).isInstanceOf(NullCap.class);
            for (Cte s : a.slots) {
                assertThat(s.cap).isInstanceOf(NullCap.class);
            }
            assertThat(b.slots[0].cap).isEqualTo(new ZombieCap(b, 2, 4));
            assertThat(b.slots[1].cap).isInstanceOf(ReplyCap.class);
            List<Cte> everything = new ArrayList<>(allRootSlots());
            everything.addAll(List.of(a.slots));
            everything.addAll(List.of(b.slots));
            assertThat(CSpaceTestSupport.mdbLinkProblem(everything)).isNull();
            // The cyclic Zombie is still a descendant of the untyped, so it cannot be reset yet.
            assertThat(cn.ensureNoChildren(t.untypedSlot)).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);

            assertThat(cn.cteRevoke(t.untypedSlot)).isEqualTo(ExceptionT.EXCEPTION_NONE);

            for (Cte s : b.slots) {
                assertThat(s.cap).isInstanceOf(NullCap.class);
            }
            assertThat(t.untypedSlot.mdbNext).isNull();
            assertThat(CSpaceTestSupport.mdbLinkProblem(everything)).isNull();
        }

        @Test
        void aPreemptedCNodeDeleteLeavesAZombieAndResumes() {
            Cte cnodeSlot = t.make(ObjectTypes.seL4_CapTableObject, 4, 20);
            CNode inner = ((CNodeCap) cnodeSlot.cap).cnode();
            Cte reply = t.make(ObjectTypes.seL4_ReplyObject, 0, 21);
            for (int i = 0; i < 16; i++) {
                cn.cteInsert(reply.cap, reply, inner.slots[i]);
            }
            t.k.machine.irq().assertLine(40);
            t.ks.ksWorkUnitsCompleted = sel4.model.Config.workUnitsLimit - 4;

            assertThat(cn.cteDelete(cnodeSlot, true)).isEqualTo(ExceptionT.EXCEPTION_PREEMPTED);

            // Four steps done: the Zombie counts the twelve slots still to empty.
            assertThat(cnodeSlot.cap).isEqualTo(new sel4.object.cap.ZombieCap(inner, 4, 12));
            assertThat(inner.slots[11].cap).isInstanceOf(ReplyCap.class);
            assertThat(inner.slots[12].cap).isInstanceOf(NullCap.class);
            // A Zombie cannot be invoked.
            assertThat(t.k.objectType.decodeInvocation(InvocationLabel.CNodeRevoke.label(), 2, 20, cnodeSlot,
                    cnodeSlot.cap, true, true, true, false, t.buffer)).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);

            t.k.machine.irq().deassertLine(40);
            assertThat(cn.cteDelete(cnodeSlot, true)).isEqualTo(ExceptionT.EXCEPTION_NONE);
            assertThat(cnodeSlot.cap).isInstanceOf(NullCap.class);
            assertThat(reply.mdbNext).isNull();
        }

        @Test
        void deletingTheFinalEndpointCapOfAnIdleEndpointSucceeds() {
            Cte ep = endpoint(20);

            assertThat(cn.cteDelete(ep, true)).isEqualTo(ExceptionT.EXCEPTION_NONE);

            assertThat(ep.cap).isInstanceOf(NullCap.class);
        }
    }

    @Nested
    class Invocations {
        @Test
        void copyDerivesMaskedRightsIntoTheDestination() {
            Cte orig = endpoint(20);
            t.setExtraCaps(t.slot(CSpaceTestSupport.ROOT_CNODE_SLOT));

            assertThat(t.cnodeInvoke(InvocationLabel.CNodeCopy, 30, 64, 20, 64, 0b0001)).isEqualTo(ExceptionT.EXCEPTION_NONE);

            EndpointCap copy = (EndpointCap) t.slot(30).cap;
            assertThat(copy).isEqualTo(new EndpointCap(((EndpointCap) orig.cap).ep(), 0, true, false, false, false));
            assertThat(orig.mdbNext).isSameAs(t.slot(30));
            assertThat(t.ct.tcbState).isSameAs(ThreadState.Restart);
        }

        @Test
        void mintBadgesTheCopyAndMakesItRevocable() {
            Cte orig = endpoint(20);
            t.setExtraCaps(t.slot(CSpaceTestSupport.ROOT_CNODE_SLOT));

            assertThat(t.cnodeInvoke(InvocationLabel.CNodeMint, 30, 64, 20, 64, 0b1111, 77))
                    .isEqualTo(ExceptionT.EXCEPTION_NONE);

            assertThat(t.slot(30).cap).isEqualTo(withBadge(orig.cap, 77));
            assertThat(t.slot(30).mdbRevocable).isTrue();
            assertThat(t.slot(30).mdbFirstBadged).isTrue();
        }

        @Test
        void moveAndMutateRelocateTheCap() {
            Cte orig = endpoint(20);
            Cap cap = orig.cap;
            t.setExtraCaps(t.slot(CSpaceTestSupport.ROOT_CNODE_SLOT));

            assertThat(t.cnodeInvoke(InvocationLabel.CNodeMove, 30, 64, 20, 64)).isEqualTo(ExceptionT.EXCEPTION_NONE);
            assertThat(t.slot(30).cap).isSameAs(cap);
            assertThat(orig.cap).isInstanceOf(NullCap.class);
            assertThat(t.untypedSlot.mdbNext).isSameAs(t.slot(30));

            // Mutate of a CNode cap sets its guard on the way.
            Cte cnodeSlot = t.make(ObjectTypes.seL4_CapTableObject, 2, 40);
            assertThat(t.cnodeInvoke(InvocationLabel.CNodeMutate, 41, 64, 40, 64, (3L << 6) | 2))
                    .isEqualTo(ExceptionT.EXCEPTION_NONE);
            assertThat(t.slot(41).cap).isEqualTo(new CNodeCap(((CNodeCap) t.slot(41).cap).cnode(), 2, 3, 2));
            assertThat(cnodeSlot.cap).isInstanceOf(NullCap.class);
        }

        @Test
        void deleteAndRevokeInvocationsEmptyTheTarget() {
            Cte orig = t.make(ObjectTypes.seL4_ReplyObject, 0, 20);
            cn.cteInsert(orig.cap, orig, t.slot(30));

            assertThat(t.cnodeInvoke(InvocationLabel.CNodeRevoke, 20, 64)).isEqualTo(ExceptionT.EXCEPTION_NONE);
            assertThat(t.slot(30).cap).isInstanceOf(NullCap.class);
            assertThat(t.cnodeInvoke(InvocationLabel.CNodeDelete, 20, 64)).isEqualTo(ExceptionT.EXCEPTION_NONE);
            assertThat(orig.cap).isInstanceOf(NullCap.class);
            assertThat(t.ct.tcbState).isSameAs(ThreadState.Restart);
        }

        @Test
        void rotateInvocationMovesThreeWays() {
            Cte src = t.make(ObjectTypes.seL4_ReplyObject, 0, 20);
            Cte pivot = t.make(ObjectTypes.seL4_ReplyObject, 0, 21);
            Cap srcCap = src.cap;
            Cap pivotCap = pivot.cap;
            Cte root = t.slot(CSpaceTestSupport.ROOT_CNODE_SLOT);
            t.setExtraCaps(root, root);

            assertThat(t.cnodeInvoke(InvocationLabel.CNodeRotate, 22, 64, 0, 21, 64, 0, 20, 64))
                    .isEqualTo(ExceptionT.EXCEPTION_NONE);

            assertThat(t.slot(22).cap).isSameAs(pivotCap);
            assertThat(pivot.cap).isSameAs(srcCap);
            assertThat(src.cap).isInstanceOf(NullCap.class);
            assertThat(t.ct.tcbState).isSameAs(ThreadState.Restart);
        }
    }
}
