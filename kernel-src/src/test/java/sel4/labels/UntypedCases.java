package sel4.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static sel4.api.InvocationLabel.UntypedRetype;
import static sel4.labels.CallerView.emptyReply;
import static sel4.labels.CallerView.failedLookup;
import static sel4.labels.CallerView.invalidArgument;
import static sel4.labels.CallerView.notEnoughMemory;
import static sel4.labels.CallerView.range;
import static sel4.labels.CallerView.truncated;
import static sel4.labels.Rig.CNODE;
import static sel4.labels.Rig.caps;

import java.util.List;
import sel4.api.LookupFault;
import sel4.api.ObjectTypes;
import sel4.kernel.Boot;
import sel4.model.Config;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.NullCap;
import sel4.object.cap.UntypedCap;
import sel4.user.SyscallResult;

/**
 * Untyped_Retype (src/object/untyped.c decodeUntypedInvocation): the success path and every check
 * of the decoder, in its order — message and extra cap, object type, sizes, the destination
 * CNode lookup, offset and window, empty destination slots, free memory and device memory.
 */
final class UntypedCases implements CaseFamily {
    private static final long EP = ObjectTypes.seL4_EndpointObject;
    private static final long CNODE_OBJ = ObjectTypes.seL4_CapTableObject;
    private static final long UNTYPED = ObjectTypes.seL4_UntypedObject;
    private static final long SC = ObjectTypes.seL4_SchedContextObject;
    private static final long ROOT_SLOTS = 1L << Boot.ROOT_CNODE_SIZE_BITS;

    @Override
    public String name() {
        return "Untyped";
    }

    @Override
    public List<LabelCase> cases() {
        return new CaseList(Config.aarch64())
                .success(UntypedRetype, "creates the objects in consecutive slots as MDB children, empty reply",
                        UntypedCases::retypesEndpoints)
                .error(UntypedRetype, "TruncatedMessage: fewer than six words", UntypedCases::shortMessage)
                .error(UntypedRetype, "TruncatedMessage: no destination root cap", UntypedCases::noRootCap)
                .error(UntypedRetype, "InvalidArgument 0: unknown object type", UntypedCases::unknownType)
                .error(UntypedRetype, "RangeError [0, 47]: size argument of a word or more", UntypedCases::hugeSizeArgument)
                .error(UntypedRetype, "RangeError [0, 47]: object larger than the largest untyped", UntypedCases::objectTooBig)
                .error(UntypedRetype, "InvalidArgument 1: CNode of radix 0", UntypedCases::zeroRadixCNode)
                .error(UntypedRetype, "InvalidArgument 1: untyped below the minimum size", UntypedCases::tinyUntyped)
                .error(UntypedRetype, "InvalidArgument 1: SchedContext below the minimum size", UntypedCases::tinySc)
                .error(UntypedRetype, "RangeError [0, 20]: CNode radix above the model's maximum", UntypedCases::hugeCNode)
                .error(UntypedRetype, "RangeError [0, 20]: SchedContext above the model's maximum", UntypedCases::hugeSc)
                .error(UntypedRetype, "RangeError [1, 64]: destination node depth beyond a word", UntypedCases::nodeDepthTooBig)
                .error(UntypedRetype, "FailedLookup [0, guard mismatch]: destination node not found", UntypedCases::nodeNotFound)
                .error(UntypedRetype, "FailedLookup [0, missing capability]: destination node is no CNode",
                        UntypedCases::nodeNotACNode)
                .error(UntypedRetype, "RangeError [0, slots - 1]: offset beyond the CNode", UntypedCases::offsetBeyondNode)
                .error(UntypedRetype, "RangeError [1, 256]: window of 0 or above the fan-out limit", UntypedCases::badWindow)
                .error(UntypedRetype, "RangeError [1, slots - offset]: window past the end of the CNode",
                        UntypedCases::windowPastEnd)
                .error(UntypedRetype, "DeleteFirst: a destination slot is occupied", UntypedCases::occupiedSlot)
                .error(UntypedRetype, "NotEnoughMemory [free bytes]: the objects do not fit", UntypedCases::noMemory)
                .error(UntypedRetype, "InvalidArgument 1: kernel object from device memory", UntypedCases::deviceKernelObject)
                .rows();
    }

    private static SyscallResult retype(Rig r, long ut, long type, long size, long index, long depth, long offset,
                                        long n) {
        return r.call(ut, UntypedRetype, caps(CNODE), type, size, index, depth, offset, n);
    }

    static void retypesEndpoints(Rig r) {
        long ut = r.untyped(12);
        long first = r.root.allocSlots(3);

        emptyReply(retype(r, ut, EP, 0, 0, 0, first, 3));

        for (long s = first; s < first + 3; s++) {
            assertThat(r.cap(s)).isInstanceOf(EndpointCap.class);
        }
        // Each new cap is inserted right after the untyped: the newest comes first.
        assertThat(r.root.slot(ut).mdbNext).isSameAs(r.root.slot(first + 2));
        assertThat(r.root.slot(first + 2).mdbNext).isSameAs(r.root.slot(first + 1));
        assertThat(r.root.slot(first + 1).mdbNext).isSameAs(r.root.slot(first));
        assertThat(((UntypedCap) r.cap(ut)).freeIndex()).isEqualTo(3L << Config.seL4_EndpointBits);
    }

