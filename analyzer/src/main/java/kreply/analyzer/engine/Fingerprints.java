package kreply.analyzer.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import kreply.analyzer.model.MethodInfo;
import kreply.analyzer.model.Positions;
import spoon.reflect.cu.CompilationUnit;

/**
 * Content fingerprints of findings: a hash of the rule id, the method and the method's source with
 * comments removed and whitespace collapsed, so a finding keeps its fingerprint when lines shift
 * or comments change, and gets a new one when the method's code changes.
 */
final class Fingerprints {
    private Fingerprints() {
    }

    static String of(String ruleId, MethodInfo m) {
        String code = m == null ? "" : normalise(source(m));
        String id = m == null ? "" : m.shortName();
        return sha256(ruleId + "\n" + id + "\n" + code);
    }

    private static String source(MethodInfo m) {
        try {
            int[] r = Positions.range(m.exec());
            CompilationUnit cu = m.exec().getPosition().getCompilationUnit();
            String text = cu == null ? null : cu.getOriginalSourceCode();
            if (r != null && text != null && r[0] >= 0 && r[1] < text.length() && r[0] <= r[1]) {
                return text.substring(r[0], r[1] + 1);
            }
        } catch (RuntimeException ignored) {
            // fall back to the pretty-printed form
        }
        try {
            return m.exec().toString();
        } catch (RuntimeException e) {
            return m.id();
        }
    }

    /** Removes comments (outside string and char literals) and collapses whitespace. */
    static String normalise(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        boolean space = false;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
                space = true;
                continue;
            }
            if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? s.length() : end + 2;
                space = true;
                continue;
            }
            if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < s.length() && s.charAt(j) != c) {
                    j += s.charAt(j) == '\\' ? 2 : 1;
                }
                if (space && out.length() > 0) {
                    out.append(' ');
                }
                space = false;
                out.append(s, i, Math.min(s.length(), j + 1));
                i = j + 1;
                continue;
            }
            if (Character.isWhitespace(c)) {
                space = true;
                i++;
                continue;
            }
            if (space && out.length() > 0) {
                out.append(' ');
            }
            space = false;
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static String sha256(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < 16; i++) {
                sb.append(String.format("%02x", d[i]));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
