package kreply.analyzer.engine;

import kreply.analyzer.graph.CallGraph;
import kreply.analyzer.report.AnalysisResult;

/**
 * The analysis pipeline: Spoon model (noclasspath) → call graph (JGraphT) → per-method facts
 * (bottom-up over SCCs) → rules from the packs → findings with witness paths and fingerprints.
 * Baselines and suppressions are applied by the caller (the CLI gate) using the suppressions
 * collected into the result.
 */
public final class Analyzer {

    /** Runs a full analysis. */
    public AnalysisResult analyze(AnalyzeRequest request) throws AnalysisInputException {
        throw new UnsupportedOperationException("PENDING analyze");
    }

    /** Builds only the model and call graph (for {@code kreply graph}). */
    public CallGraph callGraph(AnalyzeRequest request) throws AnalysisInputException {
        throw new UnsupportedOperationException("PENDING callGraph");
    }
}
