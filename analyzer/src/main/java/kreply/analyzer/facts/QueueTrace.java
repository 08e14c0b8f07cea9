package kreply.analyzer.facts;

import java.util.List;
import kreply.analyzer.pack.QueueSpec;

/** The queue-effect paths of one family-B entry method, for rule Q. */
public record QueueTrace(String entryId, QueueSpec.Entry entry, List<Path> paths) {
    public QueueTrace {
        paths = List.copyOf(paths);
    }
}
