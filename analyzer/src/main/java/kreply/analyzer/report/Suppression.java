package kreply.analyzer.report;

/**
 * A suppression found in the sources: an annotation or comment naming {@code ruleId} (or
 * {@code *}) with a reason. It covers findings in {@code file} whose line lies in
 * [{@code fromLine}, {@code toLine}] (the annotated declaration, or the line after the comment).
 */
public record Suppression(String ruleId, String reason, String file, int line, int fromLine, int toLine) {
    public boolean covers(Finding f) {
        return (ruleId.equals("*") || ruleId.equals(f.ruleId())) && file.equals(f.file()) && f.line() >= fromLine
                && f.line() <= toLine;
    }
}
