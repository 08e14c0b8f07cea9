package kreply.analyzer.facts;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One path through a method: its events in order, the path-condition atoms assumed on it, and how
 * it ended (still open while walking; success, failure return, or halt at the end). Immutable;
 * the hash is computed once because path sets are deduplicated constantly.
 */
public final class Path {
    public enum Term {
        OPEN,
        SUCCESS,
        FAILURE,
        HALT
    }

    public static final Path EMPTY = new Path(List.of(), Set.of(), Term.OPEN);

    private final List<Event> events;
    private final Set<String> ctx;
    private final Term term;
    private final int hash;

    public Path(List<Event> events, Set<String> ctx, Term term) {
        this.events = List.copyOf(events);
        this.ctx = Set.copyOf(ctx);
        this.term = term;
        this.hash = Objects.hash(this.events, this.ctx, term);
    }

    public List<Event> events() {
        return events;
    }

    public Set<String> ctx() {
        return ctx;
    }

    public Term term() {
        return term;
    }

    public Path with(Term t) {
        return t == term ? this : new Path(events, ctx, t);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Path p && p.hash == hash && p.term == term && p.events.equals(events)
                && p.ctx.equals(ctx);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return term + " " + ctx + " " + events;
    }
}
