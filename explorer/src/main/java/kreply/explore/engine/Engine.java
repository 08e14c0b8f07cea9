package kreply.explore.engine;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import kreply.explore.config.ConfigLoader;
import kreply.explore.config.SystemConfig;
import kreply.explore.driver.Variant;
import kreply.explore.driver.Violation;
import kreply.explore.protocol.EngineRequest;
import kreply.explore.protocol.EngineResponse;
import kreply.explore.protocol.FindingReport;
import kreply.explore.protocol.StatsReport;
import kreply.explore.protocol.StepReport;
import kreply.explore.protocol.ViolationReport;
import kreply.explore.search.ExhaustiveSearch;
import kreply.explore.search.Found;
import kreply.explore.search.RandomSearch;
import kreply.explore.search.Scenarios;
import kreply.explore.search.SearchStats;
import kreply.explore.search.Shrinker;
import kreply.explore.search.Steps;
import kreply.explore.trace.Trace;
import kreply.explore.trace.TraceJson;
import kreply.explore.trace.TraceViolation;

/**
 * The exploration engine: runs a search, variants search, replay or benchmark on the kernel whose
 * classes it was loaded with, and turns the result into the protocol's reports — shrinking each
 * violation and replaying the shrunk scenario to print it.
 */
final class Engine {
    private final Consumer<String> progress;

    /** {@code progress} receives {@code phase<TAB>done<TAB>total} lines during long work, or is null. */
    Engine(Consumer<String> progress) {
        this.progress = progress;
    }

    EngineResponse handle(EngineRequest req) {
        SystemConfig config = new ConfigLoader().parse(req.config(), "configuration", true, "config");
        return switch (req.mode()) {
            case "search" -> search(config, req);
            case "variants" -> variants(config, req);
            case "replay" -> replay(config, req);
            case "bench" -> bench(config, req);
            default -> EngineResponse.error("unknown engine mode " + req.mode());
        };
    }

    private EngineResponse search(SystemConfig config, EngineRequest req) {
        Found found;
        StatsReport stats;
        if ("exhaustive".equals(req.strategy())) {
            ExhaustiveSearch.Result r = new ExhaustiveSearch(config, req.maxEvents(), req.depth(), req.threads())
                    .reportingTo(progress).run();
            found = r.found();
            stats = stats(r.stats(), r.found() != null ? (int) r.found().trial() - 1 : r.depthCompleted(),
                    r.budgetExhausted());
        } else {
            RandomSearch.Result r = new RandomSearch(config, req.seed(), req.maxEvents(), req.depth(), req.threads())
                    .reportingTo(progress).firstViolation();
            found = r.first();
            stats = stats(r.stats(), 0, false);
        }
        if (found == null) {
            return new EngineResponse("clean", null, null, null, null, null, null, stats);
        }
        return new EngineResponse("violation", null, finding(config, found, req), null, null, null, null, stats);
    }

    private EngineResponse variants(SystemConfig config, EngineRequest req) {
        Set<Variant> targets = EnumSet.noneOf(Variant.class);
        for (String t : req.targets()) {
            targets.add(Variant.fromId(t));
        }
        RandomSearch.Result r = new RandomSearch(config, req.seed(), req.maxEvents(), req.depth(), req.threads())
                .reportingTo(progress).variants(targets);
        List<FindingReport> findings = new ArrayList<>();
        for (Map.Entry<Variant, Found> e : r.byVariant().entrySet()) {
            findings.add(finding(config, e.getValue(), req));
        }
        FindingReport first = r.first() == null ? null : finding(config, r.first(), req);
        return new EngineResponse(findings.isEmpty() ? "clean" : "violation", null, first, findings, null, null, null,
                stats(r.stats(), 0, false));
    }

    private EngineResponse replay(SystemConfig config, EngineRequest req) {
        Trace trace = TraceJson.read(req.trace(), req.traceSource());
        Steps steps = Scenarios.steps(config, trace.events(), req.traceSource());
        Scenarios.Printed p = Scenarios.print(config, steps);
        List<StepReport> lines = lines(p);
        ViolationReport v = p.violation() == null ? null : report(p.violation(), p.steps().size());
        String status = v != null ? "violation" : p.failedStep() > 0 ? "diverged" : "clean";
        String note = note(trace.violation(), v, p);
        return new EngineResponse(status, null, null, null, lines, v, note, null);
    }

    private static String note(TraceViolation recorded, ViolationReport now, Scenarios.Printed p) {
        if (p.failedStep() > 0) {
            return "the trace diverged at step " + p.failedStep() + ": " + p.failure();
        }
        if (recorded == null) {
            return now == null ? null : "the trace was recorded clean but now ends in a violation";
        }
        if (now == null) {
            return "the recorded violation (" + recorded.invariant() + " at step " + recorded.step()
                    + ") did not happen on this kernel";
        }
        if (!now.invariant().equals(recorded.invariant()) || now.step() != recorded.step()) {
            return "recorded: " + recorded.invariant() + " at step " + recorded.step() + "; now: " + now.invariant()
                    + " at step " + now.step();
        }
        return null;
    }

    private EngineResponse bench(SystemConfig config, EngineRequest req) {
        RandomSearch.Result r = new RandomSearch(config, req.seed(), req.maxEvents(), req.depth(), req.threads())
                .variants(EnumSet.noneOf(Variant.class));
        return new EngineResponse("clean", null, null, null, null, null, null, stats(r.stats(), 0, false));
    }

    /** Shrinks (if asked), replays for printing and packages one found violation. */
    private FindingReport finding(SystemConfig config, Found found, EngineRequest req) {
        Steps steps = found.steps();
        int replays = 0;
        if (req.shrink()) {
            Scenarios.Shrunk s = Scenarios.shrink(config, found, Shrinker.DEFAULT_MAX_REPLAYS, progress);
            steps = s.steps();
            replays = s.replays();
        }
        Scenarios.Printed p = Scenarios.print(config, steps);
        Violation v = p.violation() != null ? p.violation() : found.violation();
        ViolationReport vr = report(v, p.steps().size());
        Trace trace = new Trace(config, req.kernelLabel(), req.strategy(), req.seed(), Scenarios.events(config, steps),
                new TraceViolation(vr.step(), vr.kind(), vr.invariant(), vr.thread(), vr.detail(), vr.variant(),
                        vr.irqHandler()));
        // Random trials are numbered from 1 for people; the exhaustive search reports its depth.
        long foundAt = "exhaustive".equals(req.strategy()) ? found.trial() : found.trial() + 1;
        return new FindingReport(vr, lines(p), TraceJson.write(trace), found.steps().size(), foundAt, replays);
    }

    private static List<StepReport> lines(Scenarios.Printed p) {
        List<StepReport> out = new ArrayList<>();
        for (Scenarios.PrintedStep s : p.steps()) {
            out.add(new StepReport(s.step(), s.time(), s.current(), s.event(), s.change()));
        }
        return out;
    }

    private static ViolationReport report(Violation v, int step) {
        return new ViolationReport(step, v.kind().id(), v.invariant(), v.thread(), v.detail(), v.variant().id(),
                v.variant().meaning(), v.irqHandler());
    }

    private static StatsReport stats(SearchStats s, int depthCompleted, boolean exhausted) {
        return new StatsReport(s.events(), s.kernelEntries(), s.trials(), s.states(), s.threads(), s.elapsedNanos(),
                depthCompleted, exhausted);
    }
}
