// contract: the CNode invocations behave as in seL4 for a root task: Copy masks rights and derives a child, Mint badges, Move and Mutate move a cap (Mutate rewriting a CNode guard, refusing an endpoint), Rotate moves two caps at once, Delete empties a slot, Revoke deletes every descendant, and a long revoke is preempted by a pending interrupt and completes when the syscall is restarted.
package sel4.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import sel4.api.ObjectTypes;
import sel4.api.SyscallError;
import sel4.model.Config;
import sel4.object.cap.CNodeCap;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.NullCap;
import sel4.object.cap.ReplyCap;
import sel4.object.cap.UntypedCap;
import sel4.object.cnode.Cte;
import sel4.object.endpoint.Endpoint;
import sel4.object.reply.Reply;
import sel4.user.RootTask;
import sel4.user.Sim;
import sel4.user.SyscallResult;

class CapOperationsScenarioTest {
    private static final long READ = 2;
    private static final long CNODE = RootTask.CNODE;
    private static final int D = RootTask.DEPTH;

    private final Sim sim = Sim.boot(Config.aarch64());
    private final RootTask root = sim.root();

    private SyscallResult once(java.util.function.Function<sel4.user.ProgramBuilder, SyscallResult> op) {
        SyscallResult[] r = new SyscallResult[1];
        root.run(b -> r[0] = op.apply(b));
        return r[0];
    }

    @Test
    void copyMasksRightsAndMintBadgesBothAsChildrenOfTheSource() {
        long ep = root.newEndpoint();
        Endpoint epObj = root.object(ep, Endpoint.class);
        long copy = root.allocSlot();
        long mint = root.allocSlot();

        SyscallResult c = once(b -> b.cnode().copy(CNODE, copy, D, CNODE, ep, D, READ));
        SyscallResult m = once(b -> b.cnode().mint(CNODE, mint, D, CNODE, ep, D, RootTask.ALL_RIGHTS, 0x42));

        assertThat(c.ok()).as(c.describe()).isTrue();
        assertThat(m.ok()).as(m.describe()).isTrue();
        assertThat(root.cap(copy)).isEqualTo(new EndpointCap(epObj, 0, false, true, false, false));
        assertThat(root.cap(mint)).isEqualTo(new EndpointCap(epObj, 0x42, true, true, true, true));
        assertThat(root.slot(ep).mdbNext).as("newest derivation first").isSameAs(root.slot(mint));
        assertThat(root.slot(mint).mdbNext).isSameAs(root.slot(copy));
        assertThat(root.slot(mint).mdbRevocable).as("a badged copy can be revoked").isTrue();
        assertThat(root.slot(copy).mdbRevocable).isFalse();
    }

    @Test
    void aMintedBadgeIsWhatTheReceiverSees() {
        long ntfn = root.newNotification();
        long badged = root.mint(ntfn, RootTask.ALL_RIGHTS, 0x42);
        SyscallResult[] poll = new SyscallResult[1];
        sim.spawnThread("t", 100, b -> {
            b.signal(badged);
            poll[0] = b.poll(ntfn);
        });
        sim.run();
        assertThat(poll[0].badge()).isEqualTo(0x42);
    }

    @Test
    void moveKeepsTheMdbPositionAndEmptiesTheSource() {
        long ep = root.newEndpoint();
        long child = root.copy(ep);
        long dest = root.allocSlot();

        SyscallResult r = once(b -> b.cnode().move(CNODE, dest, D, CNODE, child, D));

        assertThat(r.ok()).as(r.describe()).isTrue();
        assertThat(root.cap(child)).isEqualTo(NullCap.INSTANCE);
        assertThat(root.slot(child).mdbPrev).isNull();
        assertThat(root.slot(child).mdbNext).isNull();
        assertThat(root.cap(dest)).isInstanceOf(EndpointCap.class);
        assertThat(root.slot(ep).mdbNext).isSameAs(root.slot(dest));
        assertThat(root.slot(dest).mdbPrev).isSameAs(root.slot(ep));
    }

    @Test
    void mutateRewritesACNodeGuardButRefusesAnEndpoint() {
        long cn = root.copy(CNODE);
        long dest = root.allocSlot();
        long guardData = (3L << 6) | 50;

        SyscallResult r = once(b -> b.cnode().mutate(CNODE, dest, D, CNODE, cn, D, guardData));

        assertThat(r.ok()).as(r.describe()).isTrue();
        CNodeCap moved = (CNodeCap) root.cap(dest);
        assertThat(moved.guard()).isEqualTo(3);
        assertThat(moved.guardSize()).isEqualTo(50);
        assertThat(moved.radix()).isEqualTo(12);
        assertThat(root.cap(cn)).isEqualTo(NullCap.INSTANCE);

        long ep = root.newEndpoint();
        long dest2 = root.allocSlot();
        SyscallResult bad = once(b -> b.cnode().mutate(CNODE, dest2, D, CNODE, ep, D, 5));
        assertThat(bad.error()).as(bad.describe()).isEqualTo(SyscallError.seL4_IllegalOperation);
        assertThat(root.cap(ep)).isInstanceOf(EndpointCap.class);
        assertThat(root.cap(dest2)).isEqualTo(NullCap.INSTANCE);
    }

