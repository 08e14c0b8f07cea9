package sel4.user;

import sel4.api.InvocationLabel;

/**
 * The seL4_CNode_* invocation stubs. Every slot is named by a CNode cap (the service, or a
 * root passed as an extra cap), an index and a depth; with the root CNode cap of the root task,
 * index = slot number and depth = 64 (the cap's guard covers the rest of the word).
 */
public final class CNodeStubs {
    private final ProgramBuilder b;

    CNodeStubs(ProgramBuilder b) {
        this.b = b;
    }

    private SyscallResult inv(long service, InvocationLabel label, long[] caps, long... words) {
        return b.invoke(service, label.label(), Expect.EMPTY_REPLY, caps,
                "seL4_CNode_" + label.name().substring(5) + "(" + service + ", " + words[0] + ")", words);
    }

    public SyscallResult revoke(long service, long index, int depth) {
        return inv(service, InvocationLabel.CNodeRevoke, new long[0], index, depth & 0xff);
    }

    public SyscallResult delete(long service, long index, int depth) {
        return inv(service, InvocationLabel.CNodeDelete, new long[0], index, depth & 0xff);
    }

    public SyscallResult cancelBadgedSends(long service, long index, int depth) {
        return inv(service, InvocationLabel.CNodeCancelBadgedSends, new long[0], index, depth & 0xff);
    }

    /** Copy with rights masked by {@code rights} (a seL4_CapRights_t word). */
    public SyscallResult copy(long service, long destIndex, int destDepth, long srcRoot, long srcIndex, int srcDepth,
                              long rights) {
        return inv(service, InvocationLabel.CNodeCopy, new long[] {srcRoot},
                destIndex, destDepth & 0xff, srcIndex, srcDepth & 0xff, rights);
    }

    public SyscallResult mint(long service, long destIndex, int destDepth, long srcRoot, long srcIndex, int srcDepth,
                              long rights, long badge) {
        return inv(service, InvocationLabel.CNodeMint, new long[] {srcRoot},
                destIndex, destDepth & 0xff, srcIndex, srcDepth & 0xff, rights, badge);
    }

    public SyscallResult move(long service, long destIndex, int destDepth, long srcRoot, long srcIndex, int srcDepth) {
        return inv(service, InvocationLabel.CNodeMove, new long[] {srcRoot},
                destIndex, destDepth & 0xff, srcIndex, srcDepth & 0xff);
    }

    public SyscallResult mutate(long service, long destIndex, int destDepth, long srcRoot, long srcIndex,
                                int srcDepth, long badge) {
        return inv(service, InvocationLabel.CNodeMutate, new long[] {srcRoot},
                destIndex, destDepth & 0xff, srcIndex, srcDepth & 0xff, badge);
    }

    /**
     * Rotate: the pivot's cap moves to the destination (with {@code destBadge}) and the source's cap
     * to the pivot (with {@code pivotBadge}).
     */
    public SyscallResult rotate(long service, long destIndex, int destDepth, long destBadge, long pivotRoot,
                                long pivotIndex, int pivotDepth, long pivotBadge, long srcRoot, long srcIndex,
                                int srcDepth) {
        return inv(service, InvocationLabel.CNodeRotate, new long[] {pivotRoot, srcRoot},
                destIndex, destDepth & 0xff, destBadge, pivotIndex, pivotDepth & 0xff, pivotBadge,
                srcIndex, srcDepth & 0xff);
    }
}
