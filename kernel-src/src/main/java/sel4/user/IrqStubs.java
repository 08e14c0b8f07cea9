package sel4.user;

import sel4.api.InvocationLabel;

/** The seL4_IRQControl_Get and seL4_IRQHandler_* stubs. */
public final class IrqStubs {
    private final ProgramBuilder b;

    IrqStubs(ProgramBuilder b) {
        this.b = b;
    }

    /** Creates a handler cap for {@code irq} in the slot {@code index}/{@code depth} of {@code root}. */
    public SyscallResult controlGet(long service, long irq, long root, long index, int depth) {
        return b.invoke(service, InvocationLabel.IRQIssueIRQHandler.label(), Expect.EMPTY_REPLY, new long[] {root},
                "seL4_IRQControl_Get(" + service + ", irq " + irq + ")", irq, index, depth & 0xff);
    }

    public SyscallResult handlerAck(long handler) {
        return b.invoke(handler, InvocationLabel.IRQAckIRQ.label(), Expect.EMPTY_REPLY, new long[0],
                "seL4_IRQHandler_Ack(" + handler + ")");
    }

    public SyscallResult handlerSetNotification(long handler, long notification) {
        return b.invoke(handler, InvocationLabel.IRQSetIRQHandler.label(), Expect.EMPTY_REPLY,
                new long[] {notification}, "seL4_IRQHandler_SetNotification(" + handler + ")");
    }

    public SyscallResult handlerClear(long handler) {
        return b.invoke(handler, InvocationLabel.IRQClearIRQHandler.label(), Expect.EMPTY_REPLY, new long[0],
                "seL4_IRQHandler_Clear(" + handler + ")");
    }
}
