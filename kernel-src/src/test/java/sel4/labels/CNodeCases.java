package sel4.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static sel4.api.InvocationLabel.CNodeCancelBadgedSends;
import static sel4.api.InvocationLabel.CNodeCopy;
import static sel4.api.InvocationLabel.CNodeDelete;
import static sel4.api.InvocationLabel.CNodeMint;
import static sel4.api.InvocationLabel.CNodeMove;
import static sel4.api.InvocationLabel.CNodeMutate;
import static sel4.api.InvocationLabel.CNodeRevoke;
import static sel4.api.InvocationLabel.CNodeRotate;
import static sel4.labels.CallerView.deleteFirst;
import static sel4.labels.CallerView.emptyReply;
import static sel4.labels.CallerView.failedLookup;
import static sel4.labels.CallerView.illegal;
import static sel4.labels.CallerView.range;
import static sel4.labels.CallerView.revokeFirst;
import static sel4.labels.CallerView.truncated;
import static sel4.labels.Rig.CNODE;
import static sel4.labels.Rig.DEPTH;
import static sel4.labels.Rig.IRQ_CONTROL;
import static sel4.labels.Rig.NO_CAPS;
import static sel4.labels.Rig.caps;

import java.util.List;
import sel4.api.InvocationLabel;
import sel4.api.LookupFault;
import sel4.kernel.Boot;
import sel4.model.Config;
import sel4.object.cap.CNodeCap;
import sel4.object.cap.Cap;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.NullCap;
import sel4.object.cap.ReplyCap;
import sel4.object.endpoint.EPState;
import sel4.object.endpoint.Endpoint;
import sel4.object.reply.Reply;
import sel4.object.tcb.ThreadStateType;
import sel4.user.Msg;
import sel4.user.RootTask;
import sel4.user.SyscallResult;
import sel4.user.UserThread;

/**
 * The CNode labels (src/object/cnode.c decodeCNodeInvocation). Every label goes through the
 * same first checks — two words, then the destination slot lookup (depth range, guard, depth
 * mismatch) — so each label has those rows; then the checks of its own branch.
 */
final class CNodeCases implements CaseFamily {
    private static final List<InvocationLabel> LABELS = List.of(CNodeRevoke, CNodeDelete, CNodeCancelBadgedSends,
            CNodeCopy, CNodeMint, CNodeMove, CNodeMutate, CNodeRotate);
    private static final int GUARD_BITS = 64 - Boot.ROOT_CNODE_SIZE_BITS;
    private static final long READ = TcbControlCases.READ;

    @Override
    public String name() {
        return "CNode";
    }

    @Override
    public List<LabelCase> cases() {
        CaseList c = new CaseList(Config.aarch64());
        for (InvocationLabel l : LABELS) {
            shared(c, l);
        }
        revokeDeleteCancel(c);
        copyAndMint(c);
        moveAndMutate(c);
        rotate(c);
        return c.rows();
    }

    /** The checks every CNode label passes first: two words and the destination lookup. */
    private static void shared(CaseList c, InvocationLabel l) {
        c.error(l, "TruncatedMessage: fewer than two words", r -> {
            long ep = r.endpoint();
            truncated(r.call(CNODE, l, caps(CNODE), ep));
            assertThat(r.cap(ep)).isInstanceOf(EndpointCap.class);
        });
        c.error(l, "RangeError [1, 64]: destination depth 0 or beyond a word", r -> {
            long ep = r.endpoint();
            range(r.call(CNODE, l, caps(CNODE, CNODE), ep, 0, ep, DEPTH, 0, 0, 0, 0), 1, 64);
            range(r.call(CNODE, l, caps(CNODE, CNODE), ep, 65, ep, DEPTH, 0, 0, 0, 0), 1, 64);
            assertThat(r.cap(ep)).isInstanceOf(EndpointCap.class);
        });
        c.error(l, "FailedLookup [0, guard mismatch]: destination depth too small for the guard", r -> {
            long ep = r.endpoint();
            failedLookup(r.call(CNODE, l, caps(CNODE, CNODE), ep, 1, ep, DEPTH, 0, 0, 0, 0), false,
                    new LookupFault.GuardMismatch(1, 0, GUARD_BITS));
            assertThat(r.cap(ep)).isInstanceOf(EndpointCap.class);
        });
        c.error(l, "FailedLookup [0, depth mismatch]: destination depth ends inside the CNode level", r -> {
            long ep = r.endpoint();
            failedLookup(r.call(CNODE, l, caps(CNODE, CNODE), ep, 63, ep, DEPTH, 0, 0, 0, 0), false,
                    new LookupFault.DepthMismatch(64, 63));
            assertThat(r.cap(ep)).isInstanceOf(EndpointCap.class);
        });
    }

