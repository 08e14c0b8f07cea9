package sel4.user;

import sel4.api.InvocationLabel;

/** The seL4_DomainSet_* stubs. */
public final class DomainStubs {
    private final ProgramBuilder b;

    DomainStubs(ProgramBuilder b) {
        this.b = b;
    }

    /** Moves {@code thread} to {@code domain}. */
    public SyscallResult set(long service, int domain, long thread) {
        return b.invoke(service, InvocationLabel.DomainSetSet.label(), Expect.EMPTY_REPLY, new long[] {thread},
                "seL4_DomainSet_Set(" + service + ", " + domain + ")", domain & 0xff);
    }

    public SyscallResult scheduleConfigure(long service, long index, int domain, long duration) {
        return b.invoke(service, InvocationLabel.DomainScheduleConfigure.label(), Expect.EMPTY_REPLY, new long[0],
                "seL4_DomainSet_ScheduleConfigure(" + service + ", " + index + ")", index, domain & 0xff, duration);
    }

    public SyscallResult scheduleSetStart(long service, long index) {
        return b.invoke(service, InvocationLabel.DomainScheduleSetStart.label(), Expect.EMPTY_REPLY, new long[0],
                "seL4_DomainSet_ScheduleSetStart(" + service + ", " + index + ")", index);
    }
}
