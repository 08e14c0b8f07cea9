package kreply.explore.search;

import kreply.explore.config.SystemConfig;
import kreply.explore.driver.Action;
import kreply.explore.driver.Stepper;
import kreply.explore.driver.Violation;

/**
 * Replays a compact scenario on a freshly built system. Strict replays stop at the first event
 * that cannot happen; lenient ones (used while shrinking, where removing events makes later ones
 * impossible) skip such events. Either way the result keeps only the events that were applied, up
 * to and including the one during which a check failed.
 */
final class Replayer {
    /** Observes a replay step by step (used to print traces). */
    interface Listener {
        default void before(Session s, int index, Action a, long arg) {
        }

        default void after(Session s, int index, Action a, long arg, Stepper.Outcome outcome) {
        }
    }

    /** What a replay did. {@code failedAt} is the index (in {@code applied}) of an inapplicable event or -1. */
    record Result(Steps applied, Violation violation, Stepper.Outcome last, int failedAt) {
    }

    private static final Listener NONE = new Listener() {
    };

    private Replayer() {
    }

    static Result replay(SystemConfig config, Steps steps, boolean lenient, Counters counters) {
        return replay(config, steps, lenient, counters, NONE);
    }

    static Result replay(SystemConfig config, Steps steps, boolean lenient, Counters counters, Listener listener) {
        Session s = Session.start(config);
        Steps applied = new Steps(steps.size());
        Stepper.Outcome last = Stepper.Outcome.OK;
        int failedAt = -1;
        try {
            for (int i = 0; i < steps.size(); i++) {
                Action a = s.catalog().get(steps.id(i));
                long arg = steps.arg(i);
                listener.before(s, applied.size(), a, arg);
                Stepper.Outcome o = s.stepper().apply(a, arg);
                if (o == Stepper.Outcome.INAPPLICABLE) {
                    if (lenient) {
                        continue;
                    }
                    failedAt = applied.size();
                    last = o;
                    break;
                }
                applied.add(steps.id(i), arg);
                listener.after(s, applied.size() - 1, a, arg, o);
                last = o;
                if (o != Stepper.Outcome.OK) {
                    break;
                }
            }
        } finally {
            counters.events.addAndGet(applied.size());
            counters.kernelEntries.addAndGet(s.kernelEntries());
        }
        Violation v = last == Stepper.Outcome.VIOLATION ? s.stepper().violation() : null;
        return new Result(applied, v, last, failedAt);
    }
}
