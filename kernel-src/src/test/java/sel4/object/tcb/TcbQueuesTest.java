// contract: ready, endpoint and release queues keep seL4's order and bitmaps, reject threads that are already in another queue (Q8, Q9, Q11, Q17), and in a release build continue without checking.
package sel4.object.tcb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sel4.kernel.InvariantViolation;
import sel4.kernel.SchedTestSupport;
import sel4.model.Config;
import sel4.model.KernelState;
import sel4.object.endpoint.Endpoint;
import sel4.object.schedcontext.SchedContext;

class TcbQueuesTest {
    SchedTestSupport s;
    TcbQueues q;
    KernelState ks;

    @BeforeEach
    void setUp() {
        s = new SchedTestSupport();
        q = s.k.tcbQueues;
        ks = s.ks;
    }

    private Tcb rr(String name, int prio) {
        return s.rrThread(name, prio, 1000);
    }

    @Test
    void enqueuePrependsAndAppendAppends() {
        Tcb a = rr("a", 10);
        Tcb b = rr("b", 10);
        Tcb c = rr("c", 10);
        q.tcbSchedEnqueue(a);
        q.tcbSchedEnqueue(b);
        q.tcbSchedAppend(c);
        assertThat(s.ready(10)).containsExactly(b, a, c);
        assertThat(a.tcbQueued && b.tcbQueued && c.tcbQueued).isTrue();
    }

    @Test
    void enqueueOfAQueuedThreadIsANoOp() {
        Tcb a = rr("a", 10);
        Tcb b = rr("b", 10);
        q.tcbSchedEnqueue(a);
        q.tcbSchedAppend(b);
        q.tcbSchedEnqueue(b);
        q.tcbSchedAppend(a);
        assertThat(s.ready(10)).containsExactly(a, b);
    }

    @Test
    void dequeueUnlinksFromAnyPositionAndClearsTheLinks() {
        Tcb a = rr("a", 7);
        Tcb b = rr("b", 7);
        Tcb c = rr("c", 7);
        q.tcbSchedAppend(a);
        q.tcbSchedAppend(b);
        q.tcbSchedAppend(c);
        q.tcbSchedDequeue(b);
        assertThat(s.ready(7)).containsExactly(a, c);
        assertThat(b.tcbSchedNext).isNull();
        assertThat(b.tcbSchedPrev).isNull();
        assertThat(b.tcbQueued).isFalse();
        q.tcbSchedDequeue(a);
        assertThat(s.ready(7)).containsExactly(c);
        assertThat(c.tcbSchedPrev).isNull();
        q.tcbSchedDequeue(c);
        assertThat(s.readyQueue(0, 7).isEmpty()).isTrue();
        assertThat(s.readyQueue(0, 7).end).isNull();
        q.tcbSchedDequeue(c); // not queued: nothing happens
    }

    @Test
    void bitmapTracksNonEmptyQueuesWithInvertedSecondLevel() {
        for (int prio : new int[] {0, 63, 64, 200, 255}) {
            q.tcbSchedEnqueue(rr("p" + prio, prio));
        }
        // groups 0..63, 64..127 and 192..255 are non-empty; 128..191 is not
        assertThat(ks.ksReadyQueuesL1Bitmap[0]).isEqualTo(0b1011L);
        assertThat(ks.ksReadyQueuesL2Bitmap[0][1]).isZero();
        // L2 word of priorities 192..255 is stored first, 0..63 last
        assertThat(ks.ksReadyQueuesL2Bitmap[0][0]).isEqualTo((1L << (200 - 192)) | (1L << 63));
        assertThat(ks.ksReadyQueuesL2Bitmap[0][2]).isEqualTo(1L);
        assertThat(ks.ksReadyQueuesL2Bitmap[0][3]).isEqualTo(1L | (1L << 63));
        assertThat(q.getHighestPrio(0)).isEqualTo(255);
    }

