package kreply.explore.search;

import java.util.function.LongSupplier;
import kreply.explore.config.SystemConfig;
import kreply.explore.driver.Action;
import kreply.explore.driver.ActionCatalog;
import kreply.explore.driver.ActionCatalog.Category;
import kreply.explore.driver.LiveSystem;
import kreply.explore.driver.Stepper;
import kreply.explore.trace.EventKind;

/**
 * One trial of the random search: build the system, then apply up to {@code depth} random events.
 *
 * <p>While a thread runs, each step first picks a category — a syscall of the current thread, a
 * faulting instruction, an event of its guest, time, or a device — with fixed weights among the
 * categories that have an enabled event, then an enabled event of that category uniformly, then
 * its argument ({@link Choices}). The weights keep rare-but-important events (a guest's timer, a
 * deadline) from drowning in a thread's many syscalls. Two biases keep systems alive long enough
 * to reach deep states, since a thread that dies stays dead: faults of a thread without a fault
 * handler (which stop it) are rarer, and a thread that owes a reply to a caller blocked on one of
 * its reply objects usually sends it (as servers and VMMs do) — with label 0, so a faulting caller
 * restarts.
 *
 * <p>While the idle thread runs, the CPU waits for an interrupt, as hardware does: a device raises
 * its line, or time passes (to the kernel's deadline or by a random amount). When nothing can ever
 * happen again — idle, no thread waiting in the release queue, no device line that can still
 * rise — the trial ends early rather than spend its remaining events on an empty system.
 *
 * <p>The walk is a pure function of the configuration and the trial seed.
 */
final class RandomWalk {
    private static final Category[] CATEGORIES = {Category.THREAD, Category.FAULT, Category.GUEST, Category.TIME,
        Category.DEVICE};
    /** Weights of the categories above while a thread runs. */
    private static final int[] WEIGHTS = {450, 50, 150, 280, 70};
    /** Fault weight of a thread without a fault handler (a fault stops it for good). */
    private static final int UNHANDLED_FAULT_WEIGHT = 2;
    /** How often (in %) a thread that owes a reply sends it. */
    private static final int REPLY_PERCENT = 90;
    /** While idle: the share (in %) of device events when a device can raise its line. */
    private static final int IDLE_DEVICE_PERCENT = 40;

    private final SystemConfig config;
    private final Choices choices;
    private final int depth;

    RandomWalk(SystemConfig config, int depth) {
        this.config = config;
        this.choices = new Choices(config);
        this.depth = depth;
    }

    private static Action pick(Rng rng, ActionCatalog catalog, Stepper stepper, int[][] enabled, int[] counts) {
        int total = 0;
        for (int c = 0; c < CATEGORIES.length; c++) {
            counts[c] = catalog.enabled(stepper, CATEGORIES[c], enabled[c]);
            if (counts[c] > 0) {
                total += weight(c, catalog, stepper);
            }
        }
        int r = rng.nextInt(total);
        int c = 0;
        while (counts[c] == 0 || r >= weight(c, catalog, stepper)) {
            if (counts[c] > 0) {
                r -= weight(c, catalog, stepper);
            }
            c++;
        }
        return catalog.get(enabled[c][rng.nextInt(counts[c])]);
    }

    private static int weight(int c, ActionCatalog catalog, Stepper stepper) {
        if (CATEGORIES[c] == Category.FAULT && !catalog.currentHasFaultHandler(stepper)) {
            return UNHANDLED_FAULT_WEIGHT;
        }
        return WEIGHTS[c];
    }

    /**
     * Runs trial {@code trial}; returns the violation found (with its scenario) or null.
     * {@code stopBelow} gives the lowest trial index already known to fail: a trial above it is
     * abandoned, since its result cannot matter.
     */
    Found run(long seed, long trial, Counters counters, LongSupplier stopBelow) {
        Rng rng = new Rng(Rng.trialSeed(seed, trial));
        Session s = Session.start(config);
        LiveSystem sys = s.system();
        Stepper stepper = s.stepper();
        ActionCatalog catalog = s.catalog();
        Steps steps = new Steps(64);
        int[][] enabled = new int[CATEGORIES.length][catalog.size()];
        int[] replies = new int[catalog.size()];
        int[] counts = new int[CATEGORIES.length];
        try {
            for (int i = 0; i < depth; i++) {
                if ((i & 63) == 0 && stopBelow.getAsLong() < trial) {
                    return null;
                }
                Action a;
                long arg;
                if (sys.idle()) {
                    int devices = catalog.enabled(stepper, Category.DEVICE, enabled[4]);
                    if (devices == 0 && !sys.threadsAwaitingRelease()) {
                        return null;
                    }
                    if (devices > 0 && rng.nextInt(100) < IDLE_DEVICE_PERCENT) {
                        a = catalog.get(enabled[4][rng.nextInt(devices)]);
                        arg = 0;
                    } else {
                        int times = catalog.enabled(stepper, Category.TIME, enabled[3]);
                        a = catalog.get(enabled[3][rng.nextInt(times)]);
                        // Woken by the kernel's deadline, or by a device after a while.
                        arg = a.kind() == EventKind.DEADLINE ? 0
                                : choices.random(a, rng, stepper.deadlineGap());
                    }
                } else {
                    int owed = catalog.owedReplies(stepper, replies);
                    if (owed > 0 && rng.nextInt(100) < REPLY_PERCENT) {
                        a = catalog.get(replies[rng.nextInt(owed)]);
                        arg = Action.message(0, rng.nextInt(3));
                    } else {
                        a = pick(rng, catalog, stepper, enabled, counts);
                        arg = choices.random(a, rng, stepper.deadlineGap());
                    }
                }
                steps.add(a.id(), arg);
                Stepper.Outcome o = stepper.apply(a, arg);
                if (o == Stepper.Outcome.VIOLATION) {
                    return new Found(steps, stepper.violation(), trial);
                }
                if (o == Stepper.Outcome.STUCK) {
                    return null;
                }
                if (o == Stepper.Outcome.INAPPLICABLE) {
                    steps.removeLast();
                }
            }
            return null;
        } finally {
            counters.events.addAndGet(steps.size());
            counters.kernelEntries.addAndGet(s.kernelEntries());
            counters.trials.incrementAndGet();
        }
    }
}
