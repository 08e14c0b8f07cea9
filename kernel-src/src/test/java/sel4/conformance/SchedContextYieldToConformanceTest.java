// contract: SchedContextYieldTo to a lower-priority thread (invokeSchedContext_YieldTo, return-now path) answers a Call at once with the target SC's consumed time, and writes nothing for Send / NBSend or into a read-only buffer.
package sel4.conformance;

import sel4.api.InvocationLabel;
import sel4.model.Config;
import sel4.object.schedcontext.SchedContext;
import sel4.user.UserThread;

/**
 * YieldTo a runnable thread of lower priority: the target only moves to the front of its queue,
 * and the yielder is answered at once with one word, the target SC's consumed time.
 */
class SchedContextYieldToConformanceTest extends DataReplyConformance {

    @Override
    protected Config config() {
        return Config.aarch64();
    }

    @Override
    protected Invocation prepare(Rig rig) {
        long go = rig.root.newNotification();
        UserThread low = rig.sim.thread("low").priority(Rig.INVOKER_PRIORITY - 50).program(b -> {
            b.spin(300);
            b.signal(go);
            b.spin(100);
        }).spawn();
        SchedContext sc = rig.root.object(low.scCap(), SchedContext.class);
        // The yielder waits until the target has run, so its SC has something to report.
        return Invocation.of(InvocationLabel.SchedContextYieldTo, low.scCap(), new long[0],
                () -> new long[] {sc.scConsumed}).after(b -> b.waitOn(go));
    }
}