    @Test
    void highestPriorityFollowsDequeues() {
        Tcb low = rr("low", 3);
        Tcb mid = rr("mid", 64);
        Tcb high = rr("high", 130);
        q.tcbSchedEnqueue(low);
        q.tcbSchedEnqueue(mid);
        q.tcbSchedEnqueue(high);
        assertThat(q.getHighestPrio(0)).isEqualTo(130);
        assertThat(q.isHighestPrio(0, 130)).isTrue();
        assertThat(q.isHighestPrio(0, 129)).isFalse();
        q.tcbSchedDequeue(high);
        assertThat(q.getHighestPrio(0)).isEqualTo(64);
        assertThat(ks.ksReadyQueuesL1Bitmap[0]).isEqualTo(0b011L);
        q.tcbSchedDequeue(mid);
        q.tcbSchedDequeue(low);
        assertThat(ks.ksReadyQueuesL1Bitmap[0]).isZero();
        assertThat(ks.ksReadyQueuesL2Bitmap[0]).containsOnly(0L);
        assertThat(q.isHighestPrio(0, 0)).isTrue();
    }

    @Test
    void enqueueOfABlockedThreadViolatesQ8() {
        Tcb a = rr("a", 10);
        a.tcbState = ThreadState.BlockedOnReply(null);
        assertThatThrownBy(() -> q.tcbSchedEnqueue(a))
                .isInstanceOf(InvariantViolation.class)
                .satisfies(e -> assertThat(((InvariantViolation) e).invariant()).startsWith("Q8 "))
                .satisfies(e -> assertThat(((InvariantViolation) e).thread()).isEqualTo("a"));
    }

    @Test
    void appendOfAThreadWhoseRefillIsNotReadyViolatesQ8() {
        Tcb a = s.sporadicThread("a", 10, 100, 1000, 4);
        ks.ksCurTime = 0;
        a.tcbSchedContext.rTime[a.tcbSchedContext.scRefillHead] = 500;
        q.tcbSchedEnqueue(a); // enqueue does not need a ready refill
        q.tcbSchedDequeue(a);
        assertThatThrownBy(() -> q.tcbSchedAppend(a))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageContaining("Q8 tcbSchedAppend target schedulable with a sufficient, ready refill");
    }

    @Test
    void withoutChecksABlockedThreadIsEnqueuedLikeSeL4sReleaseBuild() {
        SchedTestSupport rel = new SchedTestSupport(Config.aarch64().toBuilder().checks(false).build());
        Tcb a = rel.rrThread("a", 10, 1000);
        a.tcbState = ThreadState.BlockedOnReply(null);
        rel.k.tcbQueues.tcbSchedEnqueue(a);
        assertThat(rel.ready(10)).containsExactly(a);
    }

    @Test
    void endpointQueueIsOrderedByPriorityAndFifoAmongEquals() {
        Endpoint ep = new Endpoint(0x9000);
        Tcb a = s.tcb("a", 5);
        Tcb b = s.tcb("b", 10);
        Tcb c = s.tcb("c", 5);
        Tcb d = s.tcb("d", 7);
        Tcb e = s.tcb("e", 10);
        Tcb f = s.tcb("f", 1);
        for (Tcb t : List.of(a, b, c, d, e, f)) {
            q.tcbEPAppend(t, ep.queue);
        }
        assertThat(SchedTestSupport.contents(ep.queue)).containsExactly(b, e, d, a, c, f);
        assertThat(ep.queue.end).isSameAs(f);
        assertThat(f.tcbSchedPrev).isSameAs(c);
    }

    @Test
    void endpointDequeueRelinksNeighbours() {
        Endpoint ep = new Endpoint(0x9000);
        Tcb a = s.tcb("a", 9);
        Tcb b = s.tcb("b", 8);
        Tcb c = s.tcb("c", 7);
        q.tcbEPAppend(a, ep.queue);
        q.tcbEPAppend(b, ep.queue);
        q.tcbEPAppend(c, ep.queue);
        q.tcbEPDequeue(b, ep.queue);
        assertThat(SchedTestSupport.contents(ep.queue)).containsExactly(a, c);
        assertThat(c.tcbSchedPrev).isSameAs(a);
        q.tcbEPDequeue(a, ep.queue);
        q.tcbEPDequeue(c, ep.queue);
        assertThat(ep.queue.isEmpty()).isTrue();
        assertThat(ep.queue.end).isNull();
    }

