package sel4.user;

import sel4.api.InvocationLabel;

/** The seL4_Untyped_Retype stub. */
public final class UntypedStubs {
    private final ProgramBuilder b;

    UntypedStubs(ProgramBuilder b) {
        this.b = b;
    }

    /**
     * Creates {@code numObjects} objects of {@code type} in consecutive slots starting at
     * {@code nodeOffset} of the CNode found from {@code root} at {@code nodeIndex}/{@code nodeDepth}
     * (depth 0: {@code root} itself).
     */
    public SyscallResult retype(long service, long type, long sizeBits, long root, long nodeIndex, long nodeDepth,
                                long nodeOffset, long numObjects) {
        return b.invoke(service, InvocationLabel.UntypedRetype.label(), Expect.EMPTY_REPLY, new long[] {root},
                "seL4_Untyped_Retype(" + service + ", type " + type + ", bits " + sizeBits + ", slot " + nodeOffset
                        + ", n " + numObjects + ")",
                type, sizeBits, nodeIndex, nodeDepth, nodeOffset, numObjects);
    }
}
