package kreply.refactor.findings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The part of an analyzer finding a recipe needs: which rule, which violation codes
 * ({@code kinds}, e.g. C G B), which method ({@code pkg.Class#name}, and the full id with
 * parameter types when known), and its file relative to the analysed root (may be null).
 * Recipes map findings to changes from this alone, however the findings were produced.
 */
public record FindingRef(String ruleId, List<String> kinds, String method, String methodId, String file) {
    public FindingRef {
        kinds = List.copyOf(kinds);
        if (method == null || !method.contains("#")) {
            throw new IllegalArgumentException("finding method must be pkg.Class#name: " + method);
        }
    }

    /** {@code pkg.Class}. */
    public String className() {
        return method.substring(0, method.indexOf('#'));
    }

    /** The simple method name. */
    public String methodName() {
        return method.substring(method.indexOf('#') + 1);
    }

    /** Parameter count from the full id, or -1 when only the short form is known. */
    public int arity() {
        if (methodId == null || !methodId.contains("(")) {
            return -1;
        }
        String params = methodId.substring(methodId.indexOf('(') + 1, methodId.lastIndexOf(')')).trim();
        return params.isEmpty() ? 0 : params.split(",").length;
    }

    public boolean has(String kind) {
        return kinds.contains(kind);
    }

    /** The order codes are listed in (LEGACY-REPLY-BUGS §A2, then the structural and queue codes). */
    private static final List<String> CODE_ORDER = List.of("C", "I", "G", "B", "R", "R~", "T", "L", "O", "P", "S",
            "E", "Q");

    /**
     * One finding per method (by full id when known, else by {@code pkg.Class#name}), in the order
     * methods first appear, with the codes of all its findings. The rule id is the first finding's;
     * the recipes select by rule before merging, so it only names where the finding came from.
     */
    public static List<FindingRef> perMethod(List<FindingRef> findings) {
        Map<String, List<FindingRef>> byMethod = new LinkedHashMap<>();
        for (FindingRef f : findings) {
            byMethod.computeIfAbsent(f.methodId() != null ? f.methodId() : f.method(), k -> new ArrayList<>()).add(f);
        }
        List<FindingRef> out = new ArrayList<>();
        for (List<FindingRef> group : byMethod.values()) {
            FindingRef first = group.get(0);
            if (group.size() == 1) {
                out.add(first);
                continue;
            }
            List<String> kinds = new ArrayList<>();
            group.forEach(f -> f.kinds().stream().filter(k -> !kinds.contains(k)).forEach(kinds::add));
            kinds.sort((a, b) -> Integer.compare(rank(a), rank(b)));
            out.add(new FindingRef(first.ruleId(), kinds, first.method(), first.methodId(), first.file()));
        }
        return out;
    }

    private static int rank(String code) {
        int i = CODE_ORDER.indexOf(code);
        return i < 0 ? CODE_ORDER.size() : i;
    }
}
