package kreply.refactor.findings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import kreply.analyzer.engine.AnalysisInputException;
import kreply.analyzer.engine.AnalyzeRequest;
import kreply.analyzer.engine.Analyzer;
import kreply.analyzer.report.AnalysisResult;
import kreply.analyzer.report.Finding;
import kreply.analyzer.report.FindingStatus;
import kreply.refactor.RefactorException;

/**
 * Findings from the analyzer engine run on the sources with the given rule packs. Suppressed
 * findings are skipped: a suppression records a decision not to change that code.
 */
public final class EngineFindings implements FindingsSource {
    private final List<Path> packs;

    public EngineFindings(List<Path> packs) {
        this.packs = List.copyOf(packs);
    }

    @Override
    public List<FindingRef> findings(Path root, List<Path> sources) {
        AnalysisResult result;
        try {
            result = new Analyzer().analyze(new AnalyzeRequest(sources, root, packs, null, null));
        } catch (AnalysisInputException e) {
            throw new RefactorException(e.getMessage());
        } catch (UnsupportedOperationException e) {
            throw new RefactorException("the analyzer engine is not available in this build ("
                    + e.getMessage() + "); pass --findings with a kreply.json report");
        }
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
