package kreply.analyzer.facts;

import java.util.List;

/**
 * A per-method summary: the distinct effect paths through the method (ended paths; effect-free
 * branches collapse into one), and whether the path set was capped.
 */
public record Summary(List<Path> paths, boolean truncated) {
    public static final Summary NOTHING = new Summary(List.of(new Path(List.of(), java.util.Set.of(),
            Path.Term.SUCCESS)), false);

    public Summary {
        paths = List.copyOf(paths);
    }
}
