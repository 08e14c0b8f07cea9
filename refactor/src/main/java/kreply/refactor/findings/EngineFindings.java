package kreply.refactor.findings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import kreply.analyzer.engine.AnalysisInputException;
import kreply.analyzer.engine.AnalyzeRequest;
import kreply.analyzer.engine.Analyzer;
import kreply.analyzer.engine.ProgressListener;
import kreply.analyzer.report.AnalysisResult;
import kreply.analyzer.report.Finding;
import kreply.analyzer.report.FindingStatus;
import kreply.refactor.RefactorException;

/**
 * Findings from the analyzer engine run on the sources with the given rule packs, exactly as
 * {@code kreply analyze} runs it (same request, class-hierarchy dispatch). Suppressed findings are
 * skipped: a suppression records a decision not to change that code.
 */
public final class EngineFindings implements FindingsSource {
    /** The analysis step; the CLI passes its own backend so tests can stand in for the engine. */
    @FunctionalInterface
    public interface Engine {
        AnalysisResult analyze(AnalyzeRequest request) throws AnalysisInputException;
    }

    private final List<Path> packs;
    private final Engine engine;
    private final ProgressListener progress;

    public EngineFindings(List<Path> packs) {
        this(packs, r -> new Analyzer().analyze(r), null);
    }

    public EngineFindings(List<Path> packs, Engine engine, ProgressListener progress) {
        this.packs = List.copyOf(packs);
        this.engine = engine;
        this.progress = progress;
    }

    @Override
    public List<FindingRef> findings(Path root, List<Path> sources) {
        AnalysisResult result;
        try {
            result = engine.analyze(new AnalyzeRequest(sources, root, packs, AnalyzeRequest.Dispatch.CHA, progress));
        } catch (AnalysisInputException e) {
            throw new RefactorException(e.getMessage());
        }
        return refs(result);
    }

    /** The unsuppressed findings of an analysis, as recipes see them. */
    public static List<FindingRef> refs(AnalysisResult result) {
        List<FindingRef> out = new ArrayList<>();
        for (Finding f : result.findings()) {
            if (f.status() == FindingStatus.SUPPRESSED) {
                continue;
            }
            out.add(new FindingRef(f.ruleId(), f.kinds(), f.method(), f.methodId(), f.file()));
        }
        return out;
    }

    @Override
    public String describe() {
        return "analyzer";
    }
}
