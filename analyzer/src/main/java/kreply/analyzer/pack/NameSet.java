package kreply.analyzer.pack;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A set of method or field names from a rule pack: exact names plus regular expressions (entries
 * written in the pack's {@code patterns} lists). Matching is on simple names because fixtures and
 * noclasspath code may not resolve declaring types.
 */
public record NameSet(List<String> names, List<Pattern> patterns) {
    public static final NameSet EMPTY = new NameSet(List.of(), List.of());

    public NameSet {
        names = List.copyOf(names);
        patterns = List.copyOf(patterns);
    }

    public boolean matches(String simpleName) {
        if (simpleName == null) {
            return false;
        }
        if (names.contains(simpleName)) {
            return true;
        }
        for (Pattern p : patterns) {
            if (p.matcher(simpleName).matches()) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return names.isEmpty() && patterns.isEmpty();
    }

    NameSet merge(NameSet o) {
        List<String> n = new java.util.ArrayList<>(names);
        o.names.stream().filter(x -> !n.contains(x)).forEach(n::add);
        List<Pattern> p = new java.util.ArrayList<>(patterns);
        for (Pattern q : o.patterns) {
            if (p.stream().noneMatch(x -> x.pattern().equals(q.pattern()))) {
                p.add(q);
            }
        }
        return new NameSet(n, p);
    }
}
