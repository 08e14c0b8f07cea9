package kreply.explore.search;

import kreply.explore.config.SystemConfig;
import kreply.explore.driver.Action;
import kreply.explore.driver.ActionCatalog;
import kreply.explore.driver.Violation;
import kreply.explore.trace.EventKind;

/**
 * Shrinks a failing scenario to a minimal one that fails the same way ({@link Violation#sameAs}: the
 * same #346 variant, or for other violations the same invariant): delta debugging over the events (in the manner of Zeller's
 * ddmin, removing ever smaller chunks), then simplifying each remaining event's argument (message
 * label and length to 0, times halved while it still fails, EOI / InjectIRQ on lower list
 * registers), then delta debugging again if anything changed, and for short results removing
 * every contiguous range of events as a whole. Candidates are replayed leniently: an event a
 * removal made impossible is skipped, and the result keeps only the events that were applied, so
 * the shrunk scenario replays strictly. The number of replays is bounded.
 */
public final class Shrinker {
    /** Replays the shrinker may spend. */
    public static final int DEFAULT_MAX_REPLAYS = 4000;
    /** Longest scenario whose every contiguous range is tried for removal. */
    private static final int RANGE_LIMIT = 40;

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
        if (simplifyArguments() | simplifyListRegisters()) {
            ddmin();
        }
        removeRanges();
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

    /**
     * Removes chunks of events while the scenario still fails, halving the chunk size whenever a
     * whole pass removes nothing, down to single events (so the result is 1-minimal: no single
     * event can be removed). After a successful removal the pass goes on at the same position
     * instead of starting over, which keeps the number of replays near n log n for the long,
     * mostly irrelevant scenarios random trials produce.
     */
    private void ddmin() {
        int chunk = Math.max(1, best.size() / 2);
        while (best.size() >= 2 && replays < maxReplays) {
            boolean removed = false;
            int start = 0;
            while (start < best.size() && replays < maxReplays) {
                int size = best.size();
                int end = Math.min(size, start + chunk);
                if (end - start < size && test(best.without(start, end))) {
                    removed = true;
                } else {
                    start += chunk;
                }
            }
            if (!removed) {
                if (chunk == 1) {
                    return;
                }
                chunk = Math.max(1, chunk / 2);
            }
        }
    }

    /**
     * For short scenarios, tries removing every contiguous range, longest first. ddmin removes
     * aligned chunks and keeps only removals that fail on their own; a run of time events that
     * only matters as a whole (each moves the next deadline) needs to go in one piece.
     */
    private void removeRanges() {
        if (best.size() > RANGE_LIMIT) {
            return;
        }
        for (int len = best.size() - 1; len >= 1 && replays < maxReplays; len--) {
            for (int from = 0; from + len <= best.size() && replays < maxReplays; from++) {
                if (test(best.without(from, from + len))) {
                    len = best.size();
                    break;
                }
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

    /**
     * Replaces EOI and InjectIRQ events with the same event on a lower list register where the
     * scenario still fails (list registers injected at start-up make events that re-inject them
     * unnecessary); true if any changed.
     */
    private boolean simplifyListRegisters() {
        boolean changed = false;
        ActionCatalog catalog = catalog();
        for (int i = 0; i < best.size() && replays < maxReplays; i++) {
            Action a = catalog.get(best.id(i));
            for (int id = 0; id < catalog.size(); id++) {
                if (!catalog.get(id).isLowerListRegisterOf(a)) {
                    continue;
                }
                Steps s = best.copy();
                s.replace(i, id, best.arg(i));
                int before = best.size();
                if (test(s)) {
                    changed = true;
                    if (best.size() != before) {
                        i = -1;
                    }
                    break;
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

    private ActionCatalog catalog;

    /** Template ids are the same in every build of the configuration, so one catalog describes them all. */
    private ActionCatalog catalog() {
        if (catalog == null) {
            catalog = Session.start(config).catalog();
        }
        return catalog;
    }

    /** The kind whose argument {@link #simpler} varies: SYSCALL for messages, null if there is none. */
    private EventKind kindOf(int id) {
        Action a = catalog().get(id);
        if (a.takesMessage()) {
            return EventKind.SYSCALL;
        }
        return a.takesTime() ? a.kind() : null;
    }

    /** Simpler values to try for an argument, simplest first (halving, so a time shrinks in log steps). */
    private static long[] simpler(EventKind kind, long arg) {
        if (kind == null) {
            return new long[0];
        }
        return switch (kind) {
            case SYSCALL -> new long[] {Action.message(0, 0), Action.message(Action.label(arg), 0),
                Action.message(0, Action.length(arg))};
            case TICK -> new long[] {1, arg / 2};
            case DEADLINE -> new long[] {0, 1, arg / 2};
            default -> new long[0];
        };
    }
}