    // ---- Revoke, Delete, CancelBadgedSends ----

    private static void revokeDeleteCancel(CaseList c) {
        c.success(CNodeRevoke, "deletes every descendant and keeps the cap", r -> {
            long ep = r.endpoint();
            long a = r.mint(ep, RootTask.ALL_RIGHTS, 1);
            long b = r.copy(a);
            emptyReply(r.call(CNODE, CNodeRevoke, NO_CAPS, ep, DEPTH));
            assertThat(r.cap(ep)).isInstanceOf(EndpointCap.class);
            assertThat(r.cap(a)).isEqualTo(NullCap.INSTANCE);
            assertThat(r.cap(b)).isEqualTo(NullCap.INSTANCE);
        });
        c.success(CNodeDelete, "empties the slot", r -> {
            long ep = r.endpoint();
            long copy = r.copy(ep);
            emptyReply(r.call(CNODE, CNodeDelete, NO_CAPS, copy, DEPTH));
            assertThat(r.cap(copy)).isEqualTo(NullCap.INSTANCE);
            assertThat(r.root.slot(copy).mdbPrev).isNull();
            assertThat(r.root.slot(ep).mdbNext).isNotSameAs(r.root.slot(copy));
            assertThat(r.cap(ep)).isInstanceOf(EndpointCap.class);
        });
        c.success(CNodeCancelBadgedSends, "senders with the cap's badge are cancelled, others stay queued", r -> {
            long ep = r.endpoint();
            long five = r.mint(ep, RootTask.ALL_RIGHTS, 5);
            long six = r.mint(ep, RootTask.ALL_RIGHTS, 6);
            UserThread s5 = r.spawn("s5", 100, b -> b.send(five, Msg.of(1)));
            UserThread s6 = r.spawn("s6", 100, b -> b.send(six, Msg.of(1)));
            r.sim.run();
            assertThat(s5.state().tsType()).isEqualTo(ThreadStateType.BlockedOnSend);

            emptyReply(r.call(CNODE, CNodeCancelBadgedSends, NO_CAPS, five, DEPTH));

            assertThat(s5.state().tsType()).as("cancelled: restarts its send").isEqualTo(ThreadStateType.Restart);
            assertThat(s6.state().tsType()).isEqualTo(ThreadStateType.BlockedOnSend);
            Endpoint e = r.object(ep, Endpoint.class);
            assertThat(e.queue.head).isSameAs(s6.tcb());
            assertThat(e.queue.end).isSameAs(s6.tcb());
        });
        c.error(CNodeCancelBadgedSends, "IllegalOperation: the cap lacks full endpoint rights", r -> {
            long ep = r.endpoint();
            long badged = r.mint(ep, RootTask.ALL_RIGHTS, 5);
            UserThread s = r.spawn("s", 100, b -> b.send(badged, Msg.of(1)));
            r.sim.run();
            illegal(r.call(CNODE, CNodeCancelBadgedSends, NO_CAPS, r.copy(badged, READ), DEPTH));
            illegal(r.call(CNODE, CNodeCancelBadgedSends, NO_CAPS, r.notification(), DEPTH));
            assertThat(s.state().tsType()).isEqualTo(ThreadStateType.BlockedOnSend);
            assertThat(r.object(ep, Endpoint.class).state).isEqualTo(EPState.Send);
        });
    }

    // ---- Copy, Mint ----

