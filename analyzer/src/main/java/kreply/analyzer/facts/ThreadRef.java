package kreply.analyzer.facts;

import java.util.ArrayList;
import java.util.List;

/**
 * Which thread an operation acts on: the current thread, a parameter of a method (plus a field
 * chain such as {@code sc.scTcb}), or some other expression (kept as its access path for messages
 * and for matching current-thread aliases like {@code ksCurSC.scTcb}).
 */
public record ThreadRef(Kind kind, String method, int param, List<String> chain) {
    public enum Kind {
        CT,
        PARAM,
        OTHER
    }

    public static final ThreadRef CURRENT = new ThreadRef(Kind.CT, null, -1, List.of());

    public ThreadRef {
        chain = List.copyOf(chain);
    }

    public static ThreadRef param(String method, int i, List<String> chain) {
        return new ThreadRef(Kind.PARAM, method, i, chain);
    }

    public static ThreadRef other(List<String> path) {
        return new ThreadRef(Kind.OTHER, null, -1, path);
    }

    public boolean isCurrent() {
        return kind == Kind.CT;
    }

    /** Appends a field chain; the result is re-checked against the current-thread aliases. */
    public ThreadRef append(List<String> more, List<List<String>> aliases) {
        if (more.isEmpty()) {
            return this;
        }
        List<String> c = new ArrayList<>(chain);
        c.addAll(more);
        return switch (kind) {
            case PARAM -> param(method, param, c);
            case OTHER -> normalise(other(c), aliases);
            case CT -> other(prepend("ct", more));
        };
    }

    private static List<String> prepend(String head, List<String> rest) {
        List<String> r = new ArrayList<>();
        r.add(head);
        r.addAll(rest);
        return r;
    }

    /** An access path that ends with a current-thread alias is the current thread. */
    public static ThreadRef normalise(ThreadRef r, List<List<String>> aliases) {
        if (r.kind != Kind.OTHER) {
            return r;
        }
        for (List<String> a : aliases) {
            if (r.chain.size() >= a.size() && r.chain.subList(r.chain.size() - a.size(), r.chain.size()).equals(a)) {
                return CURRENT;
            }
        }
        return r;
    }

    /** Human-readable name for messages, given the parameter names of the method being reported. */
    public String describe(List<String> paramNames) {
        return switch (kind) {
            case CT -> "the current thread";
            case PARAM -> "parameter '" + (paramNames != null && param < paramNames.size() ? paramNames.get(param)
                    : "#" + param) + "'" + (chain.isEmpty() ? "" : "." + String.join(".", chain));
            case OTHER -> "'" + String.join(".", chain) + "'";
        };
    }
}
