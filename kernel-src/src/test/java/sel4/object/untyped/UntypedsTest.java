// contract: UntypedRetype validates every argument with seL4's error, places objects at aligned addresses above the watermark, and resets a childless untyped (removing its objects, preemptibly) before reuse.
package sel4.object.untyped;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.LookupFault;
import sel4.api.ObjectTypes;
import sel4.api.SyscallError;
import sel4.kernel.CSpaceTestSupport;
import sel4.model.Config;
import sel4.object.KernelObject;
import sel4.object.cap.CNodeCap;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.NullCap;
import sel4.object.cap.ReplyCap;
import sel4.object.cap.ThreadCap;
import sel4.object.cap.UntypedCap;
import sel4.object.cnode.CNode;
import sel4.object.cnode.Cte;
import sel4.object.frame.Frame;
import sel4.object.reply.Reply;
import sel4.object.tcb.ThreadState;

class UntypedsTest {
    private final CSpaceTestSupport t = new CSpaceTestSupport();
    private final Untypeds ut = t.k.untyped;

    private UntypedCap untyped() {
        return (UntypedCap) t.untypedSlot.cap;
    }

    private void assertError(ExceptionT r, SyscallError expected) {
        assertThat(r).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
        assertThat(t.ks.current_syscall_error).isEqualTo(expected);
        assertThat(t.ct.tcbState).isSameAs(ThreadState.Running);
        assertThat(untyped().freeIndex()).isZero();
    }

    /** A tiny untyped (2^7 bytes, below the reset chunk size) in root slot 5. */
    private Cte tinyUntyped() {
        return t.placeRoot(5, new UntypedCap(0x200_0000L, 7, false, 0));
    }

    @Nested
    class DecodeErrors {
        @Test
        void onlyRetypeIsAnUntypedOperation() {
            t.setArgs(ObjectTypes.seL4_EndpointObject, 0, 0, 0, 20, 1);
            t.setExtraCaps(t.slot(CSpaceTestSupport.ROOT_CNODE_SLOT));
            assertError(ut.decodeUntypedInvocation(InvocationLabel.CNodeCopy.label(), 6, t.untypedSlot,
                    t.untypedSlot.cap, true, t.buffer), SyscallError.illegalOperation());
        }

        @Test
        void sixArgumentsAndADestinationRootAreRequired() {
            t.setArgs(ObjectTypes.seL4_EndpointObject, 0, 0, 0, 20, 1);
            t.setExtraCaps(t.slot(CSpaceTestSupport.ROOT_CNODE_SLOT));
            assertError(ut.decodeUntypedInvocation(InvocationLabel.UntypedRetype.label(), 5, t.untypedSlot,
                    t.untypedSlot.cap, true, t.buffer), SyscallError.truncatedMessage());
            t.setExtraCaps();
            assertError(ut.decodeUntypedInvocation(InvocationLabel.UntypedRetype.label(), 6, t.untypedSlot,
                    t.untypedSlot.cap, true, t.buffer), SyscallError.truncatedMessage());
        }

        @Test
        void unknownObjectTypesAreInvalidArgumentZero() {
            assertError(t.retype(-1, 0, 20, 1), SyscallError.invalidArgument(0));
            assertError(t.retype(1L << 40, 0, 20, 1), SyscallError.invalidArgument(0));
        }

        @Test
        void sizesOfAWordOrMoreOrObjectsAboveTheMaximumAreRangeErrors() {
            assertError(t.retype(ObjectTypes.seL4_UntypedObject, 64, 20, 1), SyscallError.rangeError(0, 47));
            assertError(t.retype(ObjectTypes.seL4_UntypedObject, -1, 20, 1), SyscallError.rangeError(0, 47));
            assertError(t.retype(ObjectTypes.seL4_UntypedObject, 48, 20, 1), SyscallError.rangeError(0, 47));
            assertError(t.retype(ObjectTypes.seL4_CapTableObject, 43, 20, 1), SyscallError.rangeError(0, 47));
        }

