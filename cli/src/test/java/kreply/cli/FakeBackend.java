package kreply.cli;

import java.util.ArrayList;
import java.util.List;

import kreply.analyzer.engine.AnalysisInputException;
import kreply.analyzer.engine.AnalyzeRequest;
import kreply.analyzer.engine.Analyzer;
import kreply.analyzer.graph.CallGraph;
import kreply.analyzer.report.AnalysisResult;

/** A backend that returns canned results and records the requests the CLI built. */
final class FakeBackend implements AnalysisBackend {
    final List<AnalyzeRequest> requests = new ArrayList<>();
    AnalysisResult result;
    CallGraph graph;
    Exception failure;

    @Override
    public AnalysisResult analyze(AnalyzeRequest request) throws AnalysisInputException {
        requests.add(request);
        request.progress().progress("rules", 1, 2);
        fail();
        return result;
    }

    /** Hands out {@link #graph} with the result, as the engine hands out the graph it ran on. */
    @Override
    public Analyzer.Run analyzeWithGraph(AnalyzeRequest request) throws AnalysisInputException {
        return new Analyzer.Run(analyze(request), graph);
    }

    @Override
    public CallGraph callGraph(AnalyzeRequest request) throws AnalysisInputException {
        requests.add(request);
        fail();
        return graph;
    }

    private void fail() throws AnalysisInputException {
        if (failure instanceof AnalysisInputException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
    }

    AnalyzeRequest last() {
        return requests.get(requests.size() - 1);
    }
}
