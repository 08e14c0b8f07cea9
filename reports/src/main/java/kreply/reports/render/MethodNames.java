package kreply.reports.render;

/**
 * Shortens call-graph method ids ({@code pkg.Class#name(T1,T2)}) for human-facing output, where
 * the package and parameter list mostly add noise; machine outputs keep the full ids.
 */
public final class MethodNames {
    private MethodNames() {
    }

    /** {@code sel4.object.tcb.TcbInvocations#invokeSetFlags(long)} → {@code TcbInvocations#invokeSetFlags}. */
    public static String compact(String methodId) {
        if (methodId == null) {
            return "?";
        }
        String s = methodId;
        int paren = s.indexOf('(');
        if (paren >= 0) {
            s = s.substring(0, paren);
        }
        int hash = s.indexOf('#');
        String type = hash >= 0 ? s.substring(0, hash) : s;
        String member = hash >= 0 ? s.substring(hash) : "";
        int dot = type.lastIndexOf('.');
        return (dot >= 0 ? type.substring(dot + 1) : type) + member;
    }
}
