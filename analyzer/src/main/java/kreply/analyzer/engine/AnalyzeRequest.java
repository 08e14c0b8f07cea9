package kreply.analyzer.engine;

import java.nio.file.Path;
import java.util.List;

/**
 * What to analyse: source paths (files or folders), the root that report paths are relative to,
 * the rule packs (YAML files), and the dispatch mode of the call graph (CHA by default, RTA as an
 * option).
 */
public record AnalyzeRequest(List<Path> sources, Path root, List<Path> packs, Dispatch dispatch,
                             ProgressListener progress) {
    public enum Dispatch {
        CHA,
        RTA
    }

    public AnalyzeRequest {
        sources = List.copyOf(sources);
        packs = List.copyOf(packs);
        if (dispatch == null) {
            dispatch = Dispatch.CHA;
        }
        if (progress == null) {
            progress = ProgressListener.NONE;
        }
    }
}