    static void shortMessage(Rig r) {
        long ut = r.untyped(12);
        long dest = r.free();
        truncated(r.call(ut, UntypedRetype, caps(CNODE), EP, 0, 0, 0, dest));
        assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
    }

    static void noRootCap(Rig r) {
        long ut = r.untyped(12);
        long dest = r.free();
        truncated(r.call(ut, UntypedRetype, Rig.NO_CAPS, EP, 0, 0, 0, dest, 1));
        assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
    }

    static void unknownType(Rig r) {
        invalidArgument(retype(r, r.untyped(12), 99, 0, 0, 0, r.free(), 1), 0);
    }

    static void hugeSizeArgument(Rig r) {
        range(retype(r, r.untyped(12), UNTYPED, 64, 0, 0, r.free(), 1), 0, Config.seL4_MaxUntypedBits);
    }

    static void objectTooBig(Rig r) {
        range(retype(r, r.untyped(12), UNTYPED, 48, 0, 0, r.free(), 1), 0, Config.seL4_MaxUntypedBits);
    }

    static void zeroRadixCNode(Rig r) {
        invalidArgument(retype(r, r.untyped(12), CNODE_OBJ, 0, 0, 0, r.free(), 1), 1);
    }

    static void tinyUntyped(Rig r) {
        invalidArgument(retype(r, r.untyped(12), UNTYPED, Config.seL4_MinUntypedBits - 1, 0, 0, r.free(), 1), 1);
    }

    static void tinySc(Rig r) {
        invalidArgument(retype(r, r.untyped(12), SC, Config.seL4_MinSchedContextBits - 1, 0, 0, r.free(), 1), 1);
    }

    static void hugeCNode(Rig r) {
        range(retype(r, r.untyped(12), CNODE_OBJ, 21, 0, 0, r.free(), 1), 0, 20);
    }

    static void hugeSc(Rig r) {
        range(retype(r, r.untyped(12), SC, 21, 0, 0, r.free(), 1), 0, 20);
    }

    static void nodeDepthTooBig(Rig r) {
        range(retype(r, r.untyped(12), EP, 0, 0, 65, 0, 1), 1, 64);
    }

    static void nodeNotFound(Rig r) {
        // Depth 1 cannot even consume the root CNode cap's 52 guard bits.
        failedLookup(retype(r, r.untyped(12), EP, 0, 0, 1, 0, 1), false,
                new LookupFault.GuardMismatch(1, 0, 64 - Boot.ROOT_CNODE_SIZE_BITS));
    }

    static void nodeNotACNode(Rig r) {
        long ep = r.endpoint();
        failedLookup(retype(r, r.untyped(12), EP, 0, ep, 64, 0, 1), false, new LookupFault.MissingCapability(64));
    }

    static void offsetBeyondNode(Rig r) {
        range(retype(r, r.untyped(12), EP, 0, 0, 0, ROOT_SLOTS, 1), 0, ROOT_SLOTS - 1);
    }

    static void badWindow(Rig r) {
        long ut = r.untyped(12);
        range(retype(r, ut, EP, 0, 0, 0, r.free(), 0), 1, Config.retypeFanOutLimit);
        range(retype(r, ut, EP, 0, 0, 0, r.free(), Config.retypeFanOutLimit + 1), 1, Config.retypeFanOutLimit);
        assertThat(((UntypedCap) r.cap(ut)).freeIndex()).isZero();
    }

    static void windowPastEnd(Rig r) {
        long cn = r.cnode(2);
        SyscallResult res = r.call(r.untyped(12), UntypedRetype, caps(cn), EP, 0, 0, 0, 3, 2);
        range(res, 1, 1);
    }

    static void occupiedSlot(Rig r) {
        long ut = r.untyped(12);
        long ep = r.endpoint();
        CallerView.deleteFirst(retype(r, ut, EP, 0, 0, 0, ep, 1));
        assertThat(((UntypedCap) r.cap(ut)).freeIndex()).isZero();
    }

    static void noMemory(Rig r) {
        long ut = r.untyped(10);
        long dest = r.free();
        notEnoughMemory(retype(r, ut, ObjectTypes.seL4_TCBObject, 0, 0, 0, dest, 1), 1L << 10);
        assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
    }

    static void deviceKernelObject(Rig r) {
        long dev = r.root.retype(ObjectTypes.seL4_UntypedObject, 12, true);
        long dest = r.free();
        invalidArgument(retype(r, dev, EP, 0, 0, 0, dest, 1), 1);
        assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
    }
}
