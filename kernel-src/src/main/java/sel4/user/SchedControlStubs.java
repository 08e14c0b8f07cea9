package sel4.user;

import sel4.api.InvocationLabel;

/** The seL4_SchedControl_ConfigureFlags stub (MCS). */
public final class SchedControlStubs {
    /** seL4_SchedContext_Sporadic: bit 0 of the flags word. */
    public static final long seL4_SchedContext_Sporadic = 1;

    private final ProgramBuilder b;

    SchedControlStubs(ProgramBuilder b) {
        this.b = b;
    }

    /** Budget and period in µs; budget = period makes a round-robin SC. */
    public SyscallResult configureFlags(long service, long schedContext, long budget, long period, long extraRefills,
                                        long badge, long flags) {
        return b.invoke(service, InvocationLabel.SchedControlConfigureFlags.label(), Expect.EMPTY_REPLY,
                new long[] {schedContext},
                "seL4_SchedControl_ConfigureFlags(" + service + ", sc " + schedContext + ", " + budget + "/" + period + ")",
                budget, period, extraRefills, badge, flags);
    }
}
