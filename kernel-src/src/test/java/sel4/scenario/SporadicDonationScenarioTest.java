// contract: a client with a sporadic SC can Call a passive server: the server runs on the donated SC (which is the current SC at the time of the call, so seL4 skips the unblock check rather than asserting), answers, and the client gets its SC back — with invariant checking on.
package sel4.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import sel4.model.Config;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.ThreadStateType;
import sel4.user.Msg;
import sel4.user.RootTask;
import sel4.user.Sim;
import sel4.user.SyscallResult;
import sel4.user.UserThread;

class SporadicDonationScenarioTest {

    @Test
    void aSporadicClientCallsAPassiveServer() {
        Sim sim = Sim.boot(Config.aarch64());
        RootTask root = sim.root();
        long ep = root.newEndpoint();
        long reply = root.newReply();
        Object[] during = new Object[1];
        UserThread[] server = new UserThread[1];
        SyscallResult[] answer = new SyscallResult[1];

        server[0] = sim.thread("server").priority(100).passive().program(b -> {
            SyscallResult req = b.recv(ep, reply);
            b.exec("look at the server's SC", ctx -> during[0] = server[0].schedContext());
            b.replyRecv(ep, ctx -> Msg.of(0, req.mr(0) + 1), reply);
        }).spawn();
        UserThread client = sim.thread("client").priority(50).budget(500, 5000).sporadic()
                .program(b -> answer[0] = b.call(ep, Msg.of(3, 41))).spawn();
        SchedContext clientSc = root.object(client.scCap(), SchedContext.class);

        sim.run();

        assertThat(during[0]).as("the server ran on the client's sporadic SC").isSameAs(clientSc);
        assertThat(answer[0].done()).isTrue();
        assertThat(answer[0].mr(0)).isEqualTo(42);
        assertThat(client.schedContext()).isSameAs(clientSc);
        assertThat(server[0].schedContext()).isNull();
        assertThat(server[0].state().tsType()).isEqualTo(ThreadStateType.BlockedOnReceive);
    }
}
