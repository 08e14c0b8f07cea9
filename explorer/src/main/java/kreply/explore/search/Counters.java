package kreply.explore.search;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Work counters shared by the workers of one search. Workers add their totals once per trial or
 * replay, not per event, so the counters cost nothing on the hot path.
 */
final class Counters {
    final AtomicLong events = new AtomicLong();
    final AtomicLong kernelEntries = new AtomicLong();
    final AtomicLong trials = new AtomicLong();
    final AtomicLong states = new AtomicLong();

    SearchStats stats(int threads, long startNanos) {
        return new SearchStats(events.get(), kernelEntries.get(), trials.get(), states.get(), threads,
                System.nanoTime() - startNanos);
    }
}