    @Test
    void appendingAReadyQueuedThreadToAnEndpointViolatesQ11() {
        Endpoint ep = new Endpoint(0x9000);
        Tcb other = rr("other", 10);
        Tcb a = rr("a", 10);
        q.tcbSchedEnqueue(other);
        q.tcbSchedEnqueue(a);
        assertThatThrownBy(() -> q.tcbEPAppend(a, ep.queue))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageStartingWith("Q11 tcbEPAppend");
    }

    @Test
    void sharedLinksMeanAnUncheckedEndpointAppendCorruptsTheReadyQueue() {
        SchedTestSupport rel = new SchedTestSupport(Config.aarch64().toBuilder().checks(false).build());
        Endpoint ep = new Endpoint(0x9000);
        Tcb a = rel.rrThread("a", 10, 1000);
        Tcb b = rel.rrThread("b", 10, 1000);
        Tcb w = rel.tcb("waiter", 200);
        rel.k.tcbQueues.tcbSchedEnqueue(b);
        rel.k.tcbQueues.tcbSchedEnqueue(a); // ready queue: a, b
        rel.k.tcbQueues.tcbEPAppend(w, ep.queue);
        rel.k.tcbQueues.tcbEPAppend(a, ep.queue); // bug-B state: a in both queues
        // a's ready-queue link survives, so walking the endpoint queue wanders into the ready
        // queue, and a's back link now points into the endpoint queue
        assertThat(ep.queue.end).isSameAs(a);
        assertThat(SchedTestSupport.contents(ep.queue)).containsExactly(w, a, b);
        assertThat(rel.ready(10)).containsExactly(a, b);
        assertThat(a.tcbSchedPrev).isSameAs(w);
    }

    private SchedContext scAt(Tcb t, long releaseTime) {
        SchedContext sc = t.tcbSchedContext;
        sc.rTime[sc.scRefillHead] = releaseTime;
        return sc;
    }

    @Test
    void releaseQueueIsOrderedByReleaseTimeWithTiesAfterExistingMembers() {
        Tcb a = s.sporadicThread("a", 1, 100, 1000, 4);
        Tcb b = s.sporadicThread("b", 1, 100, 1000, 4);
        Tcb c = s.sporadicThread("c", 1, 100, 1000, 4);
        Tcb d = s.sporadicThread("d", 1, 100, 1000, 4);
        Tcb e = s.sporadicThread("e", 1, 100, 1000, 4);
        scAt(a, 500);
        scAt(b, 300);
        scAt(c, 500);
        scAt(d, 400);
        scAt(e, 900);
        for (Tcb t : List.of(a, b, c, d, e)) {
            q.tcbReleaseEnqueue(t);
        }
        assertThat(s.releaseQueue()).containsExactly(b, d, a, c, e);
        assertThat(a.tcbInReleaseQueue).isTrue();
        assertThat(a.tcbQueued).isFalse();
    }

    @Test
    void insertionInTheMiddleGoesAfterEqualTimes() {
        Tcb a = s.sporadicThread("a", 1, 100, 1000, 4);
        Tcb b = s.sporadicThread("b", 1, 100, 1000, 4);
        Tcb c = s.sporadicThread("c", 1, 100, 1000, 4);
        Tcb d = s.sporadicThread("d", 1, 100, 1000, 4);
        scAt(a, 100);
        scAt(b, 200);
        scAt(c, 300);
        scAt(d, 200);
        q.tcbReleaseEnqueue(a);
        q.tcbReleaseEnqueue(b);
        q.tcbReleaseEnqueue(c);
        q.tcbReleaseEnqueue(d);
        assertThat(s.releaseQueue()).containsExactly(a, b, d, c);
        assertThat(c.tcbSchedPrev).isSameAs(d);
    }

    @Test
    void timerIsReprogrammedOnlyWhenTheReleaseHeadChanges() {
        Tcb a = s.sporadicThread("a", 1, 100, 1000, 4);
        Tcb b = s.sporadicThread("b", 1, 100, 1000, 4);
        scAt(a, 500);
        scAt(b, 700);
        q.tcbReleaseEnqueue(a);
        assertThat(ks.ksReprogram).isTrue();
        ks.ksReprogram = false;
        q.tcbReleaseEnqueue(b);
        assertThat(ks.ksReprogram).isFalse();
        q.tcbReleaseRemove(b);
        assertThat(ks.ksReprogram).isFalse();
        assertThat(b.tcbInReleaseQueue).isFalse();
        q.tcbReleaseRemove(a);
        assertThat(ks.ksReprogram).isTrue();
        assertThat(ks.ksReleaseQueue.isEmpty()).isTrue();
    }

