package kreply.explore.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import kreply.explore.config.SystemConfig;
import kreply.explore.driver.Action;
import kreply.explore.driver.ActionCatalog;
import kreply.explore.driver.StateHasher;
import kreply.explore.driver.Stepper;
import kreply.explore.driver.Violation;

/**
 * The bounded exhaustive strategy: breadth-first search over event interleavings up to
 * {@code depth} events, trying every enabled event with a few fixed arguments (see
 * {@link Choices}) in every state, and skipping states already seen, by their canonical hash
 * ({@link StateHasher}). Breadth-first order makes the violation it reports one with the fewest
 * events. The kernel state cannot be copied, so each state is reached again by replaying its
 * scenario on a freshly built system.
 *
 * <p>Each level is expanded in parallel (workers claim scenarios from the frontier) and merged in
 * frontier order, so the result does not depend on the number of threads — unless the event
 * budget runs out in the middle of a level, where the exact cut-off depends on timing.
 */
public final class ExhaustiveSearch {
    /** What the search found: the first violation (or null), statistics, and how deep it got. */
    public record Result(Found found, SearchStats stats, int depthCompleted, boolean budgetExhausted) {
    }

    /** One expanded child: its scenario, outcome, state hash (if fine) and violation (if not). */
    private record Child(Steps steps, Stepper.Outcome outcome, long hash, Violation violation) {
    }

    private static final ActionCatalog.Category[] CATEGORIES = ActionCatalog.Category.values();

    private final SystemConfig config;
    private final long maxEvents;
    private final int depth;
    private final int threads;
    private final Choices choices;
    private Consumer<String> progress;

    public ExhaustiveSearch(SystemConfig config, long maxEvents, int depth, int threads) {
        if (depth < 1 || threads < 1 || maxEvents < 1) {
            throw new IllegalArgumentException("depth, threads and maxEvents must be positive");
        }
        this.config = config;
        this.maxEvents = maxEvents;
        this.depth = depth;
        this.threads = threads;
        this.choices = new Choices(config);
    }

    /** Reports progress (events explored out of the budget) to {@code sink} while searching. */
    public ExhaustiveSearch reportingTo(Consumer<String> sink) {
        this.progress = sink;
        return this;
    }

    public Result run() {
        long start = System.nanoTime();
        Counters counters = new Counters();
        try (ProgressTicker ticker = ProgressTicker.start(progress, "exploring", counters.events::get, maxEvents)) {
            return search(start, counters);
        }
    }

    private Result search(long start, Counters counters) {
        Session initial = Session.start(config);
        Set<Long> visited = new HashSet<>();
        visited.add(new StateHasher().hash(initial.system()));
        List<Steps> frontier = new ArrayList<>();
        frontier.add(new Steps(0));
        int completed = 0;
        boolean exhausted = false;
        for (int d = 0; d < depth && !frontier.isEmpty(); d++) {
            List<List<Child>> expanded = expandLevel(frontier, counters);
            List<Steps> next = new ArrayList<>();
            for (List<Child> children : expanded) {
                if (children == null) {
                    exhausted = true;
                    break;
                }
                for (Child c : children) {
                    if (c.outcome() == Stepper.Outcome.VIOLATION) {
                        counters.states.set(visited.size());
                        return new Result(new Found(c.steps(), c.violation(), d + 1), counters.stats(threads, start),
                                d, false);
                    }
                    if (c.outcome() == Stepper.Outcome.OK && visited.add(c.hash())) {
                        next.add(c.steps());
                    }
                }
            }
            counters.states.set(visited.size());
            if (exhausted) {
                break;
            }
            completed = d + 1;
            frontier = next;
        }
        return new Result(null, counters.stats(threads, start), completed, exhausted);
    }

    /**
     * Expands every scenario of the frontier; entry {@code i} holds the children of scenario
     * {@code i}, or null if the budget ran out before it was expanded. Scenarios after one with a
     * violating child are not needed and are left null too.
     */
    private List<List<Child>> expandLevel(List<Steps> frontier, Counters counters) {
        List<List<Child>> out = new ArrayList<>(frontier.size());
        for (int i = 0; i < frontier.size(); i++) {
            out.add(null);
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger firstViolation = new AtomicInteger(Integer.MAX_VALUE);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            Thread t = new Thread(() -> {
                try {
                    while (failure.get() == null) {
                        int i = next.getAndIncrement();
                        if (i >= frontier.size() || i > firstViolation.get() || counters.events.get() >= maxEvents) {
                            return;
                        }
                        List<Child> children = expand(frontier.get(i), counters);
                        synchronized (out) {
                            out.set(i, children);
                        }
                        if (children.stream().anyMatch(c -> c.outcome() == Stepper.Outcome.VIOLATION)) {
                            firstViolation.accumulateAndGet(i, Math::min);
                        }
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "kreply-explore-" + w);
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while searching", e);
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return out;
    }

    /** All children of one scenario: every enabled event with each of its fixed arguments. */
    private List<Child> expand(Steps path, Counters counters) {
        Session s = reach(path, counters);
        ActionCatalog catalog = s.catalog();
        int[] ids = new int[catalog.size()];
        List<long[]> moves = new ArrayList<>();
        for (ActionCatalog.Category c : CATEGORIES) {
            int n = catalog.enabled(s.stepper(), c, ids);
            for (int j = 0; j < n; j++) {
                Action a = catalog.get(ids[j]);
                for (long arg : choices.exhaustive(a, s.stepper().deadlineGap())) {
                    moves.add(new long[] {a.id(), arg});
                }
            }
        }
        List<Child> children = new ArrayList<>();
        StateHasher hasher = new StateHasher();
        for (int m = 0; m < moves.size(); m++) {
            if (m > 0) {
                s = reach(path, counters);
            }
            int id = (int) moves.get(m)[0];
            long arg = moves.get(m)[1];
            long entries = s.kernelEntries();
            Stepper.Outcome o = s.stepper().apply(s.catalog().get(id), arg);
            counters.events.incrementAndGet();
            counters.kernelEntries.addAndGet(s.kernelEntries() - entries);
            Steps child = path.plus(id, arg);
            if (o == Stepper.Outcome.VIOLATION) {
                children.add(new Child(child, o, 0, s.stepper().violation()));
                break;
            }
            children.add(new Child(child, o, o == Stepper.Outcome.OK ? hasher.hash(s.system()) : 0, null));
        }
        return children;
    }

    /** A fresh system driven through {@code path} (which ran clean when it was found). */
    private Session reach(Steps path, Counters counters) {
        Session s = Session.start(config);
        for (int i = 0; i < path.size(); i++) {
            Stepper.Outcome o = s.stepper().apply(s.catalog().get(path.id(i)), path.arg(i));
            if (o != Stepper.Outcome.OK) {
                throw new IllegalStateException("replaying an explored scenario gave " + o + " at event " + (i + 1)
                        + ": the kernel is not deterministic");
            }
        }
        counters.events.addAndGet(path.size());
        counters.kernelEntries.addAndGet(s.kernelEntries());
        return s;
    }
}
