package kreply.explore.search;

/**
 * How much work a search did: scenario events applied, kernel entries they caused (both counted
 * over every replay too), trials or states explored, worker threads and wall time.
 */
public record SearchStats(long events, long kernelEntries, long trials, long states, int threads, long elapsedNanos) {

    /** Kernel entries per second of wall time. */
    public double kernelEventsPerSecond() {
        return elapsedNanos == 0 ? 0 : kernelEntries * 1e9 / elapsedNanos;
    }

    public double eventsPerSecond() {
        return elapsedNanos == 0 ? 0 : events * 1e9 / elapsedNanos;
    }
}
