package kreply.analyzer.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import kreply.analyzer.facts.Facts;
import kreply.analyzer.facts.FactsEnv;
import kreply.analyzer.graph.CallGraph;
import kreply.analyzer.graph.CallGraphBuilder;
import kreply.analyzer.graph.JGraphTCallGraph;
import kreply.analyzer.model.MethodInfo;
import kreply.analyzer.model.MethodTable;
import kreply.analyzer.model.SourceModel;
import kreply.analyzer.pack.FixRecipe;
import kreply.analyzer.pack.PackException;
import kreply.analyzer.pack.PackLoader;
import kreply.analyzer.pack.RulePack;
import kreply.analyzer.report.AnalysisResult;
import kreply.analyzer.report.Finding;
import kreply.analyzer.report.FindingStatus;
import kreply.analyzer.report.FixSuggestion;
import kreply.analyzer.report.RuleDescriptor;
import kreply.analyzer.rules.Rule;
import kreply.analyzer.rules.RuleContext;
import kreply.analyzer.rules.Rules;

/**
 * The analysis pipeline: Spoon model (noclasspath) → call graph (JGraphT) → per-method facts
 * (bottom-up over SCCs) → rules from the packs → findings with witness paths and fingerprints.
 * Baselines and suppressions are applied by the caller (the CLI gate) using the suppressions
 * collected into the result.
 */
public final class Analyzer {
    public static final String TOOL = "kreply";
    public static final String VERSION = "0.1.0";

    /** Runs a full analysis. */
    public AnalysisResult analyze(AnalyzeRequest request) throws AnalysisInputException {
        return analyzeWithGraph(request).result();
    }

    /** An analysis result with the call graph it was computed on. */
    public record Run(AnalysisResult result, CallGraph callGraph) {
    }

    /**
     * Runs a full analysis and also hands out its call graph, for reports that draw call-graph
     * neighbourhoods (the HTML report) without building the model a second time.
     */
    public Run analyzeWithGraph(AnalyzeRequest request) throws AnalysisInputException {
        ProgressListener progress = request.progress();
        Map<String, Long> timings = new LinkedHashMap<>();
        RulePack pack = loadPacks(request);
        long t0 = System.nanoTime();
        progress.progress("model", 0, 0);
        SourceModel sm = SourceModel.build(request.sources(), request.root());
        MethodTable table = new MethodTable(sm);
        long t1 = System.nanoTime();
        timings.put("model", ms(t0, t1));
        JGraphTCallGraph graph = CallGraphBuilder.build(table, request.dispatch(), progress);
        long t2 = System.nanoTime();
        timings.put("callgraph", ms(t1, t2));
        progress.progress("facts", 0, 0);
        FactsEnv env = FactsEnv.of(table, graph, pack);
        Facts facts = Facts.compute(env);
        long t3 = System.nanoTime();
        timings.put("facts", ms(t2, t3));
        List<Rule> rules = Rules.all();
        List<Finding> findings = new ArrayList<>();
        RuleContext rc = new RuleContext(facts, pack);
        JGraphTCallGraph.Reach fromEntries = graph.bfs(entryIds(table, pack));
        Map<String, JGraphTCallGraph.Reach> fromOther = new HashMap<>();
        int done = 0;
        for (Rule r : rules) {
            for (Rule.Draft d : r.check(rc)) {
                JGraphTCallGraph.Reach reach = fromEntries;
                if (d.witnessFrom() != null) {
                    reach = fromOther.computeIfAbsent(d.witnessFrom(), id -> graph.bfs(Set.of(id)));
                }
                findings.add(toFinding(r.descriptor(), d, table, reach, pack));
            }
            progress.progress("rules", ++done, rules.size());
        }
        findings.sort(Comparator.comparing(Finding::file).thenComparingInt(Finding::line)
                .thenComparing(Finding::ruleId).thenComparing(Finding::methodId));
        var suppressions = SuppressionScanner.scan(sm);
        long t4 = System.nanoTime();
        timings.put("rules", ms(t3, t4));
        Map<String, Long> stats = new LinkedHashMap<>();
        stats.put("files", (long) sm.files().size());
        stats.put("classes", (long) table.types().size());
        stats.put("methods", (long) table.all().size());
        stats.put("edges", (long) graph.edgeCount());
        stats.put("unresolvedCallees", (long) graph.resolver().unresolvedIds().size());
        stats.put("replyRoots", (long) facts.roots().size());
        stats.put("summarisedMethods", (long) facts.summarisedMethods());
        stats.put("truncatedSummaries", (long) facts.truncatedSummaries());
        stats.put("parseProblems", (long) sm.parseProblems().size());
        List<RuleDescriptor> descriptors = rules.stream().map(Rule::descriptor).toList();
        List<String> packNames = request.packs().stream().map(p -> p.toAbsolutePath().normalize().toString()
                .replace('\\', '/')).toList();
        return new Run(new AnalysisResult(TOOL, VERSION, sm.root().toString().replace('\\', '/'), packNames,
                descriptors, findings, sm.parseProblems(), suppressions, timings, stats), graph);
    }

    /** Builds only the model and call graph (for {@code kreply graph}). */
    public CallGraph callGraph(AnalyzeRequest request) throws AnalysisInputException {
        SourceModel sm = SourceModel.build(request.sources(), request.root());
        return CallGraphBuilder.build(new MethodTable(sm), request.dispatch(), request.progress());
    }

    private static RulePack loadPacks(AnalyzeRequest request) throws AnalysisInputException {
        try {
            return new PackLoader().load(request.packs());
        } catch (PackException e) {
            throw new AnalysisInputException(e.getMessage());
        }
    }

    private static Set<String> entryIds(MethodTable table, RulePack pack) {
        Set<String> r = new LinkedHashSet<>();
        for (MethodInfo m : table.all()) {
            if (pack.entryPoints().matches(m.simpleName())) {
                r.add(m.id());
            }
        }
        return r;
    }

    private static Finding toFinding(RuleDescriptor rule, Rule.Draft d, MethodTable table,
                                     JGraphTCallGraph.Reach reach, RulePack pack) {
        MethodInfo m = table.get(d.methodId());
        String file = m == null ? "" : m.file();
        String shortName = m == null ? kreply.analyzer.model.MethodIds.shortForm(d.methodId()) : m.shortName();
        FixRecipe recipe = pack.fixFor(rule.id()).orElse(null);
        FixSuggestion fix = recipe == null ? null : new FixSuggestion(recipe.recipe(), recipe.description(), null);
        return new Finding(rule.id(), d.kinds(), rule.severity(), shortName, d.methodId(), file, d.line(),
                d.message(), reach.witness(d.methodId()), Fingerprints.of(rule.id(), m, d.line()), fix, FindingStatus.NEW,
                null);
    }

    private static long ms(long a, long b) {
        return (b - a) / 1_000_000;
    }
}
