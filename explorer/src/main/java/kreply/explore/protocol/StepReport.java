package kreply.explore.protocol;

/**
 * One printed line of a trace: 1-based step, time after the event (µs), the thread that was
 * running when it happened, the event, and what it visibly changed.
 */
public record StepReport(int step, long time, String current, String event, String change) {
}
