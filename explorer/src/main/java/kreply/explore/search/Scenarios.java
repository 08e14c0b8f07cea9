package kreply.explore.search;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import kreply.explore.config.SystemConfig;
import kreply.explore.driver.Action;
import kreply.explore.driver.ActionCatalog;
import kreply.explore.driver.StateView;
import kreply.explore.driver.Stepper;
import kreply.explore.driver.Violation;
import kreply.explore.trace.TraceEvent;
import kreply.explore.trace.TraceException;

/**
 * What happens to a scenario after the search: shrinking it, converting between the compact form
 * and trace events (by name), and replaying it step by step for printing — the time, the thread
 * that was running, the event and what it changed.
 */
public final class Scenarios {
    /** A shrunk scenario and the replays shrinking took. */
    public record Shrunk(Steps steps, int replays) {
    }

    /** One replayed step, ready to print. */
    public record PrintedStep(int step, long time, String current, String event, String change) {
    }

    /**
     * A step-by-step replay: the steps that ran, the violation (or null), how it ended, and, if
     * an event could not happen, which one (1-based) and why.
     */
    public record Printed(List<PrintedStep> steps, Violation violation, Stepper.Outcome last, int failedStep,
                          String failure) {
    }

    private Scenarios() {
    }

    public static Shrunk shrink(SystemConfig config, Found found, int maxReplays, Consumer<String> progress) {
        Shrinker s = new Shrinker(config, found.violation(), new Counters(), maxReplays);
        try (ProgressTicker ticker = ProgressTicker.start(progress, "shrinking", s::replays, maxReplays)) {
            Steps shrunk = s.shrink(found.steps());
            return new Shrunk(shrunk, s.replays());
        }
    }

    /** The scenario as trace events (names instead of template ids). */
    public static List<TraceEvent> events(SystemConfig config, Steps steps) {
        ActionCatalog catalog = Session.start(config).catalog();
        List<TraceEvent> out = new ArrayList<>(steps.size());
        for (int i = 0; i < steps.size(); i++) {
            out.add(catalog.get(steps.id(i)).toTrace(steps.arg(i)));
        }
        return out;
    }

    /** The compact scenario for trace events; an event the system has no template for is an error. */
    public static Steps steps(SystemConfig config, List<TraceEvent> events, String source) {
        ActionCatalog catalog = Session.start(config).catalog();
        Steps steps = new Steps(events.size());
        for (int i = 0; i < events.size(); i++) {
            TraceEvent e = events.get(i);
            Action a = catalog.find(e);
            if (a == null) {
                throw new TraceException(source + ": event " + (i + 1) + " (" + e.describe()
                        + ") does not exist in the configured system (unknown thread, object or cap)");
            }
            steps.add(a.id(), ActionCatalog.argOf(e));
        }
        return steps;
    }

    /** Replays strictly on a fresh system, recording a printable line per step. */
    public static Printed print(SystemConfig config, Steps steps) {
        List<PrintedStep> lines = new ArrayList<>();
        StateView[] before = new StateView[1];
        String[] failure = new String[1];
        Replayer.Result r = Replayer.replay(config, steps, false, new Counters(), new Replayer.Listener() {
            @Override
            public void before(Session s, int index, Action a, long arg) {
                before[0] = StateView.of(s.system());
                if (!s.stepper().applicable(a, arg)) {
                    failure[0] = a.toTrace(arg).describe() + " cannot happen here (running: "
                            + s.system().currentName() + ", time " + s.system().now() + " µs)";
                }
            }

            @Override
            public void after(Session s, int index, Action a, long arg, Stepper.Outcome outcome) {
                StateView now = StateView.of(s.system());
                String change = outcome == Stepper.Outcome.VIOLATION ? "check failed: " + s.stepper().violation().invariant()
                        : outcome == Stepper.Outcome.STUCK ? "interrupt storm: the CPU never returned to a thread"
                        : now.changes(before[0]);
                lines.add(new PrintedStep(index + 1, s.system().now(), before[0].current(), a.toTrace(arg).describe(),
                        change));
            }
        });
        int failedStep = r.failedAt() >= 0 ? r.failedAt() + 1 : -1;
        return new Printed(lines, r.violation(), r.last(), failedStep, failedStep > 0 ? failure[0] : null);
    }
}