    @Test
    void rotateMovesThePivotToTheDestinationAndTheSourceToThePivot() {
        long src = root.newReply();
        long pivot = root.newReply();
        long dest = root.allocSlot();
        Reply srcObj = root.object(src, Reply.class);
        Reply pivotObj = root.object(pivot, Reply.class);

        SyscallResult r = once(b -> b.cnode().rotate(CNODE, dest, D, 0, CNODE, pivot, D, 0, CNODE, src, D));

        assertThat(r.ok()).as(r.describe()).isTrue();
        assertThat(((ReplyCap) root.cap(dest)).reply()).isSameAs(pivotObj);
        assertThat(((ReplyCap) root.cap(pivot)).reply()).isSameAs(srcObj);
        assertThat(root.cap(src)).isEqualTo(NullCap.INSTANCE);
    }

    @Test
    void deleteEmptiesOneSlotAndRevokeDeletesAllDescendants() {
        long ep = root.newEndpoint();
        long a = root.copy(ep);
        long b2 = root.mint(ep, RootTask.ALL_RIGHTS, 9);
        long c = root.copy(b2);

        SyscallResult del = once(b -> b.cnode().delete(CNODE, a, D));
        assertThat(del.ok()).as(del.describe()).isTrue();
        assertThat(root.cap(a)).isEqualTo(NullCap.INSTANCE);
        assertThat(root.cap(b2)).isInstanceOf(EndpointCap.class);

        SyscallResult rev = once(b -> b.cnode().revoke(CNODE, ep, D));
        assertThat(rev.ok()).as(rev.describe()).isTrue();
        assertThat(root.cap(b2)).isEqualTo(NullCap.INSTANCE);
        assertThat(root.cap(c)).isEqualTo(NullCap.INSTANCE);
        assertThat(root.cap(ep)).isInstanceOf(EndpointCap.class);
        assertThat(childOf(ep)).as("no descendants left").isFalse();
    }

    /** Whether the MDB entry after {@code cptr} is a copy of the same endpoint (a descendant). */
    private boolean childOf(long cptr) {
        Cte next = root.slot(cptr).mdbNext;
        return next != null && next.cap instanceof EndpointCap e && root.cap(cptr) instanceof EndpointCap p
                && e.ep() == p.ep();
    }

    @Test
    void aLongRevokeIsPreemptedByAnInterruptAndFinishesWhenRestarted() {
        int n = Config.retypeFanOutLimit;
        int irq = 40;
        long untyped = root.newUntyped(16);
        long first = root.allocSlots(n);
        root.runChecked("retype endpoints", b ->
                b.untyped().retype(untyped, ObjectTypes.seL4_EndpointObject, 0, CNODE, 0, 0, first, n));
        long ntfn = root.newNotification();
        long handler = root.irqHandler(irq, ntfn);
        sim.kernel().machine.irq().setLowerOnUnmask(irq, true);
        EventLog log = new EventLog();
        SyscallResult[] revoke = new SyscallResult[1];
        sim.spawnThread("driver", 200, b -> {
            b.waitOn(ntfn);
            log.note(b, "interrupt");
            b.irq().handlerAck(handler);
        });
        sim.spawnThread("revoker", 100, b -> {
            b.exec("start the device", ctx -> {
                log.note("revoke").accept(ctx);
                // The IRQ line rises as the revoke traps (set-up and trap take one tick each).
                sim.at(ctx.now() + 3, () -> sim.kernel().machine.irq().assertLine(irq));
            });
            revoke[0] = b.cnode().revoke(CNODE, untyped, D);
            log.note(b, "revoked");
        });

        sim.run();

        assertThat(log.whats()).containsExactly("revoke", "interrupt", "revoked");
        assertThat(revoke[0].ok()).as(revoke[0].describe()).isTrue();
        assertThat(revoke[0].traps()).as("preempted once, restarted once").isEqualTo(2);
        for (int i = 0; i < n; i++) {
            Cte slot = root.slot(first + i);
            assertThat(slot.cap).as("slot %d", first + i).isEqualTo(NullCap.INSTANCE);
        }
        UntypedCap ut = (UntypedCap) root.cap(untyped);
        Cte next = root.slot(untyped).mdbNext;
        boolean childLeft = next != null && next.cap instanceof EndpointCap e
                && e.ep().ptr() >= ut.ptr() && e.ep().ptr() < ut.ptr() + (1L << ut.blockSize());
        assertThat(childLeft).as("no objects of the untyped left").isFalse();
    }
}
