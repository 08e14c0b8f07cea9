// contract: object creation, cap derivation / comparison / modification, finalisation and the invocation dispatcher behave as seL4's objecttype.c (MCS), answering bad caps with InvalidCapability.
package sel4.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.ObjectTypes;
import sel4.api.SyscallError;
import sel4.kernel.CSpaceTestSupport;
import sel4.kernel.KernelHalt;
import sel4.model.Config;
import sel4.object.cap.CNodeCap;
import sel4.object.cap.Cap;
import sel4.object.cap.CapRights;
import sel4.object.cap.DomainCap;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.IRQControlCap;
import sel4.object.cap.IRQHandlerCap;
import sel4.object.cap.NotificationCap;
import sel4.object.cap.NullCap;
import sel4.object.cap.ReplyCap;
import sel4.object.cap.SchedContextCap;
import sel4.object.cap.SchedControlCap;
import sel4.object.cap.ThreadCap;
import sel4.object.cap.UntypedCap;
import sel4.object.cap.ZombieCap;
import sel4.object.cnode.CNode;
import sel4.object.cnode.Cte;
import sel4.object.endpoint.Endpoint;
import sel4.object.notification.Notification;
import sel4.object.reply.Reply;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;
import sel4.object.tcb.ThreadStateType;

class ObjectTypeTest {
    private final CSpaceTestSupport t = new CSpaceTestSupport();
    private final ObjectType ot = t.k.objectType;
    private final Endpoint ep = new Endpoint(0x50_0000L);
    private final Notification ntfn = new Notification(0x50_1000L);

    private EndpointCap epCap(long badge) {
        return new EndpointCap(ep, badge, true, true, true, true);
    }

    @Nested
    class Creation {
        @Test
        void objectSizesFollowTheConfiguredBits() {
            assertThat(ot.getObjectSize(ObjectTypes.seL4_TCBObject, 0)).isEqualTo(11);
            assertThat(ot.getObjectSize(ObjectTypes.seL4_EndpointObject, 0)).isEqualTo(4);
            assertThat(ot.getObjectSize(ObjectTypes.seL4_NotificationObject, 0)).isEqualTo(6);
            assertThat(ot.getObjectSize(ObjectTypes.seL4_ReplyObject, 0)).isEqualTo(5);
            assertThat(ot.getObjectSize(ObjectTypes.seL4_CapTableObject, 3)).isEqualTo(3 + Config.seL4_SlotBits);
            assertThat(ot.getObjectSize(ObjectTypes.seL4_UntypedObject, 12)).isEqualTo(12);
            assertThat(ot.getObjectSize(ObjectTypes.seL4_SchedContextObject, 9)).isEqualTo(9);
        }

        @Test
        void aNewTcbHasSeL4DefaultsAndTheCurrentDomain() {
            CSpaceTestSupport two = new CSpaceTestSupport(Config.builder().numDomains(2).build());
            two.ks.ksCurDomain = 1;

            Cap cap = two.k.objectType.createObject(ObjectTypes.seL4_TCBObject, 0x80_0000L, 0, false);

            Tcb tcb = ((ThreadCap) cap).tcb();
            assertThat(tcb.ptr()).isEqualTo(0x80_0000L);
            assertThat(tcb.tcbState.tsType()).isEqualTo(ThreadStateType.Inactive);
            assertThat(tcb.tcbPriority).isZero();
            assertThat(tcb.tcbMCP).isZero();
            assertThat(tcb.tcbDomain).isEqualTo(1);
            assertThat(tcb.tcbSchedContext).isNull();
            assertThat(tcb.tcbBoundNotification).isNull();
            assertThat(tcb.tcbFault).isNull();
            assertThat(tcb.tcbQueued).isFalse();
            assertThat(tcb.tcbFlags).isZero();
            assertThat(two.ks.ksPSpace.get(0x80_0000L)).isSameAs(tcb);
        }

