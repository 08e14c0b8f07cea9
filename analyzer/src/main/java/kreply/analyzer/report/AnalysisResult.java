package kreply.analyzer.report;

import java.util.List;
import java.util.Map;

/**
 * The shared report model: everything one analysis produced. All renderers (text, JSON, SARIF,
 * HTML) read only this. {@code root} is the analysed root (absolute, forward slashes); file paths
 * inside are relative to it. {@code timingsMillis} holds phase timings (model, callgraph, facts,
 * rules, output) and {@code stats} counts (files, methods, edges, ...).
 */
public record AnalysisResult(String tool, String toolVersion, String root, List<String> packs,
                             List<RuleDescriptor> rules, List<Finding> findings, List<ParseProblem> parseProblems,
                             List<Suppression> suppressions, Map<String, Long> timingsMillis, Map<String, Long> stats) {
    public AnalysisResult {
        packs = List.copyOf(packs);
        rules = List.copyOf(rules);
        findings = List.copyOf(findings);
        parseProblems = List.copyOf(parseProblems);
        suppressions = List.copyOf(suppressions);
        timingsMillis = Map.copyOf(timingsMillis);
        stats = Map.copyOf(stats);
    }

    public AnalysisResult withFindings(List<Finding> fs) {
        return new AnalysisResult(tool, toolVersion, root, packs, rules, fs, parseProblems, suppressions, timingsMillis,
                stats);
    }
}
