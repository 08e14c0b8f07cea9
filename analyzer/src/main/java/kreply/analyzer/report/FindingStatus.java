package kreply.analyzer.report;

/** Where a finding stands with respect to the CI gate. */
public enum FindingStatus {
    /** Not in the baseline and not suppressed: counts against {@code --fail-on new}. */
    NEW,
    /** Matched by a baseline entry (by content fingerprint). */
    BASELINED,
    /** Suppressed in the source by an annotation or comment that names the rule and a reason. */
    SUPPRESSED
}