        @Test
        void newCapsCarryAllRightsAndNoBadge() {
            Cap e = ot.createObject(ObjectTypes.seL4_EndpointObject, 0x80_0000L, 0, false);
            Cap n = ot.createObject(ObjectTypes.seL4_NotificationObject, 0x80_0040L, 0, false);
            Cap r = ot.createObject(ObjectTypes.seL4_ReplyObject, 0x80_0080L, 0, false);
            Cap c = ot.createObject(ObjectTypes.seL4_CapTableObject, 0x80_1000L, 3, false);
            Cap s = ot.createObject(ObjectTypes.seL4_SchedContextObject, 0x80_2000L, 9, false);

            assertThat(e).isEqualTo(new EndpointCap((Endpoint) t.ks.ksPSpace.get(0x80_0000L), 0, true, true, true, true));
            assertThat(n).isEqualTo(new NotificationCap((Notification) t.ks.ksPSpace.get(0x80_0040L), 0, true, true));
            assertThat(r).isEqualTo(new ReplyCap((Reply) t.ks.ksPSpace.get(0x80_0080L), true));
            CNodeCap cn = (CNodeCap) c;
            assertThat(cn.radix()).isEqualTo(3);
            assertThat(cn.guard()).isZero();
            assertThat(cn.guardSize()).isZero();
            assertThat(cn.cnode().slots).hasSize(8);
            assertThat(cn.cnode().sizeBits()).isEqualTo(8);
            SchedContextCap sc = (SchedContextCap) s;
            assertThat(sc.sizeBits()).isEqualTo(9);
            assertThat(sc.sc().sizeBits()).isEqualTo(9);
            assertThat(sc.sc().refillCapacity()).isEqualTo(SchedContext.refillAbsoluteMax(9));
            assertThat(sc.sc().scRefillMax).isZero();
        }

        @Test
        void anUntypedHasNoHeapObject() {
            int before = t.ks.ksPSpace.size();

            Cap u = ot.createObject(ObjectTypes.seL4_UntypedObject, 0x90_0000L, 12, true);

            assertThat(u).isEqualTo(new UntypedCap(0x90_0000L, 12, true, 0));
            assertThat(t.ks.ksPSpace.size()).isEqualTo(before);
        }

        @Test
        void createNewObjectsPlacesConsecutiveObjectsAsChildrenOfTheParent() {
            ot.createNewObjects(ObjectTypes.seL4_EndpointObject, t.untypedSlot, t.root, 20, 3,
                    CSpaceTestSupport.UNTYPED_BASE + 0x100, 0, false);

            for (int i = 0; i < 3; i++) {
                Cte s = t.slot(20 + i);
                assertThat(((EndpointCap) s.cap).ep().ptr()).isEqualTo(CSpaceTestSupport.UNTYPED_BASE + 0x100 + 16L * i);
                assertThat(s.mdbRevocable).isTrue();
                assertThat(s.mdbFirstBadged).isTrue();
                assertThat(t.k.cnodes.isMDBParentOf(t.untypedSlot, s)).isTrue();
            }
            // insertNewCap puts each new cap directly after the parent.
            assertThat(t.untypedSlot.mdbNext).isSameAs(t.slot(22));
            assertThat(t.slot(22).mdbNext).isSameAs(t.slot(21));
            assertThat(t.slot(21).mdbNext).isSameAs(t.slot(20));
        }
    }

    @Nested
    class Derivation {
        @Test
        void zombiesAndIrqControlAreNeverCopied() {
            Cte s = t.placeRoot(20, new ZombieCap(t.root, 8, 3));

            assertThat(ot.deriveCap(s, s.cap)).isEqualTo(new ObjectType.DeriveCapRet(ExceptionT.EXCEPTION_NONE, NullCap.INSTANCE));
            assertThat(ot.deriveCap(s, new IRQControlCap()).cap()).isInstanceOf(NullCap.class);
        }

        @Test
        void anUntypedWithChildrenCannotBeCopied() {
            Cte child = t.make(ObjectTypes.seL4_EndpointObject, 0, 20);

            ObjectType.DeriveCapRet r = ot.deriveCap(t.untypedSlot, t.untypedSlot.cap);

            assertThat(child.cap).isInstanceOf(EndpointCap.class);
            assertThat(r.status()).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(r.cap()).isInstanceOf(NullCap.class);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.revokeFirst());
        }

