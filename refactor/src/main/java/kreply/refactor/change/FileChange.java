package kreply.refactor.change;

/** One file's text before and after, by its path relative to the refactored tree's root. */
public record FileChange(String file, String before, String after) {
}
