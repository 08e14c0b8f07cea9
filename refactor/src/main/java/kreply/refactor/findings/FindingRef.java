package kreply.refactor.findings;

import java.util.List;

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
}
