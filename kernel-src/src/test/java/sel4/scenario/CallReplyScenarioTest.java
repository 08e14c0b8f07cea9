// contract: a Call on a badged endpoint reaches a server blocked in Recv with the caller's label, words and the cap's badge, the caller waits on the reply object, and the server's ReplyRecv through that reply object delivers the reply and leaves the server receiving again.
package sel4.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import sel4.model.Config;
import sel4.object.endpoint.EPState;
import sel4.object.endpoint.Endpoint;
import sel4.object.reply.Reply;
import sel4.object.tcb.ThreadState;
import sel4.object.tcb.ThreadStateType;
import sel4.user.Msg;
import sel4.user.RootTask;
import sel4.user.Sim;
import sel4.user.StopReason;
import sel4.user.SyscallResult;
import sel4.user.UserThread;

class CallReplyScenarioTest {

    @Test
    void callAndReplyThroughAReplyObject() {
        Sim sim = Sim.boot(Config.aarch64());
        RootTask root = sim.root();
        long ep = root.newEndpoint();
        long reply = root.newReply();
        long clientEp = root.mint(ep, RootTask.ALL_RIGHTS, 0x55);
        SyscallResult[] request = new SyscallResult[2];
        SyscallResult[] response = new SyscallResult[1];

        UserThread server = sim.spawnThread("server", 100, b -> {
            request[0] = b.recv(ep, reply);
            request[1] = b.replyRecv(ep, Msg.of(0x77, 42, 43), reply);
        });
        UserThread client = sim.spawnThread("client", 50, b -> response[0] = b.call(clientEp, Msg.of(5, 1, 2, 3)));

        assertThat(sim.run()).isEqualTo(StopReason.QUIESCENT);

        assertThat(request[0].done()).isTrue();
        assertThat(request[0].label()).isEqualTo(5);
        assertThat(request[0].length()).isEqualTo(3);
        assertThat(request[0].badge()).isEqualTo(0x55);
        assertThat(new long[] {request[0].mr(0), request[0].mr(1), request[0].mr(2)}).containsExactly(1, 2, 3);

        assertThat(response[0].done()).isTrue();
        assertThat(response[0].label()).isEqualTo(0x77);
        assertThat(response[0].length()).isEqualTo(2);
        assertThat(response[0].mr(0)).isEqualTo(42);
        assertThat(response[0].mr(1)).isEqualTo(43);
        assertThat(response[0].badge()).as("replies carry no badge").isZero();

        assertThat(request[1].done()).as("no second request").isFalse();
        Reply replyObj = root.object(reply, Reply.class);
        Endpoint epObj = root.object(ep, Endpoint.class);
        assertThat(server.state().tsType()).isEqualTo(ThreadStateType.BlockedOnReceive);
        assertThat(server.state().replyObject()).isSameAs(replyObj);
        assertThat(replyObj.replyTCB).isSameAs(server.tcb());
        assertThat(epObj.state).isEqualTo(EPState.Recv);
        assertThat(epObj.queue.head).isSameAs(server.tcb());
        assertThat(client.isInactive()).as("the client finished").isTrue();
    }

    @Test
    void onX86LongMessagesTravelThroughTheSharedIpcBufferFrame() {
        Sim sim = Sim.boot(Config.x86_64());
        RootTask root = sim.root();
        long ep = root.newEndpoint();
        long reply = root.newReply();
        SyscallResult[] request = new SyscallResult[1];
        SyscallResult[] response = new SyscallResult[1];
        sim.spawnThread("server", 100, b -> {
            request[0] = b.recv(ep, reply);
            b.replyRecv(ep, ctx -> Msg.of(1, request[0].mr(5) + 1, 2, 3, 4, 5, 6), reply);
        });
        sim.spawnThread("client", 50, b -> response[0] = b.call(ep, Msg.of(9, 10, 11, 12, 13, 14, 15)));

        sim.run();

        assertThat(request[0].length()).isEqualTo(6);
        assertThat(request[0].mr(5)).isEqualTo(15);
        assertThat(response[0].length()).isEqualTo(6);
        assertThat(response[0].mr(0)).isEqualTo(16);
        assertThat(response[0].mr(5)).isEqualTo(6);
    }

    @Test
    void whileTheServerWorksTheCallerIsBlockedOnTheReplyObject() {
        Sim sim = Sim.boot(Config.aarch64());
        RootTask root = sim.root();
        long ep = root.newEndpoint();
        long reply = root.newReply();
        Object[] seen = new Object[2];
        UserThread[] client = new UserThread[1];

        sim.spawnThread("server", 100, b -> {
            b.recv(ep, reply);
            b.exec("look at the caller", ctx -> {
                seen[0] = client[0].state();
                seen[1] = root.object(reply, Reply.class).replyTCB;
            });
            b.replyRecv(ep, Msg.EMPTY, reply);
        });
        client[0] = sim.spawnThread("client", 50, b -> b.call(ep, Msg.of(1)));

        sim.run();

        ThreadState callerState = (ThreadState) seen[0];
        assertThat(callerState.tsType()).isEqualTo(ThreadStateType.BlockedOnReply);
        assertThat(callerState.replyObject()).isSameAs(root.object(reply));
        assertThat(seen[1]).isSameAs(client[0].tcb());
    }
}
