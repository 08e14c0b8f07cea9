package kreply.reports.gate;

import kreply.analyzer.report.FindingStatus;

/**
 * The CI gate policy of {@code --fail-on}: which findings make a run fail (exit code 1).
 * Suppressed findings never fail a run: a suppression is an explicit, reasoned acceptance in the
 * source.
 */
public enum FailOn {
    /** Fail on findings that are neither baselined nor suppressed (the default). */
    NEW,
    /** Fail on every unsuppressed finding, baselined or not. */
    ANY,
    /** Never fail because of findings (report only). */
    NONE;

    public boolean fails(GateOutcome outcome) {
        return switch (this) {
            case NEW -> outcome.count(FindingStatus.NEW) > 0;
            case ANY -> outcome.count(FindingStatus.NEW) + outcome.count(FindingStatus.BASELINED) > 0;
            case NONE -> false;
        };
    }
}