        @Test
        void tooSmallCNodesUntypedsAndSchedContextsAreInvalidArgumentOne() {
            assertError(t.retype(ObjectTypes.seL4_CapTableObject, 0, 20, 1), SyscallError.invalidArgument(1));
            assertError(t.retype(ObjectTypes.seL4_UntypedObject, 3, 20, 1), SyscallError.invalidArgument(1));
            assertError(t.retype(ObjectTypes.seL4_SchedContextObject, 6, 20, 1), SyscallError.invalidArgument(1));
        }

        @Test
        void theModelRefusesCNodesAndSchedContextsBeyondItsLimits() {
            assertError(t.retype(ObjectTypes.seL4_CapTableObject, Untypeds.modelMaxCNodeRadix + 1, 20, 1),
                    SyscallError.rangeError(0, Untypeds.modelMaxCNodeRadix));
            assertError(t.retype(ObjectTypes.seL4_SchedContextObject, Untypeds.modelMaxSchedContextBits + 1, 20, 1),
                    SyscallError.rangeError(0, Untypeds.modelMaxSchedContextBits));
        }

        @Test
        void theDestinationMustBeACNode() {
            t.placeRoot(40, new EndpointCap(new sel4.object.endpoint.Endpoint(0x50_0000L), 0, true, true, true, true));
            t.setArgs(ObjectTypes.seL4_EndpointObject, 0, 40, 64, 0, 1);
            t.setExtraCaps(t.slot(CSpaceTestSupport.ROOT_CNODE_SLOT));

            assertThat(ut.decodeUntypedInvocation(InvocationLabel.UntypedRetype.label(), 6, t.untypedSlot,
                    t.untypedSlot.cap, true, t.buffer)).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error.type()).isEqualTo(SyscallError.seL4_FailedLookup);
            assertThat(t.ks.current_syscall_error.failedLookupWasSource()).isFalse();
            assertThat(t.ks.current_lookup_fault).isEqualTo(new LookupFault.MissingCapability(64));
        }

