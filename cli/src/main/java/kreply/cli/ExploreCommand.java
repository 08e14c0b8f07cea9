package kreply.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import kreply.explore.ExploreException;
import kreply.explore.Explorer;
import kreply.explore.TextReport;
import kreply.explore.TraceFiles;
import kreply.explore.config.ShippedConfigs;
import kreply.explore.config.SystemConfig;
import kreply.explore.kernel.KernelRuntime;
import kreply.explore.protocol.EngineResponse;
import kreply.explore.protocol.FindingReport;
import kreply.explore.trace.Trace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kreply explore}: runs the kernel model over generated scenarios of a configured system and
 * reports the first broken invariant with a minimal, replayable trace; {@code --variants} reports
 * which #346 variants a kernel (or several, e.g. the refactoring tool's guarded copies) still has;
 * {@code --replay} re-runs a saved trace step by step. Exit code 1 when a violation is found, 0 when
 * the budget ran out clean, 2 on usage or input errors.
 */
@Command(name = "explore", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Search the kernel model for broken invariants over generated scenarios.",
                "Exit code 1 when a violation is found, 0 when the budget ran out clean, 2 on bad input."})
final class ExploreCommand implements Callable<Integer> {
    static final long DEFAULT_MAX_EVENTS = 1_000_000;
    static final int DEFAULT_RANDOM_DEPTH = 1000;
    static final int DEFAULT_EXHAUSTIVE_DEPTH = 8;
    static final String DEFAULT_OUT = "target/kreply/explore-trace.json";

    enum Strategy {
        random,
        exhaustive
    }

    private final CliContext ctx;

    @Option(names = "--config", paramLabel = "FILE|NAME",
            description = "The system: a YAML/JSON file, or a shipped configuration (vmm, rr-sporadic, passive-server;"
                    + " default: vmm).")
    String config;

    @Option(names = "--kernel", paramLabel = "DIR",
            description = "Run on the kernel in DIR (kernel-src module folder or source root) instead of the bundled"
                    + " legacy kernel. Repeatable with --variants, which then prints one table row per kernel.")
    List<String> kernels = new ArrayList<>();

    @Option(names = "--strategy", paramLabel = "random|exhaustive",
            description = "Random trials (default) or bounded exhaustive search with state hashing.")
    Strategy strategy;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the random search (default: 1).")
    Long seed;

    @Option(names = "--max-events", paramLabel = "N",
            description = "Budget: scenario events to explore, replays included (default: " + DEFAULT_MAX_EVENTS + ").")
    Long maxEvents;

