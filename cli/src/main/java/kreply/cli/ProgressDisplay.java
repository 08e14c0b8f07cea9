package kreply.cli;

import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import kreply.analyzer.engine.ProgressListener;

/**
 * A one-line progress display on stderr for long runs. It appears only after {@code delayMillis}
 * (short runs stay silent) and only when stderr is an interactive terminal, so files and CI logs
 * never receive carriage-return noise. A daemon ticker repaints the elapsed time even while the
 * engine is inside a long phase that reports nothing; {@link #close()} erases the line.
 */
final class ProgressDisplay implements ProgressListener, AutoCloseable {
    static final long DEFAULT_DELAY_MILLIS = 2000;
    private static final long TICK_MILLIS = 250;
    private static final String CLEAR_LINE = "\r\033[K";

    private final PrintWriter err;
    private final boolean enabled;
    private final long delayMillis;
    private final LongSupplier clock;
    private final long start;
    private final Thread ticker;

    private String phase = "starting";
    private long done;
    private long total;
    private boolean painted;
    private boolean closed;

    private ProgressDisplay(PrintWriter err, boolean enabled, long delayMillis, LongSupplier clock, boolean tick) {
        this.err = err;
        this.enabled = enabled;
        this.delayMillis = delayMillis;
        this.clock = clock;
        this.start = clock.getAsLong();
        if (enabled && tick) {
            ticker = new Thread(this::tickLoop, "kreply-progress");
            ticker.setDaemon(true);
            ticker.start();
        } else {
            ticker = null;
        }
    }

    /** The display for a real run: enabled only on a terminal, repainted by a background ticker. */
    static ProgressDisplay start(PrintWriter err, boolean terminal) {
        return new ProgressDisplay(err, terminal, DEFAULT_DELAY_MILLIS,
                () -> TimeUnit.NANOSECONDS.toMillis(System.nanoTime()), true);
    }

    /** A display driven only by {@link #paintIfDue()}, for tests with a fake clock. */
    static ProgressDisplay manual(PrintWriter err, boolean terminal, long delayMillis, LongSupplier clock) {
        return new ProgressDisplay(err, terminal, delayMillis, clock, false);
    }

    @Override
    public synchronized void progress(String phase, long done, long total) {
        this.phase = phase == null ? "" : phase;
        this.done = done;
        this.total = total;
        paintIfDue();
    }

    synchronized void paintIfDue() {
        if (!enabled || closed) {
            return;
        }
        long elapsed = clock.getAsLong() - start;
        if (elapsed < delayMillis) {
            return;
        }
        StringBuilder line = new StringBuilder("kreply: ").append(phase);
        if (total > 0) {
            line.append(' ').append(done).append('/').append(total).append(" (").append(done * 100 / total)
                    .append("%)");
        } else if (done > 0) {
            line.append(' ').append(done);
        }
        line.append(String.format(" %.1fs", elapsed / 1000.0));
        err.print(CLEAR_LINE + line);
        err.flush();
        painted = true;
    }

    private void tickLoop() {
        try {
            while (true) {
                Thread.sleep(TICK_MILLIS);
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                }
                paintIfDue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (painted) {
                err.print(CLEAR_LINE);
                err.flush();
            }
        }
        if (ticker != null) {
            ticker.interrupt();
        }
    }
}
