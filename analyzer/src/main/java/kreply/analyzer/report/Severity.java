package kreply.analyzer.report;

/** Severity of a rule and of its findings; maps onto SARIF levels error / warning / note. */
public enum Severity {
    ERROR,
    WARNING,
    NOTE;

    public String sarifLevel() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
