// contract: notifications deliver badges as seL4 does: signals before a wait accumulate (OR of the badges), a signal wakes a waiting thread with its badge, a poll returns badge 0 when nothing is pending and the pending badge otherwise, and a signal to a notification bound to a thread blocked in Recv on an endpoint ends that Recv with the notification's badge.
package sel4.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import sel4.model.Config;
import sel4.object.notification.Notification;
import sel4.object.notification.NtfnState;
import sel4.object.tcb.ThreadStateType;
import sel4.user.RootTask;
import sel4.user.Sim;
import sel4.user.SyscallResult;
import sel4.user.UserThread;

class NotificationScenarioTest {
    private final Sim sim = Sim.boot(Config.aarch64());
    private final RootTask root = sim.root();
    private final long ntfn = root.newNotification();

    private long badged(long badge) {
        return root.mint(ntfn, RootTask.ALL_RIGHTS, badge);
    }

    @Test
    void signalsBeforeAWaitAccumulateTheirBadges() {
        long one = badged(0x1);
        long four = badged(0x4);
        SyscallResult[] got = new SyscallResult[1];
        sim.spawnThread("signaller", 150, b -> {
            b.signal(one);
            b.signal(four);
        });
        sim.spawnThread("waiter", 100, b -> got[0] = b.waitOn(ntfn));

        sim.run();

        assertThat(got[0].done()).isTrue();
        assertThat(got[0].badge()).isEqualTo(0x5);
        Notification n = root.object(ntfn, Notification.class);
        assertThat(n.state).isEqualTo(NtfnState.Idle);
        assertThat(n.ntfnMsgIdentifier).isZero();
    }

    @Test
    void aSignalWakesTheWaiterWithItsBadge() {
        long two = badged(0x2);
        SyscallResult[] got = new SyscallResult[1];
        EventLog log = new EventLog();
        UserThread waiter = sim.spawnThread("waiter", 100, b -> {
            got[0] = b.waitOn(ntfn);
            log.note(b, "woken");
        });
        sim.spawnThread("signaller", 50, b -> {
            log.note(b, "signal");
            b.signal(two);
            log.note(b, "after signal");
        });

        sim.runUntil(waiter::isBlocked);
        assertThat(waiter.state().tsType()).isEqualTo(ThreadStateType.BlockedOnNotification);
        assertThat(root.object(ntfn, Notification.class).state).isEqualTo(NtfnState.Waiting);
        sim.run();

        assertThat(got[0].badge()).isEqualTo(0x2);
        assertThat(log.whats()).as("the higher-priority waiter runs at once").containsExactly("signal", "woken", "after signal");
    }

    @Test
    void aPollReturnsZeroWhenNothingIsPendingAndThePendingBadgeOtherwise() {
        long eight = badged(0x8);
        SyscallResult[] polls = new SyscallResult[2];
        sim.spawnThread("poller", 100, b -> {
            polls[0] = b.poll(ntfn);
            b.signal(eight);
            polls[1] = b.poll(ntfn);
        });

        sim.run();

        assertThat(polls[0].badge()).isZero();
        assertThat(polls[1].badge()).isEqualTo(0x8);
        assertThat(root.object(ntfn, Notification.class).state).isEqualTo(NtfnState.Idle);
    }

    @Test
    void aBoundNotificationEndsARecvOnAnEndpoint() {
        long ep = root.newEndpoint();
        long reply = root.newReply();
        long sixteen = badged(0x10);
        SyscallResult[] got = new SyscallResult[1];
        UserThread server = sim.thread("server").priority(100).boundNotification(ntfn)
                .program(b -> got[0] = b.recv(ep, reply)).spawn();
        sim.spawnThread("signaller", 50, b -> b.signal(sixteen));

        sim.runUntil(server::isBlocked);
        assertThat(server.state().tsType()).isEqualTo(ThreadStateType.BlockedOnReceive);
        assertThat(root.object(ntfn, Notification.class).ntfnBoundTCB).isSameAs(server.tcb());
        sim.run();

        assertThat(got[0].done()).isTrue();
        assertThat(got[0].badge()).isEqualTo(0x10);
        assertThat(root.object(ntfn, Notification.class).state).isEqualTo(NtfnState.Idle);
    }
}