    @Option(names = "--depth", paramLabel = "N",
            description = "Events per random trial (default: " + DEFAULT_RANDOM_DEPTH + "), or the exhaustive search's"
                    + " depth bound (default: " + DEFAULT_EXHAUSTIVE_DEPTH + ").")
    Integer depth;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores).")
    Integer threads;

    @Option(names = "--variants",
            description = "Keep searching after violations and report which #346 variants (ready-queue, release-queue,"
                    + " timeout) the kernel still has.")
    boolean variants;

    @Option(names = "--replay", paramLabel = "FILE", description = "Replay a saved trace step by step.")
    String replay;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Where to save the trace of a violation (default: " + DEFAULT_OUT + "; with --variants one"
                    + " file per variant next to it).")
    String out;

    @Option(names = "--no-shrink", description = "Report the trace as found, without shrinking it.")
    boolean noShrink;

    @Option(names = "--list-configs", description = "List the shipped configurations and exit.")
    boolean listConfigs;

    ExploreCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        PrintWriter o = ctx.out();
        if (listConfigs) {
            for (String name : ShippedConfigs.NAMES) {
                o.println(name + (name.equals(ShippedConfigs.DEFAULT) ? " (default)" : "") + ": "
                        + ShippedConfigs.load(name).description());
            }
            return ExitCodes.CLEAN;
        }
        validate();
        try {
            for (String dir : kernels) {
                // Before any work: a folder without kernel sources is a usage error, not a compile step.
                Explorer.checkKernelFolder(ctx.resolve(dir));
            }
            if (replay != null) {
                return replay(o);
            }
            SystemConfig cfg = Explorer.loadConfig(config == null ? ShippedConfigs.DEFAULT : config, ctx.workingDir());
            Explorer.Options opts = options();
            return variants ? variantsRun(o, cfg, opts) : search(o, cfg, opts);
        } catch (ExploreException e) {
            throw new CliException(e.getMessage());
        }
    }

    private void validate() {
        if (maxEvents != null && maxEvents < 1) {
            throw new CliException("--max-events must be at least 1, was " + maxEvents);
        }
        if (depth != null && (depth < 1 || depth > 1_000_000)) {
            throw new CliException("--depth must be between 1 and 1000000, was " + depth);
        }
        if (threads != null && (threads < 1 || threads > 256)) {
            throw new CliException("--threads must be between 1 and 256, was " + threads);
        }
        if (replay != null && (config != null || strategy != null || seed != null || maxEvents != null || depth != null
                || threads != null || variants || noShrink || out != null)) {
            throw new CliException("--replay runs the saved trace as it is: the only option it takes is --kernel");
        }
        if (replay != null && kernels.size() > 1) {
            throw new CliException("--replay runs on one kernel; give --kernel at most once");
        }
        if (kernels.size() > 1 && !variants && replay == null) {
            throw new CliException("several --kernel folders need --variants (which compares the kernels)");
        }
        if (variants && strategy == Strategy.exhaustive) {
            throw new CliException("--variants uses the random strategy; drop --strategy exhaustive");
        }
    }

    private Explorer.Options options() {
        Strategy s = strategy == null ? Strategy.random : strategy;
        int d = depth != null ? depth : s == Strategy.exhaustive ? DEFAULT_EXHAUSTIVE_DEPTH : DEFAULT_RANDOM_DEPTH;
        int t = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        return new Explorer.Options(s.name(), seed == null ? 1 : seed, maxEvents == null ? DEFAULT_MAX_EVENTS : maxEvents,
                d, t, !noShrink);
    }

    private Path outFile() {
        return ctx.resolve(out == null ? DEFAULT_OUT : out);
    }

    private KernelRuntime kernel(String dir) {
        if (dir == null) {
            warnIfBundledKernelIsOld();
            return Explorer.kernel(null);
        }
        ctx.err().println("compiling the kernel in " + dir + "…");
        ctx.err().flush();
        return Explorer.kernel(ctx.resolve(dir));
    }

    /**
     * The bundled kernel is the one kreply was built with; the launcher does not rebuild when only
     * the kernel changed (analysing it is kreply's main job), so say so when the sources are newer.
     */
    private void warnIfBundledKernelIsOld() {
        if (ctx.home() == null) {
            return;
        }
        Path sources = ctx.home().resolve("kernel-src/src/main/java");
        try {
            Path jar = Path.of(ExploreCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(jar) || !Files.isDirectory(sources)) {
                return;
            }
            FileTime built = Files.getLastModifiedTime(jar);
            try (Stream<Path> walk = Files.walk(sources)) {
                if (walk.anyMatch(p -> newer(p, built))) {
                    ctx.err().println("note: kernel-src changed after kreply was built; exploring the kernel as built"
                            + " (pass --kernel kernel-src to explore the current sources)");
                }
            }
        } catch (IOException | URISyntaxException | SecurityException | IllegalArgumentException e) {
            // no way to tell: explore the bundled kernel without a note
        }
    }

    private static boolean newer(Path p, FileTime than) {
        try {
            return Files.isRegularFile(p) && Files.getLastModifiedTime(p).compareTo(than) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private int search(PrintWriter o, SystemConfig cfg, Explorer.Options opts) {
        try (KernelRuntime k = kernel(kernels.isEmpty() ? null : kernels.get(0))) {
            header(o, cfg, k, opts);
            EngineResponse r;
            try (ProgressDisplay progress = ProgressDisplay.start(ctx.err(), ctx.stderrIsTerminal())) {
                r = Explorer.search(k, cfg, opts, line -> show(progress, line));
            }
            if (r.finding() == null) {
                o.println(clean(opts, r));
                TextReport.speed(o, r.stats());
                return ExitCodes.CLEAN;
            }
            FindingReport f = r.finding();
            TextReport.finding(o, f, opts.strategy().equals("exhaustive") ? "at depth " + f.foundAt()
                    : "in trial " + f.foundAt());
            Path file = outFile();
            TraceFiles.write(file, f.traceJson());
            o.println();
            o.println("trace saved: " + file + " (replay: kreply explore --replay " + file + ")");
            TextReport.speed(o, r.stats());
            return ExitCodes.FINDINGS;
        }
    }

    /** The engine reports {@code phase<TAB>done<TAB>total}; the display shows it on a terminal only. */
    static void show(ProgressDisplay progress, String line) {
        String[] parts = line.split("\t");
        if (parts.length == 3) {
            try {
                progress.progress(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]));
            } catch (NumberFormatException e) {
                // not a progress line: nothing to show
            }
        }
    }

    private static String clean(Explorer.Options opts, EngineResponse r) {
        if (opts.strategy().equals("exhaustive")) {
            return "no violation: exhaustive search to depth " + r.stats().depthCompleted() + " ("
                    + String.format(Locale.ROOT, "%,d", r.stats().states()) + " distinct states)"
                    + (r.stats().budgetExhausted() ? "; the event budget ran out before depth " + opts.depth() : "");
        }
        return String.format(Locale.ROOT, "no violation in %,d trials (%,d events)", r.stats().trials(), r.stats().events());
    }

    private int variantsRun(PrintWriter o, SystemConfig cfg, Explorer.Options opts) {
        List<String> targets = Explorer.variantTargets(cfg);
        List<String> columns = new ArrayList<>(targets);
        columns.add("other");
        List<String> names = new ArrayList<>();
        List<List<String>> cells = new ArrayList<>();
        List<String> dirs = kernels.isEmpty() ? java.util.Collections.singletonList(null) : kernels;
        boolean any = false;
        for (int i = 0; i < dirs.size(); i++) {
            try (KernelRuntime k = kernel(dirs.get(i))) {
                header(o, cfg, k, opts);
                EngineResponse r;
                try (ProgressDisplay progress = ProgressDisplay.start(ctx.err(), ctx.stderrIsTerminal())) {
                    r = Explorer.variants(k, cfg, opts, targets, line -> show(progress, line));
                }
                List<String> row = new ArrayList<>();
                for (String v : columns) {
                    FindingReport f = r.variants().stream().filter(x -> x.violation().variant().equals(v)).findFirst()
                            .orElse(null);
                    row.add(f == null ? "-" : "FOUND");
                    if (f != null) {
                        any = true;
                        Path file = TraceFiles.variantFile(outFile(), dirs.size() > 1 ? "k" + (i + 1) + "-" : "", v);
                        TraceFiles.write(file, f.traceJson());
                        o.println(v + ": " + f.violation().invariant() + (f.violation().irqHandler() != null
                                ? " during " + f.violation().irqHandler() : "") + " — trial " + f.foundAt() + ", "
                                + f.steps().size() + " events; trace " + file);
                    }
                }
                TextReport.speed(o, r.stats());
                o.println();
                names.add(k.label());
                cells.add(row);
            }
        }
        o.println("#346 variants still present (FOUND) per kernel:");
        TextReport.variantTable(o, names, columns, cells);
        return any ? ExitCodes.FINDINGS : ExitCodes.CLEAN;
    }

    private int replay(PrintWriter o) {
        Path file = ctx.resolve(replay);
        String text = TraceFiles.read(file);
        Trace trace = Explorer.readTrace(text, file.toString());
        try (KernelRuntime k = kernel(kernels.isEmpty() ? null : kernels.get(0))) {
            o.println("replaying " + file + ": config " + trace.config().summary() + ", " + trace.events().size()
                    + " events, recorded on the " + trace.kernel() + "; running on the " + k.label());
            EngineResponse r = Explorer.replay(k, trace, text, file.toString());
            TextReport.steps(o, r.replay());
            if (r.replayViolation() != null) {
                o.println("violation at step " + r.replayViolation().step() + ":");
                TextReport.violation(o, r.replayViolation());
            } else {
                o.println("no violation");
            }
            if (r.note() != null) {
                o.println("note: " + r.note());
            }
            return r.replayViolation() != null ? ExitCodes.FINDINGS : ExitCodes.CLEAN;
        }
    }

    private static void header(PrintWriter o, SystemConfig cfg, KernelRuntime k, Explorer.Options opts) {
        o.println("kreply explore: " + cfg.summary() + " on the " + k.label());
        if (opts.strategy().equals("exhaustive")) {
            o.printf(Locale.ROOT, "exhaustive search: depth %d, up to %,d events, %d threads%n", opts.depth(),
                    opts.maxEvents(), opts.threads());
        } else {
            o.printf(Locale.ROOT, "random search: seed %d, up to %,d events (%,d per trial), %d threads%n", opts.seed(),
                    opts.maxEvents(), opts.depth(), opts.threads());
        }
        o.flush();
    }
}