    @Test
    void releaseEnqueueOfAThreadAlreadyThereViolatesQ9() {
        Tcb a = s.sporadicThread("a", 1, 100, 1000, 4);
        q.tcbReleaseEnqueue(a);
        assertThatThrownBy(() -> q.tcbReleaseEnqueue(a))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageStartingWith("Q9 tcbReleaseEnqueue target not already in the release queue");
    }

    @Test
    void releaseEnqueueOfAReadyQueuedOrBlockedThreadViolatesQ9() {
        Tcb a = s.sporadicThread("a", 1, 100, 1000, 4);
        q.tcbSchedEnqueue(a);
        assertThatThrownBy(() -> q.tcbReleaseEnqueue(a))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageStartingWith("Q9 tcbReleaseEnqueue target not in a ready queue");
        Tcb b = s.sporadicThread("b", 1, 100, 1000, 4);
        b.tcbState = ThreadState.BlockedOnReply(null);
        assertThatThrownBy(() -> q.tcbReleaseEnqueue(b))
                .isInstanceOf(InvariantViolation.class)
                .hasMessageStartingWith("Q9 tcbReleaseEnqueue target runnable");
    }

    @Test
    void withoutChecksCorruptedQueuesAreWalkedWithoutHanging() {
        SchedTestSupport rel = new SchedTestSupport(Config.aarch64().toBuilder().checks(false).build());
        TcbQueues rq = rel.k.tcbQueues;
        Tcb a = rel.sporadicThread("a", 1, 100, 1000, 4);
        Tcb b = rel.sporadicThread("b", 1, 100, 1000, 4);
        Tcb c = rel.sporadicThread("c", 1, 100, 1000, 4);
        scAt(a, 100);
        scAt(b, 200);
        scAt(c, 150);
        rq.tcbReleaseEnqueue(a);
        rq.tcbReleaseEnqueue(b);
        rq.tcbReleaseEnqueue(a); // a now links to itself
        assertThat(a.tcbSchedNext).isSameAs(a);
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> rq.tcbReleaseEnqueue(c));

        Endpoint ep = new Endpoint(0x9000);
        Tcb w = rel.tcb("w", 1);
        Tcb z = rel.tcb("z", 9);
        rel.k.tcbQueues.tcbEPAppend(w, ep.queue);
        w.tcbSchedPrev = w; // a cycle on the backward walk
        assertTimeoutPreemptively(java.time.Duration.ofSeconds(5), () -> rq.tcbEPAppend(z, ep.queue));
    }

    @Test
    void releaseDequeueReturnsTheHead() {
        Tcb a = s.sporadicThread("a", 1, 100, 1000, 4);
        Tcb b = s.sporadicThread("b", 1, 100, 1000, 4);
        scAt(a, 10);
        scAt(b, 20);
        q.tcbReleaseEnqueue(b);
        q.tcbReleaseEnqueue(a);
        assertThat(q.tcbReleaseDequeue()).isSameAs(a);
        assertThat(a.tcbInReleaseQueue).isFalse();
        assertThat(s.releaseQueue()).containsExactly(b);
    }

    @Test
    void releasingTheCurrentOrARoundRobinThreadViolatesQ17() {
        Tcb a = s.sporadicThread("a", 1, 100, 1000, 4);
        q.tcbReleaseEnqueue(a);
        s.makeCurrent(a);
        assertThatThrownBy(() -> q.tcbReleaseDequeue())
                .isInstanceOf(InvariantViolation.class)
                .hasMessageStartingWith("Q17 tcbReleaseDequeue released thread is not the current thread");

        SchedTestSupport t = new SchedTestSupport();
        Tcb r = t.rrThread("r", 1, 1000);
        t.k.tcbQueues.tcbReleaseEnqueue(r);
        assertThatThrownBy(() -> t.k.tcbQueues.tcbReleaseDequeue())
                .isInstanceOf(InvariantViolation.class)
                .hasMessageStartingWith("Q17 tcbReleaseDequeue released thread is not round-robin");
    }
}
