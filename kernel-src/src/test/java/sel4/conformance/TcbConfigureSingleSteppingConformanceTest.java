// contract: TCBConfigureSingleStepping (invokeConfigureSingleStepping) answers a Call with the breakpoint-consumed flag (true on AArch64) and writes nothing for Send / NBSend or into a read-only buffer.
package sel4.conformance;

import sel4.api.InvocationLabel;
import sel4.model.Config;
import sel4.user.UserThread;

/** Single stepping of a suspended thread for five instructions with breakpoint 0: one word, 1 (consumed). */
class TcbConfigureSingleSteppingConformanceTest extends DataReplyConformance {

    @Override
    protected Config config() {
        return Config.aarch64();
    }

    @Override
    protected Invocation prepare(Rig rig) {
        UserThread target = rig.idleTarget("target");
        // AArch64 stepping occupies the debug unit, so seL4 reports the breakpoint as consumed.
        return Invocation.of(InvocationLabel.TCBConfigureSingleStepping, target.tcbCap(), new long[] {0, 5},
                () -> new long[] {1});
    }
}
