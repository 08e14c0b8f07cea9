package sel4.user;

import sel4.api.InvocationLabel;

/** The seL4_SchedContext_* stubs (MCS). */
public final class SchedContextStubs {
    private final ProgramBuilder b;

    SchedContextStubs(ProgramBuilder b) {
        this.b = b;
    }

    private SyscallResult inv(long sc, InvocationLabel label, Expect expect, long[] caps) {
        return b.invoke(sc, label.label(), expect, caps,
                "seL4_SchedContext_" + label.name().substring(12) + "(" + sc + ")");
    }

    /** Binds a TCB or notification. */
    public SyscallResult bind(long sc, long cap) {
        return inv(sc, InvocationLabel.SchedContextBind, Expect.EMPTY_REPLY, new long[] {cap});
    }

    public SyscallResult unbind(long sc) {
        return inv(sc, InvocationLabel.SchedContextUnbind, Expect.EMPTY_REPLY, new long[0]);
    }

    public SyscallResult unbindObject(long sc, long cap) {
        return inv(sc, InvocationLabel.SchedContextUnbindObject, Expect.EMPTY_REPLY, new long[] {cap});
    }

    /** Returns the consumed time (one word on 64-bit): label 0, length 1. */
    public SyscallResult consumed(long sc) {
        return inv(sc, InvocationLabel.SchedContextConsumed, Expect.reply(1), new long[0]);
    }

    /** Returns the consumed time when the yield completes: label 0, length 1. */
    public SyscallResult yieldTo(long sc) {
        return inv(sc, InvocationLabel.SchedContextYieldTo, Expect.reply(1), new long[0]);
    }
}
