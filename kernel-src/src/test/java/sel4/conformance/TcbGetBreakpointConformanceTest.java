// contract: TCBGetBreakpoint (invokeGetBreakpoint) answers a Call with the five words of a breakpoint set before (vaddr, type, size, rw, enabled), only the four that fit when the caller has no buffer, never writes a read-only buffer, and writes nothing for Send / NBSend.
package sel4.conformance;

import sel4.api.InvocationLabel;
import sel4.model.Config;
import sel4.object.tcb.TcbInvocations;
import sel4.user.UserThread;

/** GetBreakpoint of an instruction breakpoint set through SetBreakpoint: five words, one more than the registers. */
class TcbGetBreakpointConformanceTest extends LongDataReplyConformance {
    private static final int BP = 1;
    private static final long VADDR = 0x40_1000;

    @Override
    protected Config config() {
        return Config.aarch64();
    }

    @Override
    protected Invocation prepare(Rig rig) {
        UserThread target = rig.idleTarget("target");
        rig.root.runChecked("set breakpoint", b -> b.tcb().setBreakpoint(target.tcbCap(), BP, VADDR,
                TcbInvocations.seL4_InstructionBreakpoint, 0, TcbInvocations.seL4_BreakOnRead));
        return Invocation.of(InvocationLabel.TCBGetBreakpoint, target.tcbCap(), new long[] {BP}, () -> new long[] {
            VADDR, TcbInvocations.seL4_InstructionBreakpoint, 0, TcbInvocations.seL4_BreakOnRead, 1});
    }
}
