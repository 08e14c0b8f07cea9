// contract: TCBSetFlags (invokeSetFlags) answers a Call with the thread's new flags word and writes nothing for Send / NBSend or into a read-only buffer.
package sel4.conformance;

import sel4.api.InvocationLabel;
import sel4.model.Config;
import sel4.object.tcb.Tcb;
import sel4.user.UserThread;

/** SetFlags setting FpuDisabled on a suspended thread: one word, the new flags. */
class TcbSetFlagsConformanceTest extends DataReplyConformance {

    @Override
    protected Config config() {
        return Config.aarch64();
    }

    @Override
    protected Invocation prepare(Rig rig) {
        UserThread target = rig.idleTarget("target");
        return Invocation.of(InvocationLabel.TCBSetFlags, target.tcbCap(), new long[] {0, Tcb.seL4_TCBFlag_fpuDisabled},
                () -> new long[] {Tcb.seL4_TCBFlag_fpuDisabled});
    }
}
