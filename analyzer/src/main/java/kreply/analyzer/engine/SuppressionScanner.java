package kreply.analyzer.engine;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kreply.analyzer.model.Positions;
import kreply.analyzer.model.Scan;
import kreply.analyzer.model.SourceModel;
import kreply.analyzer.report.Suppression;
import spoon.reflect.code.CtExpression;
import spoon.reflect.code.CtLiteral;
import spoon.reflect.code.CtNewArray;
import spoon.reflect.code.CtStatement;
import spoon.reflect.cu.CompilationUnit;
import spoon.reflect.declaration.CtAnnotation;
import spoon.reflect.declaration.CtElement;
import spoon.reflect.declaration.CtType;
import spoon.reflect.declaration.CtTypeMember;

/**
 * Collects the suppressions written in the sources (syntax in {@code rules/docs/README.md}):
 * <ul>
 * <li>{@code @SuppressWarnings("kreply:<rule-id>")} on a declaration, with the reason in a comment
 * on the annotation's line or the line above; it covers the declaration;</li>
 * <li>{@code // kreply:suppress <rule-id>[,<rule-id>...] -- <reason>}; at the end of a code line it
 * covers that line, on its own line it covers the next declaration or statement.</li>
 * </ul>
 * The rule id may be {@code *}. A missing reason is recorded as an empty reason; the gate reports it.
 */
final class SuppressionScanner {
    private static final Pattern COMMENT = Pattern.compile(
            "//\\s*kreply:suppress\\s+([A-Za-z0-9*~_-]+(?:\\s*,\\s*[A-Za-z0-9*~_-]+)*)\\s*(?:--\\s*(.*))?$");

    private SuppressionScanner() {
    }

    static List<Suppression> scan(SourceModel sm) {
        List<Suppression> out = new ArrayList<>();
        for (CompilationUnit cu : sm.model().getRootPackage().getFactory().CompilationUnit().getMap().values()) {
            File f = cu.getFile();
            if (f == null || !mentionsKreply(f)) {
                continue;
            }
            String text;
            try {
                text = cu.getOriginalSourceCode();
            } catch (RuntimeException e) {
                continue;
            }
            if (text == null || !text.contains("kreply:")) {
                continue;
            }
            String rel = sm.relative(f.toPath());
            String[] lines = text.split("\n", -1);
            annotations(cu, rel, lines, out);
            comments(cu, rel, lines, out);
        }
        out.sort(java.util.Comparator.comparing(Suppression::file).thenComparingInt(Suppression::line)
                .thenComparing(Suppression::ruleId));
        return out;
    }

    /**
     * A cheap pre-check on the file's bytes: only files that mention {@code kreply:} can hold a
     * suppression. Asking Spoon for the source text instead would read every file again and keep
     * all of them in memory for the rest of the analysis.
     */
    private static boolean mentionsKreply(File f) {
        try {
            return new String(Files.readAllBytes(f.toPath()), StandardCharsets.ISO_8859_1).contains("kreply:");
        } catch (IOException | RuntimeException e) {
            return true; // let Spoon's own reading decide
        }
    }

    private static void annotations(CompilationUnit cu, String rel, String[] lines, List<Suppression> out) {
        for (CtType<?> t : cu.getDeclaredTypes()) {
            List<CtAnnotation<?>> anns = new ArrayList<>(Scan.<CtAnnotation<?>>all(t, CtAnnotation.class));
            for (CtAnnotation<?> a : anns) {
                if (!"SuppressWarnings".equals(a.getAnnotationType().getSimpleName())) {
                    continue;
                }
                List<String> ids = new ArrayList<>();
                collect(a.getValues().get("value"), ids);
                if (ids.isEmpty()) {
                    continue;
                }
                CtElement target = a.getAnnotatedElement();
                int line = Positions.line(a);
                int from = target == null ? line : Math.min(line, Positions.line(target));
                int to = target == null ? line : Positions.endLine(target);
                String reason = reasonNear(lines, line);
                for (String id : ids) {
                    out.add(new Suppression(id, reason, rel, line, from, to));
                }
            }
        }
    }

    private static void collect(CtExpression<?> e, List<String> ids) {
        if (e instanceof CtLiteral<?> l && l.getValue() instanceof String s && s.startsWith("kreply:")) {
            ids.add(s.substring("kreply:".length()).trim());
        } else if (e instanceof CtNewArray<?> arr) {
            for (CtExpression<?> x : arr.getElements()) {
                collect(x, ids);
            }
        }
    }

    /** A reason comment on the annotation line or on the line just above it. */
    private static String reasonNear(String[] lines, int line) {
        for (int l : new int[] {line, line - 1}) {
            if (l < 1 || l > lines.length) {
                continue;
            }
            String s = lines[l - 1];
            int c = s.indexOf("//");
            if (c >= 0 && (l == line || s.trim().startsWith("//"))) {
                String r = s.substring(c + 2).trim();
                r = r.replaceFirst("^(reason:|--)\\s*", "");
                if (!r.isEmpty() && !r.startsWith("kreply:suppress")) {
                    return r;
                }
            }
        }
        return "";
    }

    private static void comments(CompilationUnit cu, String rel, String[] lines, List<Suppression> out) {
        for (int i = 0; i < lines.length; i++) {
            Matcher m = COMMENT.matcher(lines[i]);
            if (!m.find()) {
                continue;
            }
            int line = i + 1;
            String reason = m.group(2) == null ? "" : m.group(2).trim();
            boolean trailing = !lines[i].substring(0, m.start()).isBlank();
            int from;
            int to;
            if (trailing) {
                from = line;
                to = line;
            } else {
                int next = nextCodeLine(lines, i + 1);
                from = next;
                to = next < 0 ? line : endOfElementAt(cu, next);
                if (next < 0) {
                    from = line;
                }
            }
            for (String id : m.group(1).split("\\s*,\\s*")) {
                out.add(new Suppression(id.trim(), reason, rel, line, from, Math.max(from, to)));
            }
        }
    }

    private static int nextCodeLine(String[] lines, int from) {
        for (int j = from; j < lines.length; j++) {
            String s = lines[j].trim();
            if (!s.isEmpty() && !s.startsWith("//") && !s.startsWith("*") && !s.startsWith("/*")) {
                return j + 1;
            }
        }
        return -1;
    }

    /** End line of the outermost declaration or statement that starts at {@code line}. */
    private static int endOfElementAt(CompilationUnit cu, int line) {
        int end = line;
        for (CtType<?> t : cu.getDeclaredTypes()) {
            for (CtElement e : t.getElements(x -> x instanceof CtStatement || x instanceof CtTypeMember)) {
                int l = startLine(e);
                if (l == line) {
                    end = Math.max(end, Positions.endLine(e));
                }
            }
            if (startLine(t) == line) {
                end = Math.max(end, Positions.endLine(t));
            }
        }
        return end;
    }

    private static int startLine(CtElement e) {
        try {
            var p = e.getPosition();
            if (p == null || !p.isValidPosition()) {
                return -1;
            }
            if (p instanceof spoon.reflect.cu.position.DeclarationSourcePosition d) {
                int start = d.getSourceStart();
                int[] seps = p.getCompilationUnit().getLineSeparatorPositions();
                int l = 1;
                for (int s : seps) {
                    if (s < start) {
                        l++;
                    }
                }
                return l;
            }
            return p.getLine();
        } catch (RuntimeException ex) {
            return -1;
        }
    }
}
