package kreply.explore.search;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import kreply.explore.config.SystemConfig;
import kreply.explore.driver.Variant;

/**
 * The random strategy: independent trials (random walks of up to {@code depth} events from the
 * freshly built system), run by several worker threads that share a trial counter and a stop flag.
 * Trial {@code i} is seeded from the run's seed and {@code i} alone, and the result is defined by
 * trial indices, not by timing, so it is the same for any number of threads:
 *
 * <ul>
 * <li>{@link #firstViolation()}: the violation of the lowest-numbered failing trial. A trial above
 *     a known failure is abandoned; trials below it always finish.</li>
 * <li>{@link #variants}: keeps searching after violations and reports, for each #346 variant (and
 *     for other violations), the lowest-numbered trial that found it. It stops claiming trials once
 *     every target variant has been found; claimed trials finish, which makes the lowest index per
 *     variant exact.</li>
 * </ul>
 * The budget is {@code maxEvents} scenario events: {@code ceil(maxEvents / depth)} trials.
 */
public final class RandomSearch {
    /** What a random search found. */
    public record Result(Found first, Map<Variant, Found> byVariant, SearchStats stats) {
    }

    private final SystemConfig config;
    private final long seed;
    private final long maxTrials;
    private final long maxEvents;
    private final int depth;
    private final int threads;
    private Consumer<String> progress;

    public RandomSearch(SystemConfig config, long seed, long maxEvents, int depth, int threads) {
        if (depth < 1 || threads < 1 || maxEvents < 1) {
            throw new IllegalArgumentException("depth, threads and maxEvents must be positive");
        }
        this.config = config;
        this.seed = seed;
        this.depth = depth;
        this.threads = threads;
        this.maxTrials = maxEvents / depth + (maxEvents % depth == 0 ? 0 : 1);
        this.maxEvents = maxEvents;
    }

    /** Reports progress (events explored out of the budget) to {@code sink} while searching. */
    public RandomSearch reportingTo(Consumer<String> sink) {
        this.progress = sink;
        return this;
    }

    /** Searches until a violation is found or the budget runs out. */
    public Result firstViolation() {
        AtomicLong best = new AtomicLong(Long.MAX_VALUE);
        ConcurrentSkipListMap<Long, Found> found = new ConcurrentSkipListMap<>();
        long start = System.nanoTime();
        Counters counters = new Counters();
        runWorkers(counters, () -> best.get(), (trial, f) -> {
            found.put(trial, f);
            best.accumulateAndGet(trial, Math::min);
        }, trial -> trial > best.get());
        Found first = found.isEmpty() ? null : found.firstEntry().getValue();
        Map<Variant, Found> byVariant = new EnumMap<>(Variant.class);
        if (first != null) {
            byVariant.put(first.violation().variant(), first);
        }
        return new Result(first, byVariant, counters.stats(threads, start));
    }

    /**
     * Searches for every variant in {@code targets}, stopping early once all are found (an empty
     * set searches the whole budget). Violations of other variants are collected too.
     */
    public Result variants(Set<Variant> targets) {
        Set<Variant> wanted = targets.isEmpty() ? EnumSet.noneOf(Variant.class) : EnumSet.copyOf(targets);
        Map<Variant, Found> byVariant = new EnumMap<>(Variant.class);
        AtomicBoolean stop = new AtomicBoolean();
        long start = System.nanoTime();
        Counters counters = new Counters();
        runWorkers(counters, () -> Long.MAX_VALUE, (trial, f) -> {
            synchronized (byVariant) {
                Variant v = f.violation().variant();
                Found old = byVariant.get(v);
                if (old == null || old.trial() > trial) {
                    byVariant.put(v, f);
                }
                if (!wanted.isEmpty() && byVariant.keySet().containsAll(wanted)) {
                    stop.set(true);
                }
            }
        }, trial -> stop.get());
        Found first = null;
        for (Found f : byVariant.values()) {
            if (first == null || f.trial() < first.trial()) {
                first = f;
            }
        }
        return new Result(first, byVariant, counters.stats(threads, start));
    }

    private interface Sink {
        void found(long trial, Found f);
    }

    private interface Cutoff {
        boolean skip(long trial);
    }

    private void runWorkers(Counters counters, LongSupplier stopBelow, Sink sink, Cutoff cutoff) {
        // Build once in the caller's thread: a configuration the kernel refuses fails here, clearly.
        Session.start(config);
        AtomicLong next = new AtomicLong();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Thread> workers = new ArrayList<>();
        ProgressTicker ticker = ProgressTicker.start(progress, "exploring", counters.events::get, maxEvents);
        for (int w = 0; w < threads; w++) {
            Thread t = new Thread(() -> {
                RandomWalk walk = new RandomWalk(config, depth);
                try {
                    while (failure.get() == null) {
                        long trial = next.getAndIncrement();
                        if (trial >= maxTrials || cutoff.skip(trial)) {
                            return;
                        }
                        Found f = walk.run(seed, trial, counters, stopBelow);
                        if (f != null) {
                            sink.found(trial, f);
                        }
                    }
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "kreply-explore-" + w);
            workers.add(t);
            t.start();
        }
        try {
            for (Thread t : workers) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while searching", e);
        } finally {
            ticker.close();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
    }
}