        @Test
        void aBadDestinationPathIsAFailedLookup() {
            t.setArgs(ObjectTypes.seL4_EndpointObject, 0, 40, 8, 0, 1);
            t.setExtraCaps(t.slot(CSpaceTestSupport.ROOT_CNODE_SLOT));

            assertThat(ut.decodeUntypedInvocation(InvocationLabel.UntypedRetype.label(), 6, t.untypedSlot,
                    t.untypedSlot.cap, true, t.buffer)).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error.type()).isEqualTo(SyscallError.seL4_FailedLookup);
            assertThat(t.ks.current_lookup_fault).isEqualTo(new LookupFault.GuardMismatch(8, 0, 56));
        }

        @Test
        void theSlotWindowMustFitTheDestinationCNode() {
            assertError(t.retype(ObjectTypes.seL4_EndpointObject, 0, 256, 1), SyscallError.rangeError(0, 255));
            assertError(t.retype(ObjectTypes.seL4_EndpointObject, 0, -1, 1), SyscallError.rangeError(0, 255));
            assertError(t.retype(ObjectTypes.seL4_EndpointObject, 0, 20, 0), SyscallError.rangeError(1, 256));
            assertError(t.retype(ObjectTypes.seL4_EndpointObject, 0, 20, 257), SyscallError.rangeError(1, 256));
            assertError(t.retype(ObjectTypes.seL4_EndpointObject, 0, 20, -1), SyscallError.rangeError(1, 256));
            assertError(t.retype(ObjectTypes.seL4_EndpointObject, 0, 250, 7), SyscallError.rangeError(1, 6));
        }

        @Test
        void everyDestinationSlotMustBeEmpty() {
            t.placeRoot(23, new UntypedCap(0x300_0000L, 12, false, 0));

            assertError(t.retype(ObjectTypes.seL4_EndpointObject, 0, 20, 5), SyscallError.deleteFirst());
            for (int i = 20; i < 23; i++) {
                assertThat(t.slot(i).cap).isInstanceOf(NullCap.class);
            }
        }

        @Test
        void notEnoughMemoryReportsTheBytesLeft() {
            t.make(t.untypedSlot, ObjectTypes.seL4_UntypedObject, 19, 20, 1);

            assertThat(t.retype(ObjectTypes.seL4_UntypedObject, 19, 30, 2)).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.notEnoughMemory(1L << 19));
            assertThat(t.ks.current_syscall_error.memoryLeft()).isEqualTo(1L << 19);
            assertThat(t.slot(30).cap).isInstanceOf(NullCap.class);
        }

        @Test
        void anObjectLargerThanTheUntypedDoesNotFit() {
            assertThat(t.retype(ObjectTypes.seL4_UntypedObject, 21, 20, 1)).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.notEnoughMemory(1L << 20));
        }
    }

    @Nested
    class RetypeWithoutDecoder {
        @Test
        void objectsAreCreatedConsecutivelyAndTheWatermarkRises() {
            List<Cte> eps = t.make(t.untypedSlot, ObjectTypes.seL4_EndpointObject, 0, 20, 3);

            for (int i = 0; i < 3; i++) {
                EndpointCap cap = (EndpointCap) eps.get(i).cap;
                assertThat(cap.ep().ptr()).isEqualTo(CSpaceTestSupport.UNTYPED_BASE + 16L * i);
                assertThat(t.ks.ksPSpace.get(cap.ep().ptr())).isSameAs(cap.ep());
                assertThat(t.k.cnodes.isMDBParentOf(t.untypedSlot, eps.get(i))).isTrue();
            }
            assertThat(untyped().freeIndex()).isEqualTo(48);
        }

        @Test
        void laterObjectsAreAlignedToTheirSize() {
            t.make(ObjectTypes.seL4_EndpointObject, 0, 20);

            Cte tcb = t.make(ObjectTypes.seL4_TCBObject, 0, 21);

            long base = ((ThreadCap) tcb.cap).tcb().ptr();
            assertThat(base).isEqualTo(CSpaceTestSupport.UNTYPED_BASE + (1L << Config.seL4_TCBBits));
            assertThat(untyped().freeIndex()).isEqualTo(2L << Config.seL4_TCBBits);
        }

        @Test
        void aChildUntypedAllocatesInsideItsOwnRegion() {
            Cte child = t.make(ObjectTypes.seL4_UntypedObject, 12, 20);
            UntypedCap c = (UntypedCap) child.cap;

            List<Cte> replies = t.make(child, ObjectTypes.seL4_ReplyObject, 0, 21, 2);

            assertThat(c.ptr()).isEqualTo(CSpaceTestSupport.UNTYPED_BASE);
            assertThat(((ReplyCap) replies.get(1).cap).reply().ptr()).isEqualTo(c.ptr() + 32);
            assertThat(((UntypedCap) child.cap).freeIndex()).isEqualTo(64);
            // The grandchildren are descendants of the parent untyped too.
            assertThat(t.k.cnodes.isMDBParentOf(t.untypedSlot, replies.get(0))).isTrue();
        }

        @Test
        void aChildlessUntypedIsResetAndItsOldObjectsLeaveTheHeap() {
            Cte tiny = tinyUntyped();
            List<Cte> first = t.make(tiny, ObjectTypes.seL4_ReplyObject, 0, 20, 4);
            Reply oldFirst = ((ReplyCap) first.get(0).cap).reply();
            for (Cte s : first) {
                assertThat(t.k.cnodes.cteDelete(s, true)).isEqualTo(ExceptionT.EXCEPTION_NONE);
            }
            assertThat(((UntypedCap) tiny.cap).freeIndex()).isEqualTo(128);

            List<Cte> second = t.make(tiny, ObjectTypes.seL4_ReplyObject, 0, 20, 2);

            Reply newFirst = ((ReplyCap) second.get(0).cap).reply();
            assertThat(newFirst).isNotSameAs(oldFirst);
            assertThat(newFirst.ptr()).isEqualTo(0x200_0000L);
            assertThat(t.ks.ksPSpace.get(0x200_0000L)).isSameAs(newFirst);
            assertThat(t.ks.ksPSpace.objectsIn(0x200_0000L, 7)).hasSize(2);
            assertThat(((UntypedCap) tiny.cap).freeIndex()).isEqualTo(64);
        }

        @Test
        void aResetOfASmallUntypedNeedsNoPreemptionPoint() {
            Cte tiny = tinyUntyped();
            t.make(tiny, ObjectTypes.seL4_ReplyObject, 0, 20, 1);
            t.k.cnodes.cteDelete(t.slot(20), true);

            assertThat(ut.resetUntypedCap(tiny)).isEqualTo(ExceptionT.EXCEPTION_NONE);

            assertThat(((UntypedCap) tiny.cap).freeIndex()).isZero();
            assertThat(t.ks.ksPSpace.objectsIn(0x200_0000L, 7)).isEmpty();
        }

        @Test
        void aDeviceUntypedResetKeepsNoObjectsAndStartsAtZero() {
            Cte dev = t.placeRoot(6, new UntypedCap(0x400_0000L, 16, true, 0x3000));
            Frame f = new Frame(0x400_1000L, 12, true);
            f.writeWord(3, 99);
            t.ks.ksPSpace.insert(f);

            assertThat(ut.resetUntypedCap(dev)).isEqualTo(ExceptionT.EXCEPTION_NONE);

            assertThat(((UntypedCap) dev.cap).freeIndex()).isZero();
            assertThat(t.ks.ksPSpace.get(0x400_1000L)).isNull();
            // Device memory is never cleared.
            assertThat(f.readWord(3)).isEqualTo(99);
        }
    }

    @Nested
    class RetypeThroughTheDecoder {
        @Test
        void retypeDecodesCreatesAndLeavesTheCallerInRestart() {
            assertThat(t.retype(ObjectTypes.seL4_CapTableObject, 4, 20, 2)).isEqualTo(ExceptionT.EXCEPTION_NONE);

            CNode first = ((CNodeCap) t.slot(20).cap).cnode();
            CNode second = ((CNodeCap) t.slot(21).cap).cnode();
            assertThat(first.ptr()).isEqualTo(CSpaceTestSupport.UNTYPED_BASE);
            assertThat(second.ptr()).isEqualTo(CSpaceTestSupport.UNTYPED_BASE + (1L << 9));
            assertThat(first.slots).hasSize(16);
            assertThat(untyped().freeIndex()).isEqualTo(2L << 9);
            assertThat(t.ct.tcbState).isSameAs(ThreadState.Restart);
        }

        @Test
        void retypeIntoANestedCNodeFollowsTheNodeIndexAndDepth() {
            assertThat(t.retype(ObjectTypes.seL4_CapTableObject, 3, 20, 1)).isEqualTo(ExceptionT.EXCEPTION_NONE);
            CNode inner = ((CNodeCap) t.slot(20).cap).cnode();
            t.setArgs(ObjectTypes.seL4_ReplyObject, 0, 20, 64, 6, 2);
            t.setExtraCaps(t.slot(CSpaceTestSupport.ROOT_CNODE_SLOT));

            assertThat(ut.decodeUntypedInvocation(InvocationLabel.UntypedRetype.label(), 6, t.untypedSlot,
                    t.untypedSlot.cap, true, t.buffer)).isEqualTo(ExceptionT.EXCEPTION_NONE);

            assertThat(inner.slots[6].cap).isInstanceOf(ReplyCap.class);
            assertThat(inner.slots[7].cap).isInstanceOf(ReplyCap.class);
        }

        @Test
        void aDeviceUntypedCannotHoldKernelObjects() {
            Cte dev = t.placeRoot(6, new UntypedCap(0x400_0000L, 16, true, 0));
            t.setArgs(ObjectTypes.seL4_EndpointObject, 0, 0, 0, 20, 1);
            t.setExtraCaps(t.slot(CSpaceTestSupport.ROOT_CNODE_SLOT));

            assertThat(ut.decodeUntypedInvocation(InvocationLabel.UntypedRetype.label(), 6, dev, dev.cap, true,
                    t.buffer)).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
            assertThat(t.ks.current_syscall_error).isEqualTo(SyscallError.invalidArgument(1));

            // Untypeds may be carved out of device memory.
            t.setArgs(ObjectTypes.seL4_UntypedObject, 12, 0, 0, 20, 1);
            assertThat(ut.decodeUntypedInvocation(InvocationLabel.UntypedRetype.label(), 6, dev, dev.cap, true,
                    t.buffer)).isEqualTo(ExceptionT.EXCEPTION_NONE);
            assertThat(((UntypedCap) t.slot(20).cap).isDevice()).isTrue();
        }

        @Test
        void resetClearsFramesAndWalksTheWatermarkDownInChunks() {
            // An earlier user of the region left a frame with data behind (its caps are gone).
            Frame f = new Frame(CSpaceTestSupport.UNTYPED_BASE + 0x1000, 12, false);
            f.writeWord(7, 1234);
            t.ks.ksPSpace.insert(f);
            t.untypedSlot.cap = untyped().withFreeIndex(0x2000);
            t.k.machine.irq().assertLine(40);
            t.ks.ksWorkUnitsCompleted = Config.workUnitsLimit - 3;

            assertThat(ut.resetUntypedCap(t.untypedSlot)).isEqualTo(ExceptionT.EXCEPTION_PREEMPTED);

            // Three chunks of 2^8 bytes done from the top: 0x2000 -> 0x1d00.
            assertThat(untyped().freeIndex()).isEqualTo(0x2000 - 3 * 0x100);
            List<KernelObject> left = t.ks.ksPSpace.objectsIn(CSpaceTestSupport.UNTYPED_BASE, CSpaceTestSupport.UNTYPED_BITS);
            assertThat(left).isEmpty();
            assertThat(f.readWord(7)).isZero();

            t.k.machine.irq().deassertLine(40);
            assertThat(ut.resetUntypedCap(t.untypedSlot)).isEqualTo(ExceptionT.EXCEPTION_NONE);
            assertThat(untyped().freeIndex()).isZero();
        }

        @Test
        void aPreemptedRetypeResumesTheResetWhenReExecuted() {
            List<Cte> replies = t.make(t.untypedSlot, ObjectTypes.seL4_ReplyObject, 0, 20, 40);
            for (Cte s : replies) {
                t.k.cnodes.cteDelete(s, true);
            }
            assertThat(untyped().freeIndex()).isEqualTo(40 * 32);
            t.k.machine.irq().assertLine(40);
            t.ks.ksWorkUnitsCompleted = Config.workUnitsLimit - 1;

            assertThat(t.retype(ObjectTypes.seL4_EndpointObject, 0, 20, 1)).isEqualTo(ExceptionT.EXCEPTION_PREEMPTED);
            assertThat(t.slot(20).cap).isInstanceOf(NullCap.class);
            assertThat(untyped().freeIndex()).isEqualTo(0x400);
            assertThat(t.ct.tcbState).isSameAs(ThreadState.Restart);

            t.k.machine.irq().deassertLine(40);
            assertThat(t.retype(ObjectTypes.seL4_EndpointObject, 0, 20, 1)).isEqualTo(ExceptionT.EXCEPTION_NONE);
            assertThat(((EndpointCap) t.slot(20).cap).ep().ptr()).isEqualTo(CSpaceTestSupport.UNTYPED_BASE);
            assertThat(untyped().freeIndex()).isEqualTo(16);
            assertThat(t.ks.ksPSpace.objectsIn(CSpaceTestSupport.UNTYPED_BASE, CSpaceTestSupport.UNTYPED_BITS)).hasSize(1);
        }
    }
}
