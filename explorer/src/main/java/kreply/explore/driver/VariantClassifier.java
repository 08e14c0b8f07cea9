package kreply.explore.driver;

import java.util.Set;
import sel4.object.tcb.Tcb;

/**
 * Classifies a violation into a #346 variant by the state of the thread it is about, at the moment
 * the check failed: checks that catch a thread blocked (or being enqueued on an endpoint) while it
 * is scheduler-queued — ready_qs_runnable, the release-enqueue check, not_sched_linked,
 * blocked_not_queued, the queue walks, chooseThread's schedulable check — name a thread that is
 * either in a ready queue or in the release queue. The runnable assertion of the hypervisor IRQ
 * handlers is the timeout case.
 */
final class VariantClassifier {
    private static final Set<String> QUEUE_CHECKS = Set.of("Q1", "Q9", "Q11", "Q12", "Q13", "Q14", "Q20", "Q21");

    private VariantClassifier() {
    }

    static Variant classify(LiveSystem sys, String invariant, String threadName) {
        if (invariant.startsWith("VPPIEvent: current thread runnable")
                || invariant.startsWith("VGICMaintenance: current thread runnable")) {
            return Variant.TIMEOUT;
        }
        int sp = invariant.indexOf(' ');
        String id = sp > 0 ? invariant.substring(0, sp) : invariant;
        Tcb t = threadNamed(sys, threadName);
        if (t == null || !QUEUE_CHECKS.contains(id)) {
            return Variant.OTHER;
        }
        if (t.tcbQueued) {
            return Variant.READY_QUEUE;
        }
        if (t.tcbInReleaseQueue) {
            return Variant.RELEASE_QUEUE;
        }
        return Variant.OTHER;
    }

    private static Tcb threadNamed(LiveSystem sys, String name) {
        if (name == null) {
            return null;
        }
        ThreadHandle h = sys.handleNamed(name);
        if (h != null) {
            return h.tcb;
        }
        Tcb ct = sys.k.ks.ksCurThread;
        return ct != null && name.equals(ct.tcbName) ? ct : null;
    }
}
