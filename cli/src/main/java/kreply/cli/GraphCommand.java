package kreply.cli;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import kreply.analyzer.engine.AnalyzeRequest;
import kreply.analyzer.graph.CallGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code kreply graph}: exports the call graph, whole or around one method, as DOT or GraphML for
 * Graphviz / yEd. Only the model and the call graph are built (no rules), so no pack is needed.
 */
@Command(name = "graph", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Export the call graph (whole, or a method's neighbourhood) as DOT or GraphML.")
final class GraphCommand implements Callable<Integer> {
    enum GraphFormat {
        dot,
        graphml
    }

    static final int DEFAULT_DEPTH = 2;

    private final CliContext ctx;

    @Parameters(paramLabel = "PATH", arity = "0..*",
            description = "Java files or folders (default: the bundled kernel-src).")
    List<String> paths = new ArrayList<>();

    @Option(names = "--format", paramLabel = "dot|graphml", defaultValue = "dot",
            description = "Output format (default: dot).")
    GraphFormat format = GraphFormat.dot;

    @Option(names = "--method", paramLabel = "NAME",
            description = "Only the neighbourhood of this method: simple name, pkg.Class#name, or full id.")
    String method;

    @Option(names = "--depth", paramLabel = "N",
            description = "With --method: how many call edges around it to include (default: " + DEFAULT_DEPTH + ").")
    Integer depth;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    String out;

    @Option(names = "--rta", description = "Resolve virtual calls by rapid type analysis instead of class hierarchy analysis.")
    boolean rta;

    @Option(names = "--root", paramLabel = "DIR", description = "Analysed root (default: nearest project folder of PATH).")
    String root;

    GraphCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        if (depth != null && method == null) {
            throw new CliException("--depth needs --method (the whole graph has no depth)");
        }
        if (depth != null && depth < 0) {
            throw new CliException("--depth must be 0 or more, was " + depth);
        }
        Inputs.Sources src = Inputs.sources(ctx, paths, root);
        Path outFile = out == null ? null : ctx.resolve(out);
        if (outFile != null && Files.isDirectory(outFile)) {
            throw new CliException("--out is a folder, not a file: " + out);
        }

        CallGraph graph;
        try (ProgressDisplay progress = ProgressDisplay.start(ctx.err(), ctx.stderrIsTerminal())) {
            graph = ctx.backend().callGraph(new AnalyzeRequest(src.paths(), src.root(), List.of(),
                    rta ? AnalyzeRequest.Dispatch.RTA : AnalyzeRequest.Dispatch.CHA, progress));
        }
        String focus = method == null ? null : focus(graph, method);
        // Without a focus the depth is irrelevant; pass "unbounded" so no implementation truncates the graph.
        int d = focus == null ? Integer.MAX_VALUE : depth == null ? DEFAULT_DEPTH : depth;

        if (outFile == null) {
            write(graph, ctx.out(), focus, d);
            ctx.out().flush();
        } else {
            try {
                if (outFile.getParent() != null) {
                    Files.createDirectories(outFile.getParent());
                }
                try (Writer w = Files.newBufferedWriter(outFile, StandardCharsets.UTF_8)) {
                    write(graph, w, focus, d);
                }
            } catch (IOException e) {
                throw new CliException("cannot write " + outFile + ": " + ReportOutput.reason(e));
            }
        }
        return ExitCodes.CLEAN;
    }

    private void write(CallGraph graph, Writer w, String focus, int d) {
        if (format == GraphFormat.graphml) {
            graph.writeGraphML(w, focus, d);
        } else {
            graph.writeDot(w, focus, d);
        }
    }

    /** The one method id NAME denotes; an exact id wins over other matches, anything else ambiguous is an error. */
    static String focus(CallGraph graph, String name) {
        List<String> matches = graph.resolve(name);
        if (matches.isEmpty()) {
            throw new CliException("--method " + name + ": no method of the call graph matches");
        }
        if (matches.size() == 1) {
            return matches.get(0);
        }
        if (matches.contains(name)) {
            return name;
        }
        List<String> shown = matches.stream().sorted().limit(5).toList();
        throw new CliException("--method " + name + " is ambiguous, " + matches.size() + " methods match: "
                + String.join(", ", shown) + (matches.size() > shown.size() ? ", ..." : "")
                + " (give the full id)");
    }
}
