// contract: SchedContextConsumed (invokeSchedContext_Consumed) answers a Call with the time the SC consumed since it was last reported, and writes nothing for Send / NBSend or into a read-only buffer.
package sel4.conformance;

import sel4.api.InvocationLabel;
import sel4.model.Config;
import sel4.object.schedcontext.SchedContext;
import sel4.user.UserThread;

/**
 * Consumed on the SC of a thread that ran for a while and then blocked: one word, the SC's
 * consumed time as the kernel accounts it at the moment of the invocation.
 */
class SchedContextConsumedConformanceTest extends DataReplyConformance {

    @Override
    protected Config config() {
        return Config.aarch64();
    }

    @Override
    protected Invocation prepare(Rig rig) {
        long never = rig.root.newNotification();
        UserThread worker = rig.sim.thread("worker").priority(Rig.INVOKER_PRIORITY + 50).program(b -> {
            b.spin(300);
            b.waitOn(never);
        }).spawn();
        SchedContext sc = rig.root.object(worker.scCap(), SchedContext.class);
        return Invocation.of(InvocationLabel.SchedContextConsumed, worker.scCap(), new long[0],
                () -> new long[] {sc.scConsumed});
    }
}
