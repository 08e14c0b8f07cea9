package kreply.cli;

/** The process exit codes, shared by every subcommand and documented in the README. */
final class ExitCodes {
    /** Analysis ran and the gate passed (or the command succeeded). */
    static final int CLEAN = 0;
    /** Analysis ran and findings failed the gate ({@code --fail-on}). */
    static final int FINDINGS = 1;
    /** Usage error or bad input: unknown option, missing path, bad rule pack, unreadable baseline. */
    static final int INPUT_ERROR = 2;
    /** A bug in kreply itself; the message asks for a report (stack trace with KREPLY_DEBUG=1). */
    static final int INTERNAL_ERROR = 3;

    private ExitCodes() {
    }
}