        @Test
        void otherCapsDeriveUnchanged() {
            assertThat(ot.deriveCap(t.untypedSlot, t.untypedSlot.cap).cap()).isSameAs(t.untypedSlot.cap);
            Cte s = t.placeRoot(20, epCap(3));
            assertThat(ot.deriveCap(s, s.cap).cap()).isSameAs(s.cap);
        }
    }

    @Nested
    class Modification {
        @Test
        void mintSetsABadgeOnlyOnAnUnbadgedCap() {
            assertThat(ot.updateCapData(false, 42, epCap(0))).isEqualTo(epCap(42));
            assertThat(ot.updateCapData(false, 42, epCap(7))).isInstanceOf(NullCap.class);
            assertThat(ot.updateCapData(true, 42, epCap(0))).isInstanceOf(NullCap.class);
            assertThat(ot.updateCapData(false, 9, new NotificationCap(ntfn, 0, true, false)))
                    .isEqualTo(new NotificationCap(ntfn, 9, true, false));
            assertThat(ot.updateCapData(false, 9, new NotificationCap(ntfn, 1, true, false))).isInstanceOf(NullCap.class);
        }

        @Test
        void cnodeDataSetsGuardAndGuardSize() {
            CNodeCap c = new CNodeCap(t.root, 8, 0, 0);
            // guard size 5 in the low 6 bits, guard 0b10110 above it, plus junk beyond the guard size.
            long data = (0b111_10110L << 6) | 5;

            assertThat(ot.updateCapData(true, data, c)).isEqualTo(new CNodeCap(t.root, 8, 0b10110, 5));
            assertThat(ot.updateCapData(true, 56, c)).isEqualTo(new CNodeCap(t.root, 8, 0, 56));
            assertThat(ot.updateCapData(true, 57, c)).isInstanceOf(NullCap.class);
        }

        @Test
        void capsWithoutDataAreUnchanged() {
            ThreadCap tc = new ThreadCap(t.ct);
            assertThat(ot.updateCapData(false, 5, tc)).isSameAs(tc);
            assertThat(ot.maskCapRights(new CapRights(false, false, false, false), tc)).isSameAs(tc);
        }

        @Test
        void maskingRemovesRightsButNeverAddsThem() {
            EndpointCap sendOnly = new EndpointCap(ep, 1, true, false, false, false);
            assertThat(ot.maskCapRights(CapRights.rightsFromWord(0b0011), epCap(1)))
                    .isEqualTo(new EndpointCap(ep, 1, true, true, false, false));
            assertThat(ot.maskCapRights(CapRights.ALL, sendOnly)).isEqualTo(sendOnly);
            assertThat(ot.maskCapRights(CapRights.rightsFromWord(0b1100), epCap(1)))
                    .isEqualTo(new EndpointCap(ep, 1, false, false, true, true));
            assertThat(ot.maskCapRights(CapRights.rightsFromWord(0b0010), new NotificationCap(ntfn, 0, true, true)))
                    .isEqualTo(new NotificationCap(ntfn, 0, false, true));
            Reply reply = new Reply(0x50_2000L);
            assertThat(ot.maskCapRights(CapRights.rightsFromWord(0b1011), new ReplyCap(reply, true)))
                    .isEqualTo(new ReplyCap(reply, false));
        }

        @Test
        void revocabilityFollowsBadgesIrqHandlersAndUntypeds() {
            assertThat(ot.isCapRevocable(epCap(5), epCap(0))).isTrue();
            assertThat(ot.isCapRevocable(epCap(0), epCap(0))).isFalse();
            assertThat(ot.isCapRevocable(new NotificationCap(ntfn, 2, true, true), new NotificationCap(ntfn, 0, true, true)))
                    .isTrue();
            assertThat(ot.isCapRevocable(new IRQHandlerCap(3), new IRQControlCap())).isTrue();
            assertThat(ot.isCapRevocable(new IRQHandlerCap(3), new IRQHandlerCap(3))).isFalse();
            assertThat(ot.isCapRevocable(t.untypedSlot.cap, t.untypedSlot.cap)).isTrue();
            assertThat(ot.isCapRevocable(new ThreadCap(t.ct), new ThreadCap(t.ct))).isFalse();
        }

        @Test
        void onlyFullRightsEndpointCapsMayCancelBadgedSends() {
            assertThat(ot.hasCancelSendRights(epCap(1))).isTrue();
            assertThat(ot.hasCancelSendRights(new EndpointCap(ep, 1, true, true, true, false))).isFalse();
            assertThat(ot.hasCancelSendRights(new NotificationCap(ntfn, 1, true, true))).isFalse();
        }
    }

    @Nested
    class Comparison {
        @Test
        void anUntypedCoversExactlyTheObjectsInsideItsRegion() {
            UntypedCap u = new UntypedCap(0x50_0000L, 12, false, 0);

            assertThat(ot.sameRegionAs(u, epCap(0))).isTrue();
            assertThat(ot.sameRegionAs(u, new EndpointCap(new Endpoint(0x50_0FF0L), 0, true, true, true, true))).isTrue();
            assertThat(ot.sameRegionAs(u, new EndpointCap(new Endpoint(0x50_1000L), 0, true, true, true, true))).isFalse();
            assertThat(ot.sameRegionAs(u, new CNodeCap(new CNode(0x50_0000L, 8), 8, 0, 0))).isFalse();
            assertThat(ot.sameRegionAs(u, new UntypedCap(0x50_0800L, 11, false, 0))).isTrue();
            assertThat(ot.sameRegionAs(u, new IRQHandlerCap(1))).isFalse();
        }

        @Test
        void capsToTheSameObjectAreTheSameRegionWhateverTheirBadgesOrRights() {
            assertThat(ot.sameRegionAs(epCap(1), new EndpointCap(ep, 2, false, true, false, false))).isTrue();
            assertThat(ot.sameRegionAs(epCap(1), new EndpointCap(new Endpoint(0x60_0000L), 1, true, true, true, true)))
                    .isFalse();
            assertThat(ot.sameRegionAs(new CNodeCap(t.root, 8, 0, 0), new CNodeCap(t.root, 8, 3, 2))).isTrue();
            assertThat(ot.sameRegionAs(new IRQControlCap(), new IRQHandlerCap(4))).isTrue();
            assertThat(ot.sameRegionAs(new IRQHandlerCap(4), new IRQHandlerCap(5))).isFalse();
            assertThat(ot.sameRegionAs(new DomainCap(), new DomainCap())).isTrue();
            assertThat(ot.sameRegionAs(new SchedControlCap(0), new SchedControlCap(0))).isTrue();
        }

        @Test
        void untypedAndIrqControlCapsAreNeverTheSameObject() {
            UntypedCap u = new UntypedCap(0x50_0000L, 12, false, 0);
            assertThat(ot.sameObjectAs(u, u)).isFalse();
            assertThat(ot.sameObjectAs(new IRQControlCap(), new IRQHandlerCap(1))).isFalse();
            assertThat(ot.sameObjectAs(epCap(0), epCap(3))).isTrue();
        }
    }

    @Nested
    class Finalisation {
        @Test
        void theLastCNodeCapBecomesAZombieForEverySlot() {
            CNode cn = new CNode(0x80_0000L, 4);

            ObjectType.FinaliseCapRet r = ot.finaliseCap(new CNodeCap(cn, 4, 0, 0), true, false);

            assertThat(r.remainder()).isEqualTo(new ZombieCap(cn, 4, 16));
            assertThat(r.cleanupInfo()).isInstanceOf(NullCap.class);
        }

        @Test
        void aNonFinalCapLeavesNothingBehind() {
            CNode cn = new CNode(0x80_0000L, 4);
            assertThat(ot.finaliseCap(new CNodeCap(cn, 4, 0, 0), false, false).remainder()).isInstanceOf(NullCap.class);
            assertThat(ot.finaliseCap(epCap(0), false, false).remainder()).isInstanceOf(NullCap.class);
            assertThat(ot.finaliseCap(new ThreadCap(t.ct), false, false).remainder()).isInstanceOf(NullCap.class);
            assertThat(t.ct.tcbState).isSameAs(ThreadState.Running);
        }

        @Test
        void zombiesStayZombiesAndUntypedsVanish() {
            ZombieCap z = new ZombieCap(t.root, 8, 5);
            assertThat(ot.finaliseCap(z, true, false).remainder()).isSameAs(z);
            assertThat(ot.finaliseCap(t.untypedSlot.cap, true, false).remainder()).isInstanceOf(NullCap.class);
            assertThat(ot.finaliseCap(new DomainCap(), true, true).remainder()).isInstanceOf(NullCap.class);
        }

        @Test
        void aFinalReplyCapWithoutACallerNeedsNoCleanup() {
            Reply reply = new Reply(0x50_2000L);
            assertThat(ot.finaliseCap(new ReplyCap(reply, true), true, true).remainder()).isInstanceOf(NullCap.class);
        }

        @Test
        void capsThatNeedZombiesCannotBeDeletedInOneStep() {
            CNode cn = new CNode(0x80_0000L, 4);
            assertThatThrownBy(() -> ot.finaliseCap(new CNodeCap(cn, 4, 0, 0), true, true))
                    .isInstanceOf(KernelHalt.class)
                    .hasMessageContaining("failed to finalise immediately");
        }

        @Test
        void deletingTheLastThreadCapEmptiesTheThreadsSlots() {
            Cte tcbSlot = t.make(ObjectTypes.seL4_TCBObject, 0, 20);
            Tcb tcb = ((ThreadCap) tcbSlot.cap).tcb();
            Cte reply = t.make(ObjectTypes.seL4_ReplyObject, 0, 21);
            t.k.cnodes.cteInsert(reply.cap, reply, tcb.tcbCTE[Tcb.tcbFaultHandler]);
            t.k.cnodes.cteInsert(t.rootCap, t.slot(CSpaceTestSupport.ROOT_CNODE_SLOT), tcb.tcbCTE[Tcb.tcbCTable]);

            assertThat(t.k.cnodes.cteDelete(tcbSlot, true)).isEqualTo(ExceptionT.EXCEPTION_NONE);

            assertThat(tcbSlot.cap).isInstanceOf(NullCap.class);
            for (Cte s : tcb.tcbCTE) {
                assertThat(s.cap).isInstanceOf(NullCap.class);
            }
            assertThat(tcb.tcbState.tsType()).isEqualTo(ThreadStateType.Inactive);
            assertThat(reply.mdbNext).isNull();
        }

        @Test
        void deletingTheLastSchedContextCapDeactivatesIt() {
            Cte s = t.make(ObjectTypes.seL4_SchedContextObject, Config.seL4_MinSchedContextBits, 20);
            SchedContext sc = ((SchedContextCap) s.cap).sc();
            sc.scRefillMax = Config.minRefills;
            sc.scSporadic = true;

            assertThat(t.k.cnodes.cteDelete(s, true)).isEqualTo(ExceptionT.EXCEPTION_NONE);

            assertThat(sc.scRefillMax).isZero();
            assertThat(sc.scSporadic).isFalse();
        }

        @Test
        void deletingTheLastNotificationCapOfAnIdleNotificationSucceeds() {
            Cte s = t.make(ObjectTypes.seL4_NotificationObject, 0, 20);

            assertThat(t.k.cnodes.cteDelete(s, true)).isEqualTo(ExceptionT.EXCEPTION_NONE);

            assertThat(s.cap).isInstanceOf(NullCap.class);
        }

        @Test
        void deletingTheLastIrqHandlerCapReleasesTheIrq() {
            t.ks.intStateIRQTable[40] = sel4.model.IRQState.IRQSignal;
            Cte s = t.placeRoot(20, new IRQHandlerCap(40));

            assertThat(t.k.cnodes.cteDelete(s, true)).isEqualTo(ExceptionT.EXCEPTION_NONE);

            assertThat(s.cap).isInstanceOf(NullCap.class);
            assertThat(t.ks.intStateIRQTable[40]).isEqualTo(sel4.model.IRQState.IRQInactive);
        }
    }

    @Nested
    class Dispatch {
        private ExceptionT invoke(Cap cap, boolean firstPhase) {
            Cte s = t.placeRoot(30, cap);
            return ot.decodeInvocation(InvocationLabel.CNodeRevoke.label(), 2, 30, s, cap, true, true, true,
                    firstPhase, t.buffer);
        }

        @Test
        void nullAndZombieCapsAreInvalid() {
            assertThat(invoke(NullCap.INSTANCE, false)).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.invalidCapability(0));
            t.ks.current_syscall_error = null;
            assertThat(invoke(new ZombieCap(t.root, 8, 1), false)).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.invalidCapability(0));
        }

        @Test
        void endpointAndNotificationCapsWithoutSendRightAreInvalid() {
            assertThat(invoke(new EndpointCap(ep, 0, false, true, true, true), false))
                    .isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.invalidCapability(0));
            t.ks.current_syscall_error = null;
            assertThat(invoke(new NotificationCap(ntfn, 0, false, true), false))
                    .isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.invalidCapability(0));
            assertThat(t.ct.tcbState).isSameAs(ThreadState.Running);
        }

        @Test
        void theFirstPhaseRefusesCapsThatCouldRequeueTheCaller() {
            Cap[] refused = {new ThreadCap(t.ct), new DomainCap(), new CNodeCap(t.root, 8, 0, 56),
                    new SchedControlCap(0), new SchedContextCap(t.ctSc, t.ctSc.sizeBits())};
            for (Cap cap : refused) {
                t.ks.current_syscall_error = null;
                assertThat(invoke(cap, true)).as(cap.toString()).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
                assertThat(t.ks.current_syscall_error).as(cap.toString()).isEqualTo(SyscallError.invalidCapability(0));
            }
        }

        @Test
        void cnodeAndUntypedCapsReachTheirDecoders() {
            // Both decoders reject the label with IllegalOperation: CNodeRevoke is not an untyped
            // label, and UntypedRetype is not a CNode label.
            Cte u = t.untypedSlot;
            assertThat(ot.decodeInvocation(InvocationLabel.CNodeRevoke.label(), 6, 3, u, u.cap, true, true, true,
                    false, t.buffer)).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.illegalOperation());
            t.ks.current_syscall_error = null;
            Cte c = t.slot(CSpaceTestSupport.ROOT_CNODE_SLOT);
            assertThat(ot.decodeInvocation(InvocationLabel.UntypedRetype.label(), 2, 2, c, c.cap, true, true, true,
                    false, t.buffer)).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.illegalOperation());
        }

        @Test
        void aCNodeCapOutsideTheFirstPhaseIsDecoded() {
            t.placeRoot(40, epCap(0));
            t.setArgs(40, 64);
            Cte c = t.slot(CSpaceTestSupport.ROOT_CNODE_SLOT);

            // CNodeCancelBadgedSends on an unbadged full-rights cap: decoded and performed (no-op).
            ExceptionT r = ot.decodeInvocation(InvocationLabel.CNodeCancelBadgedSends.label(), 2, 2, c, c.cap, true,
                    true, true, false, t.buffer);

            assertThat(r).isEqualTo(ExceptionT.EXCEPTION_NONE);
            assertThat(t.ct.tcbState).isSameAs(ThreadState.Restart);
        }

        @Test
        void aNonBlockingSendToAnIdleEndpointIsPerformedAndDropped() {
            Endpoint idle = ((EndpointCap) t.make(ObjectTypes.seL4_EndpointObject, 0, 20).cap).ep();
            Cte s = t.slot(20);

            ExceptionT r = ot.decodeInvocation(0, 0, 20, s, s.cap, false, false, false, false, t.buffer);

            assertThat(r).isEqualTo(ExceptionT.EXCEPTION_NONE);
            assertThat(idle.state).isEqualTo(sel4.object.endpoint.EPState.Idle);
            assertThat(t.ct.tcbState).isSameAs(ThreadState.Restart);
        }

        @Test
        void aNotificationCapSignalsItsBadge() {
            Cte s = t.make(ObjectTypes.seL4_NotificationObject, 0, 20);
            Notification n = ((NotificationCap) s.cap).ntfn();
            s.cap = ot.updateCapData(false, 0b1010, s.cap);

            ExceptionT r = ot.decodeInvocation(0, 0, 20, s, s.cap, true, false, false, true, t.buffer);

            assertThat(r).isEqualTo(ExceptionT.EXCEPTION_NONE);
            assertThat(n.state).isEqualTo(sel4.object.notification.NtfnState.Active);
            assertThat(n.ntfnMsgIdentifier).isEqualTo(0b1010);
            assertThat(t.ct.tcbState).isSameAs(ThreadState.Restart);
        }
    }

}
