package kreply.analyzer.facts;

import java.util.List;
import java.util.Set;

/**
 * One path through a method: its events in order, the path-condition atoms assumed on it, and how
 * it ended (still open while walking; success, failure return, or halt at the end).
 */
public record Path(List<Event> events, Set<String> ctx, Term term) {
    public enum Term {
        OPEN,
        SUCCESS,
        FAILURE,
        HALT
    }

    public Path {
        events = List.copyOf(events);
        ctx = Set.copyOf(ctx);
    }

    public static final Path EMPTY = new Path(List.of(), Set.of(), Term.OPEN);

    public Path with(Term t) {
        return new Path(events, ctx, t);
    }
}
