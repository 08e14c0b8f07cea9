package kreply.explore;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import kreply.explore.protocol.FindingReport;
import kreply.explore.protocol.StatsReport;
import kreply.explore.protocol.StepReport;
import kreply.explore.protocol.ViolationReport;

/**
 * Renders the explorer's results as text: the violation with its #346 variant, the minimal trace
 * one event per line (time, running thread, event, visible state change), the speed line, and the
 * variants table that judges fixes.
 */
public final class TextReport {
    private TextReport() {
    }

    public static void violation(PrintWriter out, ViolationReport v) {
        out.println("VIOLATION " + v.invariant() + (v.thread() != null ? " (thread " + v.thread() + ")" : "")
                + (v.irqHandler() != null ? " during " + v.irqHandler() : ""));
        if (!"other".equals(v.variant())) {
            out.println("  #346 variant: " + v.variant() + " — " + v.variantMeaning());
        } else {
            out.println("  not a #346 variant");
        }
        out.println("  detail: " + v.detail());
    }

    public static void finding(PrintWriter out, FindingReport f, String foundWhere) {
        violation(out, f.violation());
        out.println("  found " + foundWhere + " after " + f.foundLength() + plural(f.foundLength(), " event")
                + (f.shrinkReplays() > 0 || f.steps().size() != f.foundLength()
                        ? "; shrunk to " + f.steps().size() + plural(f.steps().size(), " event") + " ("
                        + f.shrinkReplays() + " replays)" : ""));
        out.println();
        steps(out, f.steps());
        out.println("violation at step " + f.violation().step() + ": " + f.violation().invariant());
    }

    /** The trace table, one event per line. */
    public static void steps(PrintWriter out, List<StepReport> steps) {
        int eventWidth = "event".length();
        int threadWidth = "running".length();
        for (StepReport s : steps) {
            eventWidth = Math.max(eventWidth, s.event().length());
            threadWidth = Math.max(threadWidth, s.current().length());
        }
        eventWidth = Math.min(eventWidth, 60);
        String format = "%5s  %9s  %-" + threadWidth + "s  %-" + eventWidth + "s  %s%n";
        out.printf(format, "step", "time µs", "running", "event", "change");
        for (StepReport s : steps) {
            out.printf(format, s.step(), s.time(), s.current(), s.event(), s.change());
        }
    }

    public static void speed(PrintWriter out, StatsReport s) {
        double seconds = s.elapsedNanos() / 1e9;
        out.printf(Locale.ROOT, "speed: %,d events, %,d kernel events in %.2f s: %,.0f kernel events/s (%,.0f events/s),"
                        + " %d %s, %,.0f kernel events/s per thread%n", s.events(), s.kernelEntries(), seconds,
                s.kernelEventsPerSecond(), s.eventsPerSecond(), s.threads(), s.threads() == 1 ? "thread" : "threads",
                s.kernelEventsPerSecond() / s.threads());
        if (seconds < SHORT_RUN_SECONDS) {
            out.println("  (a run this short is mostly start-up and JIT compilation; the explorer benchmark measures"
                    + " steady speed: mvn -B -Pbench -pl explorer -am verify -DskipTests)");
        }
    }

    /** Below this a search's speed says little about the explorer's steady speed. */
    private static final double SHORT_RUN_SECONDS = 2;

    /** One row per kernel, one column per variant: which #346 variants remain. */
    public static void variantTable(PrintWriter out, List<String> kernels, List<String> variants, List<List<String>> cells) {
        int kw = "kernel".length();
        for (String k : kernels) {
            kw = Math.max(kw, k.length());
        }
        StringBuilder header = new StringBuilder(String.format("%-" + kw + "s", "kernel"));
        for (String v : variants) {
            header.append("  ").append(String.format("%-14s", v));
        }
        out.println(header.toString().stripTrailing());
        for (int i = 0; i < kernels.size(); i++) {
            StringBuilder row = new StringBuilder(String.format("%-" + kw + "s", kernels.get(i)));
            for (String c : cells.get(i)) {
                row.append("  ").append(String.format("%-14s", c));
            }
            out.println(row.toString().stripTrailing());
        }
    }

    private static String plural(long n, String word) {
        return n == 1 ? word : word + "s";
    }
}
