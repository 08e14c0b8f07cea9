package kreply.analyzer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import kreply.analyzer.engine.AnalysisInputException;
import kreply.analyzer.engine.AnalyzeRequest;
import kreply.analyzer.engine.Analyzer;
import kreply.analyzer.graph.CallGraphBuilder;
import kreply.analyzer.graph.JGraphTCallGraph;
import kreply.analyzer.model.MethodTable;
import kreply.analyzer.model.SourceModel;
import kreply.analyzer.report.AnalysisResult;

/** Test helper: writes small source trees and analyses them. */
public final class TestSources {
    private TestSources() {
    }

    /** Writes {@code files} (relative path → text) under {@code dir}. */
    public static Path write(Path dir, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> e : files.entrySet()) {
                Path f = dir.resolve(e.getKey());
                Files.createDirectories(f.getParent());
                Files.writeString(f, e.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static JGraphTCallGraph graph(Path dir, AnalyzeRequest.Dispatch dispatch) throws AnalysisInputException {
        MethodTable t = new MethodTable(SourceModel.build(List.of(dir), dir));
        return CallGraphBuilder.build(t, dispatch, kreply.analyzer.engine.ProgressListener.NONE);
    }

    /** Analyses {@code dir} together with the fixture support package, with the kernel pack. */
    public static AnalysisResult analyseWithSupport(Path dir) throws AnalysisInputException {
        Path support = TestPaths.rules().resolve("fixtures/support");
        return new Analyzer().analyze(new AnalyzeRequest(List.of(dir, support), dir, List.of(TestPaths.kernelPack()),
                null, null));
    }
}
