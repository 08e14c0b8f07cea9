package kreply.refactor.findings;

import java.nio.file.Path;
import java.util.List;

/**
 * Where the findings come from: the analyzer engine run on the sources, or a {@code kreply.json}
 * report written earlier by {@code kreply analyze}. The recipes do not care which.
 */
public interface FindingsSource {
    /** Findings for the sources under {@code root} (source folders given). */
    List<FindingRef> findings(Path root, List<Path> sources);

    /** A short description for messages ("analyzer", "kreply.json report ..."). */
    String describe();
}
