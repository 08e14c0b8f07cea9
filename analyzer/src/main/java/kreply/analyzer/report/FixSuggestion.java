package kreply.analyzer.report;

/**
 * A refactoring that applies to a finding: the recipe name (e.g. {@code spec-reply}), a one-line
 * description, and the unified diff it would produce for this finding's method when known (null
 * until the refactoring engine has computed it).
 */
public record FixSuggestion(String recipe, String description, String unifiedDiff) {
}
