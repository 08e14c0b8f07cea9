package kreply.analyzer.report;

/** A source file that could not be parsed and was skipped: file (relative), line and the parser's message. */
public record ParseProblem(String file, int line, String message) {
}
