package kreply.analyzer.engine;

/**
 * Bad input to an analysis: a missing, empty or non-Java path, an unreadable or invalid rule pack.
 * The message is shown to the user as is (the CLI exits with code 2); it never carries a stack
 * trace.
 */
public class AnalysisInputException extends Exception {
    private static final long serialVersionUID = 1L;

    public AnalysisInputException(String message) {
        super(message);
    }

    public AnalysisInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