    private static void copyAndMint(CaseList c) {
        c.success(CNodeCopy, "copies with the rights masked, as an MDB child", r -> {
            long ep = r.endpoint();
            long dest = r.free();
            emptyReply(r.call(CNODE, CNodeCopy, caps(CNODE), dest, DEPTH, ep, DEPTH, READ));
            EndpointCap copy = (EndpointCap) r.cap(dest);
            assertThat(copy.canReceive()).isTrue();
            assertThat(copy.canSend()).isFalse();
            assertThat(r.root.slot(ep).mdbNext).isSameAs(r.root.slot(dest));
        });
        c.success(CNodeMint, "copies with a badge and masked rights", r -> {
            long ep = r.endpoint();
            long dest = r.free();
            emptyReply(r.call(CNODE, CNodeMint, caps(CNODE), dest, DEPTH, ep, DEPTH, RootTask.ALL_RIGHTS, 0x77));
            EndpointCap minted = (EndpointCap) r.cap(dest);
            assertThat(minted.badge()).isEqualTo(0x77);
            assertThat(r.root.slot(dest).mdbRevocable).isTrue();
        });
        for (InvocationLabel l : List.of(CNodeCopy, CNodeMint, CNodeMove, CNodeMutate)) {
            insertShared(c, l);
        }
        c.error(CNodeCopy, "TruncatedMessage: no rights word", r -> {
            long ep = r.endpoint();
            long dest = r.free();
            truncated(r.call(CNODE, CNodeCopy, caps(CNODE), dest, DEPTH, ep, DEPTH));
            assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
        });
        c.error(CNodeMint, "TruncatedMessage: no rights or badge word", r -> {
            long ep = r.endpoint();
            long dest = r.free();
            truncated(r.call(CNODE, CNodeMint, caps(CNODE), dest, DEPTH, ep, DEPTH, RootTask.ALL_RIGHTS));
            assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
        });
        for (InvocationLabel l : List.of(CNodeCopy, CNodeMint)) {
            c.error(l, "RevokeFirst: an untyped with children cannot be copied", r -> {
                long ut = TcbControlCases.untypedWithChild(r);
                long dest = r.free();
                revokeFirst(r.call(CNODE, l, caps(CNODE), dest, DEPTH, ut, DEPTH, RootTask.ALL_RIGHTS, 0));
                assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
            });
            c.error(l, "IllegalOperation: the cap derives to nothing (IRQ control)", r -> {
                long dest = r.free();
                illegal(r.call(CNODE, l, caps(CNODE), dest, DEPTH, IRQ_CONTROL, DEPTH, RootTask.ALL_RIGHTS, 0));
                assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
            });
        }
        c.error(CNodeMint, "IllegalOperation: a badged endpoint cannot be badged again", r -> {
            long badged = r.mint(r.endpoint(), RootTask.ALL_RIGHTS, 1);
            long dest = r.free();
            illegal(r.call(CNODE, CNodeMint, caps(CNODE), dest, DEPTH, badged, DEPTH, RootTask.ALL_RIGHTS, 2));
            assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
        });
    }

    /** The source-side checks shared by Copy, Mint, Move and Mutate. */
    private static void insertShared(CaseList c, InvocationLabel l) {
        long[] tail = {RootTask.ALL_RIGHTS, 0};
        c.error(l, "TruncatedMessage: fewer than four words or no source root", r -> {
            long ep = r.endpoint();
            long dest = r.free();
            truncated(r.call(CNODE, l, caps(CNODE), dest, DEPTH, ep));
            truncated(r.call(CNODE, l, NO_CAPS, dest, DEPTH, ep, DEPTH, tail[0], tail[1]));
            assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
        });
        c.error(l, "DeleteFirst: the destination slot is occupied", r -> {
            long ep = r.endpoint();
            long occupied = r.notification();
            deleteFirst(r.call(CNODE, l, caps(CNODE), occupied, DEPTH, ep, DEPTH, tail[0], tail[1]));
            assertThat(r.cap(ep)).isInstanceOf(EndpointCap.class);
        });
        c.error(l, "FailedLookup [1, guard mismatch]: source not found", r -> {
            long ep = r.endpoint();
            long dest = r.free();
            failedLookup(r.call(CNODE, l, caps(CNODE), dest, DEPTH, ep, 1, tail[0], tail[1]), true,
                    new LookupFault.GuardMismatch(1, 0, GUARD_BITS));
            assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
        });
        c.error(l, "FailedLookup [1, invalid root]: the source root is not a CNode", r -> {
            long ep = r.endpoint();
            long dest = r.free();
            failedLookup(r.call(CNODE, l, caps(ep), dest, DEPTH, ep, DEPTH, tail[0], tail[1]), true,
                    new LookupFault.InvalidRoot());
            assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
        });
        c.error(l, "FailedLookup [1, missing capability]: the source slot is empty", r -> {
            long empty = r.free();
            long dest = r.free();
            failedLookup(r.call(CNODE, l, caps(CNODE), dest, DEPTH, empty, DEPTH, tail[0], tail[1]), true,
                    new LookupFault.MissingCapability(DEPTH));
            assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
        });
    }

