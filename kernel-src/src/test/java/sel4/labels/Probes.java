package sel4.labels;

import static org.assertj.core.api.Assertions.assertThat;

import sel4.api.InvocationLabel;
import sel4.object.tcb.ThreadStateType;
import sel4.user.Msg;
import sel4.user.SyscallResult;
import sel4.user.UserThread;

/**
 * Scenarios shared by several families: an invocation made in the first phase of NBSendRecv
 * (KERNEL-REFERENCE §5.8), where the kernel drops any error and goes on to the receive phase.
 */
final class Probes {
    private Probes() {
    }

    /** What a first-phase probe left: the prober (blocked in its receive phase) and its result. */
    record FirstPhase(UserThread prober, SyscallResult result) {
    }

    /**
     * A thread invokes {@code dest} with {@code label} as the send phase of seL4_NBSendRecv, then
     * receives on a fresh endpoint; the simulation runs until everything is blocked. The prober
     * must have reached its receive phase whatever the send phase did.
     */
    static FirstPhase nbSendRecv(Rig r, long dest, InvocationLabel label, long[] caps, long... words) {
        return nbSendRecv(r, dest, label.label(), caps, words);
    }

    static FirstPhase nbSendRecv(Rig r, long dest, long label, long[] caps, long... words) {
        long ep = r.endpoint();
        long reply = r.reply();
        SyscallResult[] res = new SyscallResult[1];
        UserThread prober = r.spawn("prober", 100,
                b -> res[0] = b.nbSendRecv(dest, new Msg(label, words, caps), ep, reply));
        r.sim.run();
        assertThat(prober.state().tsType()).as("the prober went on to its receive phase")
                .isEqualTo(ThreadStateType.BlockedOnReceive);
        assertThat(res[0].traps()).as("one trap: the send phase is not restarted").isEqualTo(1);
        return new FirstPhase(prober, res[0]);
    }
}
