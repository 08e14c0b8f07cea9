package kreply.cli;

import java.io.PrintWriter;

import kreply.analyzer.engine.AnalysisInputException;
import kreply.reports.gate.BaselineException;
import picocli.CommandLine;

/**
 * Entry point of the {@code kreply} command. Maps every outcome to an exit code and every error to
 * one line on stderr: usage and input problems exit 2, findings that fail the gate 1, kreply bugs
 * 3 (with a stack trace only when {@code KREPLY_DEBUG=1}).
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, CliContext.fromSystem()));
    }

    static int run(String[] args, CliContext ctx) {
        CommandLine cl = new CommandLine(new KreplyCommand(), new Factory(ctx));
        cl.setOut(ctx.out());
        cl.setErr(ctx.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, a) -> {
            String cmd = ex.getCommandLine().getCommandSpec().qualifiedName(" ");
            String help = cmd.equals("kreply") ? "kreply help" : "kreply help " + cmd.substring("kreply ".length());
            ctx.err().println(cmd + ": " + oneLine(ex.getMessage()) + " (see '" + help + "')");
            ctx.err().flush();
            return ExitCodes.INPUT_ERROR;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> handle(ex, ctx));
        int code = cl.execute(args);
        ctx.out().flush();
        ctx.err().flush();
        return code;
    }

    private static int handle(Exception ex, CliContext ctx) {
        PrintWriter err = ctx.err();
        int code;
        if (ex instanceof CliException || ex instanceof AnalysisInputException || ex instanceof BaselineException) {
            err.println("kreply: " + oneLine(ex.getMessage()));
            code = ExitCodes.INPUT_ERROR;
        } else {
            err.println("kreply: internal error: " + oneLine(String.valueOf(ex))
                    + (ctx.debug() ? "" : " (set KREPLY_DEBUG=1 for details)"));
            if (ctx.debug()) {
                ex.printStackTrace(err);
            }
            code = ExitCodes.INTERNAL_ERROR;
        }
        err.flush();
        return code;
    }

    static String oneLine(String s) {
        return s == null ? "" : s.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    /** Builds subcommands with the context; picocli builds everything else. */
    private static final class Factory implements CommandLine.IFactory {
        private final CliContext ctx;

        Factory(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (cls == AnalyzeCommand.class) {
                return cls.cast(new AnalyzeCommand(ctx));
            }
            if (cls == GraphCommand.class) {
                return cls.cast(new GraphCommand(ctx));
            }
            if (cls == ExploreCommand.class) {
                return cls.cast(new ExploreCommand(ctx));
            }
            if (cls == RefactorCommand.class) {
                return cls.cast(new RefactorCommand(ctx));
            }
            return CommandLine.defaultFactory().create(cls);
        }
    }
}