    // ---- Move, Mutate ----

    private static void moveAndMutate(CaseList c) {
        c.success(CNodeMove, "moves the cap with its MDB position", r -> {
            long ep = r.endpoint();
            long copy = r.copy(ep);
            long dest = r.free();
            emptyReply(r.call(CNODE, CNodeMove, caps(CNODE), dest, DEPTH, copy, DEPTH));
            assertThat(r.cap(copy)).isEqualTo(NullCap.INSTANCE);
            assertThat(r.cap(dest)).isInstanceOf(EndpointCap.class);
            assertThat(r.root.slot(ep).mdbNext).isSameAs(r.root.slot(dest));
        });
        c.success(CNodeMutate, "moves a CNode cap and sets its guard", r -> {
            long cn = r.copy(CNODE);
            long dest = r.free();
            long guardData = (3L << 6) | 50;
            emptyReply(r.call(CNODE, CNodeMutate, caps(CNODE), dest, DEPTH, cn, DEPTH, guardData));
            CNodeCap moved = (CNodeCap) r.cap(dest);
            assertThat(moved.guard()).isEqualTo(3);
            assertThat(moved.guardSize()).isEqualTo(50);
            assertThat(r.cap(cn)).isEqualTo(NullCap.INSTANCE);
        });
        c.error(CNodeMutate, "TruncatedMessage: no data word", r -> {
            long cn = r.copy(CNODE);
            long dest = r.free();
            truncated(r.call(CNODE, CNodeMutate, caps(CNODE), dest, DEPTH, cn, DEPTH));
            assertThat(r.cap(cn)).isInstanceOf(CNodeCap.class);
        });
        c.error(CNodeMutate, "IllegalOperation: the data cannot apply (endpoint badge)", r -> {
            long ep = r.endpoint();
            long dest = r.free();
            illegal(r.call(CNODE, CNodeMutate, caps(CNODE), dest, DEPTH, ep, DEPTH, 5));
            assertThat(r.cap(ep)).isInstanceOf(EndpointCap.class);
            assertThat(r.cap(dest)).isEqualTo(NullCap.INSTANCE);
        });
    }

    // ---- Rotate ----

    private static SyscallResult rotate(Rig r, long dest, long pivot, long src) {
        return rotate(r, dest, DEPTH, pivot, DEPTH, src, DEPTH);
    }

    private static SyscallResult rotate(Rig r, long dest, int destDepth, long pivot, int pivotDepth, long src,
                                        int srcDepth) {
        return r.call(CNODE, CNodeRotate, caps(CNODE, CNODE), dest, destDepth, 0, pivot, pivotDepth, 0, src, srcDepth);
    }

