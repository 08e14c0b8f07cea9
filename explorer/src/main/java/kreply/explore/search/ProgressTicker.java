package kreply.explore.search;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Reports a long search's progress to the host twice a second, as {@code phase<TAB>done<TAB>total}
 * lines (the host decides whether and how to show them). A daemon thread samples the search's
 * counters, so the workers never wait for it; closing it sends a last report and stops.
 */
final class ProgressTicker implements AutoCloseable {
    private static final long PERIOD_MILLIS = 500;
    private final Thread thread;
    private final Runnable report;
    private final boolean active;
    private volatile boolean stopped;

    private ProgressTicker(Consumer<String> sink, String phase, LongSupplier done, long total, boolean active) {
        this.active = active;
        this.report = () -> sink.accept(phase + "\t" + done.getAsLong() + "\t" + total);
        thread = new Thread(() -> {
            while (!stopped) {
                try {
                    Thread.sleep(PERIOD_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
                if (!stopped) {
                    report.run();
                }
            }
        }, "kreply-explore-progress");
        thread.setDaemon(true);
    }

    /** Starts reporting, or does nothing when there is no sink. */
    static ProgressTicker start(Consumer<String> sink, String phase, LongSupplier done, long total) {
        ProgressTicker t = new ProgressTicker(sink == null ? s -> { } : sink, phase, done, total, sink != null);
        if (t.active) {
            t.thread.start();
        }
        return t;
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
        if (active) {
            report.run();
        }
    }
}
