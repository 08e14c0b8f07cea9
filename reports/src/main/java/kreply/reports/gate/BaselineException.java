package kreply.reports.gate;

/**
 * A baseline file that cannot be read or does not have the baseline format. The message names the
 * file and the problem and is shown to the user as is (the CLI exits with code 2).
 */
public class BaselineException extends Exception {
    private static final long serialVersionUID = 1L;

    public BaselineException(String message) {
        super(message);
    }

    public BaselineException(String message, Throwable cause) {
        super(message, cause);
    }
}
