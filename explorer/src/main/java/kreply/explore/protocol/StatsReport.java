package kreply.explore.protocol;

/**
 * The work a search did: scenario events and kernel entries (kernel events), trials or states,
 * worker threads, wall time, and for the exhaustive search the depth it completed and whether the
 * budget cut it short.
 */
public record StatsReport(long events, long kernelEntries, long trials, long states, int threads, long elapsedNanos,
                          int depthCompleted, boolean budgetExhausted) {

    public double kernelEventsPerSecond() {
        return elapsedNanos == 0 ? 0 : kernelEntries * 1e9 / elapsedNanos;
    }

    public double eventsPerSecond() {
        return elapsedNanos == 0 ? 0 : events * 1e9 / elapsedNanos;
    }
}
