// contract: a passive server (no SC of its own) runs a Call on the caller's donated SC, at its own priority, while the caller waits on the reply object; the reply returns the SC to the caller and the server blocks again without one.
package sel4.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import sel4.model.Config;
import sel4.object.reply.Reply;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.ThreadStateType;
import sel4.user.Msg;
import sel4.user.RootTask;
import sel4.user.Sim;
import sel4.user.SyscallResult;
import sel4.user.UserThread;

class DonationScenarioTest {

    @Test
    void aPassiveServerRunsOnTheCallersScAndGivesItBack() {
        Sim sim = Sim.boot(Config.aarch64());
        RootTask root = sim.root();
        long ep = root.newEndpoint();
        long reply = root.newReply();
        UserThread[] threads = new UserThread[2];
        Object[] during = new Object[4];
        SyscallResult[] answer = new SyscallResult[1];

        threads[0] = sim.thread("server").priority(100).passive().program(b -> {
            SyscallResult req = b.recv(ep, reply);
            b.exec("look at the SCs", ctx -> {
                during[0] = threads[0].schedContext();
                during[1] = threads[1].schedContext();
                during[2] = threads[1].state().tsType();
                during[3] = root.object(reply, Reply.class).replyHeadSc;
            });
            b.replyRecv(ep, ctx -> Msg.of(0, req.mr(0) * 2), reply);
        }).spawn();
        UserThread server = threads[0];
        assertThat(server.schedContext()).as("passive after its first Recv").isNull();
        assertThat(server.state().tsType()).isEqualTo(ThreadStateType.BlockedOnReceive);

        threads[1] = sim.thread("client").priority(50).program(b -> answer[0] = b.call(ep, Msg.of(9, 21))).spawn();
        UserThread client = threads[1];
        SchedContext clientSc = root.object(client.scCap(), SchedContext.class);

        sim.run();

        assertThat(during[0]).as("the server ran on the client's SC").isSameAs(clientSc);
        assertThat(during[1]).as("the client lent it").isNull();
        assertThat(during[2]).isEqualTo(ThreadStateType.BlockedOnReply);
        assertThat(during[3]).as("the reply object heads the SC's call stack").isSameAs(clientSc);

        assertThat(answer[0].done()).isTrue();
        assertThat(answer[0].label()).isZero();
        assertThat(answer[0].mr(0)).isEqualTo(42);
        assertThat(client.schedContext()).as("returned to the client").isSameAs(clientSc);
        assertThat(clientSc.scTcb).isSameAs(client.tcb());
        assertThat(clientSc.scReply).isNull();
        assertThat(server.schedContext()).isNull();
        assertThat(server.state().tsType()).isEqualTo(ThreadStateType.BlockedOnReceive);
    }
}
