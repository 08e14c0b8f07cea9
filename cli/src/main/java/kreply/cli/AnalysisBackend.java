package kreply.cli;

import kreply.analyzer.engine.AnalysisInputException;
import kreply.analyzer.engine.AnalyzeRequest;
import kreply.analyzer.engine.Analyzer;
import kreply.analyzer.graph.CallGraph;
import kreply.analyzer.report.AnalysisResult;

/**
 * The analysis step the CLI drives. Production uses the engine; tests substitute canned results so
 * option handling, the gate and the exit codes can be checked without building a Spoon model.
 */
interface AnalysisBackend {
    AnalysisResult analyze(AnalyzeRequest request) throws AnalysisInputException;

    CallGraph callGraph(AnalyzeRequest request) throws AnalysisInputException;

    /**
     * The analysis with the call graph it ran on, for the HTML report's call-graph view; a backend
     * that cannot hand the graph out returns null for it, and the report then shows the witness
     * paths only.
     */
    default Analyzer.Run analyzeWithGraph(AnalyzeRequest request) throws AnalysisInputException {
        return new Analyzer.Run(analyze(request), null);
    }

    /** The real engine. */
    AnalysisBackend ENGINE = new AnalysisBackend() {
        @Override
        public AnalysisResult analyze(AnalyzeRequest request) throws AnalysisInputException {
            return new Analyzer().analyze(request);
        }

        @Override
        public CallGraph callGraph(AnalyzeRequest request) throws AnalysisInputException {
            return new Analyzer().callGraph(request);
        }

        @Override
        public Analyzer.Run analyzeWithGraph(AnalyzeRequest request) throws AnalysisInputException {
            return new Analyzer().analyzeWithGraph(request);
        }
    };
}
