package kreply.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code kreply} command: version, help, and the subcommands. */
@Command(name = "kreply", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Static analysis, CI gate, guided refactoring and scenario explorer for the reply protocol of seL4-style microkernels.",
        subcommands = {AnalyzeCommand.class, GraphCommand.class, RefactorCommand.class, ExploreCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {"  0  clean: the gate passed", "  1  findings failed the gate (--fail-on); explore: a violation was found",
                "  2  usage or input error (message on stderr)", "  3  internal error in kreply"})
final class KreplyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** {@code kreply} alone is a usage error: show what it can do, on stderr. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.INPUT_ERROR;
    }
}