    private static void rotate(CaseList c) {
        c.success(CNodeRotate, "pivot's cap to the destination, source's cap to the pivot", r -> {
            long src = r.reply();
            long pivot = r.reply();
            long dest = r.free();
            Reply srcObj = r.object(src, Reply.class);
            Reply pivotObj = r.object(pivot, Reply.class);
            emptyReply(rotate(r, dest, pivot, src));
            assertThat(((ReplyCap) r.cap(dest)).reply()).isSameAs(pivotObj);
            assertThat(((ReplyCap) r.cap(pivot)).reply()).isSameAs(srcObj);
            assertThat(r.cap(src)).isEqualTo(NullCap.INSTANCE);
        });
        c.success(CNodeRotate, "destination = source swaps the two caps", r -> {
            long a = r.reply();
            long b = r.reply();
            Cap aCap = r.cap(a);
            Cap bCap = r.cap(b);
            emptyReply(rotate(r, a, b, a));
            assertThat(r.cap(a)).isEqualTo(bCap);
            assertThat(r.cap(b)).isEqualTo(aCap);
        });
        c.error(CNodeRotate, "TruncatedMessage: fewer than eight words or two roots", r -> {
            long src = r.reply();
            long pivot = r.reply();
            long dest = r.free();
            truncated(r.call(CNODE, CNodeRotate, caps(CNODE, CNODE), dest, DEPTH, 0, pivot, DEPTH, 0, src));
            truncated(r.call(CNODE, CNodeRotate, caps(CNODE), dest, DEPTH, 0, pivot, DEPTH, 0, src, DEPTH));
            assertThat(r.cap(src)).isInstanceOf(ReplyCap.class);
        });
        c.error(CNodeRotate, "FailedLookup [1, guard mismatch]: source not found", r -> {
            long pivot = r.reply();
            failedLookup(rotate(r, r.free(), DEPTH, pivot, DEPTH, r.reply(), 1), true,
                    new LookupFault.GuardMismatch(1, 0, GUARD_BITS));
        });
        c.error(CNodeRotate, "FailedLookup [1, guard mismatch]: pivot not found", r -> {
            long src = r.reply();
            failedLookup(rotate(r, r.free(), DEPTH, r.reply(), 1, src, DEPTH), true,
                    new LookupFault.GuardMismatch(1, 0, GUARD_BITS));
            assertThat(r.cap(src)).isInstanceOf(ReplyCap.class);
        });
        c.error(CNodeRotate, "IllegalOperation: the pivot is the source or the destination", r -> {
            long src = r.reply();
            long other = r.reply();
            illegal(rotate(r, r.free(), src, src));
            illegal(rotate(r, other, other, src));
            assertThat(r.cap(src)).isInstanceOf(ReplyCap.class);
            assertThat(r.cap(other)).isInstanceOf(ReplyCap.class);
        });
        c.error(CNodeRotate, "DeleteFirst: the destination (not the source) is occupied", r -> {
            long src = r.reply();
            long pivot = r.reply();
            long occupied = r.notification();
            deleteFirst(rotate(r, occupied, pivot, src));
            assertThat(r.cap(src)).isInstanceOf(ReplyCap.class);
        });
        c.error(CNodeRotate, "FailedLookup [1, missing capability]: the source slot is empty", r -> {
            long pivot = r.reply();
            failedLookup(rotate(r, r.free(), pivot, r.free()), true, new LookupFault.MissingCapability(DEPTH));
            assertThat(r.cap(pivot)).isInstanceOf(ReplyCap.class);
        });
        c.error(CNodeRotate, "FailedLookup [0, missing capability]: the pivot slot is empty", r -> {
            long src = r.reply();
            failedLookup(rotate(r, r.free(), r.free(), src), false, new LookupFault.MissingCapability(DEPTH));
            assertThat(r.cap(src)).isInstanceOf(ReplyCap.class);
        });
        c.error(CNodeRotate, "IllegalOperation: the source cap cannot take the data (endpoint)", r -> {
            long src = r.endpoint();
            long pivot = r.reply();
            illegal(rotate(r, r.free(), pivot, src));
            assertThat(r.cap(src)).isInstanceOf(EndpointCap.class);
            assertThat(r.cap(pivot)).isInstanceOf(ReplyCap.class);
        });
        c.error(CNodeRotate, "IllegalOperation: the pivot cap cannot take the data (endpoint)", r -> {
            long src = r.reply();
            long pivot = r.endpoint();
            illegal(rotate(r, r.free(), pivot, src));
            assertThat(r.cap(src)).isInstanceOf(ReplyCap.class);
            assertThat(r.cap(pivot)).isInstanceOf(EndpointCap.class);
        });
    }
}
