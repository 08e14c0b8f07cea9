package kreply.explore.search;

import kreply.explore.config.SystemConfig;
import kreply.explore.driver.Action;
import kreply.explore.driver.Violation;
import kreply.explore.trace.EventKind;

/**
 * Shrinks a failing scenario to a minimal one that fails the same way (same kind of failure, same
 * invariant, same #346 variant): delta debugging over the events (Zeller's ddmin, removing ever
 * smaller chunks), then simplifying each remaining event's argument (message label and length to
 * 0, times to the smallest value that still fails), then delta debugging once more if the
 * arguments changed. Candidates are replayed leniently: an event a removal made impossible is
 * skipped, and the result keeps only the events that were applied, so the shrunk scenario replays
 * strictly. The number of replays is bounded.
 */
public final class Shrinker {
    /** Replays the shrinker may spend. */
    public static final int DEFAULT_MAX_REPLAYS = 4000;

    private final SystemConfig config;
    private final Violation target;
    private final Counters counters;
    private final int maxReplays;
    private int replays;
    private Steps best;

    Shrinker(SystemConfig config, Violation target, Counters counters, int maxReplays) {
        this.config = config;
        this.target = target;
        this.counters = counters;
        this.maxReplays = maxReplays;
    }

    /** The shrunk scenario (its last event is the failing one). */
    Steps shrink(Steps failing) {
        best = failing;
        if (!test(failing)) {
            // Not reproducible on its own (cannot happen for a deterministic kernel): keep it as found.
            return failing;
        }
        ddmin();
        if (simplifyArguments()) {
            ddmin();
        }
        return best;
    }

    int replays() {
        return replays;
    }

    /** Replays {@code candidate}; if it fails the same way, it becomes the best scenario so far. */
    private boolean test(Steps candidate) {
        if (replays >= maxReplays) {
            return false;
        }
        replays++;
        Replayer.Result r = Replayer.replay(config, candidate, true, counters);
        if (r.violation() != null && r.violation().sameAs(target)) {
            if (r.applied().size() <= best.size()) {
                best = r.applied();
            }
            return true;
        }
        return false;
    }

    private void ddmin() {
        int n = 2;
        while (best.size() >= 2 && replays < maxReplays) {
            int size = best.size();
            int chunk = (size + n - 1) / n;
            boolean reduced = false;
            // The last event is where it fails; it is never a candidate for removal on its own.
            for (int start = 0; start < size; start += chunk) {
                int end = Math.min(size, start + chunk);
                if (start == 0 && end == size) {
                    continue;
                }
                if (test(best.without(start, end))) {
                    n = Math.max(n - 1, 2);
                    reduced = true;
                    break;
                }
            }
            if (!reduced) {
                if (chunk == 1) {
                    return;
                }
                n = Math.min(n * 2, size);
            }
        }
    }

    /**
     * Tries simpler arguments event by event, each as far as it goes (every accepted value is
     * strictly simpler, so this ends); true if any argument changed.
     */
    private boolean simplifyArguments() {
        boolean changed = false;
        for (int i = 0; i < best.size() && replays < maxReplays; i++) {
            boolean progress = true;
            while (progress && replays < maxReplays) {
                progress = false;
                EventKind kind = kindOf(best.id(i));
                long arg = best.arg(i);
                for (long candidate : simpler(kind, arg)) {
                    if (!simplerThan(kind, candidate, arg)) {
                        continue;
                    }
                    Steps s = best.copy();
                    s.setArg(i, candidate);
                    int before = best.size();
                    if (test(s)) {
                        changed = true;
                        if (best.size() == before) {
                            progress = true;
                        } else {
                            // The lenient replay dropped events: start again on the new scenario.
                            i = -1;
                        }
                        break;
                    }
                }
            }
        }
        return changed;
    }

    private static boolean simplerThan(EventKind kind, long candidate, long arg) {
        if (candidate < 0 || candidate == arg) {
            return false;
        }
        if (kind == EventKind.SYSCALL) {
            return Action.label(candidate) <= Action.label(arg) && Action.length(candidate) <= Action.length(arg);
        }
        return candidate < arg;
    }

    private EventKind[] kinds;
    private boolean[] messages;

    private EventKind kindOf(int id) {
        if (kinds == null) {
            Session s = Session.start(config);
            kinds = new EventKind[s.catalog().size()];
            messages = new boolean[kinds.length];
            for (int i = 0; i < kinds.length; i++) {
                Action a = s.catalog().get(i);
                kinds[i] = a.kind();
                messages[i] = a.takesMessage();
            }
        }
        return messages[id] ? EventKind.SYSCALL : kinds[id] == EventKind.SYSCALL ? null : kinds[id];
    }

    /** Simpler values to try for an argument, simplest first. */
    private static long[] simpler(EventKind kind, long arg) {
        if (kind == null) {
            return new long[0];
        }
        return switch (kind) {
            case SYSCALL -> new long[] {Action.message(0, 0), Action.message(Action.label(arg), 0),
                Action.message(0, Action.length(arg))};
            case TICK -> new long[] {1, arg / 2, arg - 1};
            case DEADLINE -> new long[] {0, 1, arg / 2, arg - 1};
            default -> new long[0];
        };
    }
}
