package kreply.reports.html;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import kreply.analyzer.report.PathStep;

/**
 * Finds method declarations and lines in real Java sources, so that test results built by hand
 * point at the code as it is today (the kernel moves; hard-coded line numbers would rot). Method
 * ids follow the analyzer's form {@code pkg.Class#name(fully.qualified.T1,T2)}, with parameter
 * types resolved through the file's imports and package.
 */
final class JavaSources {
    private static final Set<String> PRIMITIVES = Set.of("boolean", "byte", "short", "char", "int", "long", "float",
            "double");
    private static final Set<String> JAVA_LANG = Set.of("String", "Object", "Integer", "Long", "Boolean");

    private final Path root;
    private final Path sourceDir;

    /** @param root the analysed root; {@code sourceDir} is relative to it (e.g. {@code src/main/java}) */
    JavaSources(Path root, String sourceDir) {
        this.root = root;
        this.sourceDir = root.resolve(sourceDir);
    }

    /** A located method: its id, file relative to the root, and declaration line. */
    record Method(String id, String file, int line, String className, Path path) {
        String simpleId() {
            return id.substring(0, id.indexOf('('));
        }

        PathStep step(String edgeKind) {
            return new PathStep(id, file, line, edgeKind);
        }
    }

    /** {@code sel4.arch.aarch64.Vcpus}, {@code VPPIEvent}: the first declaration of that name in the class. */
    Method method(String className, String name) {
        Path file = sourceDir.resolve(className.replace('.', '/') + ".java");
        String text = read(file);
        Pattern decl = Pattern.compile("(?m)^[ \\t]*(?:@\\w+[ \\t]*)*(?:(?:public|protected|private|static|final|"
                + "synchronized|abstract|default)[ \\t]+)*[\\w.<>\\[\\]]+[ \\t]+(" + Pattern.quote(name)
                + ")[ \\t]*\\(([^)]*)\\)[^;{]*\\{");
        Matcher m = decl.matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no declaration of " + name + " in " + file);
        }
        int line = lineOf(text, m.start(1));
        List<String> types = new ArrayList<>();
        String params = m.group(2).strip();
        if (!params.isEmpty()) {
            for (String p : params.split(",")) {
                String decl1 = p.strip().replaceAll("@\\w+\\s*", "").replaceFirst("^final\\s+", "");
                String type = decl1.substring(0, decl1.lastIndexOf(' ')).strip();
                types.add(qualify(type, text, className));
            }
        }
        String rel = root.relativize(file).toString().replace('\\', '/');
        return new Method(className + "#" + name + "(" + String.join(",", types) + ")", rel, line, className, file);
    }

    /** The first line at or after the declaration of {@code m} that contains {@code snippet}. */
    int lineOf(Method m, String snippet) {
        List<String> lines = lines(m.path());
        for (int i = m.line() - 1; i < lines.size(); i++) {
            if (lines.get(i).contains(snippet)) {
                return i + 1;
            }
        }
        throw new IllegalStateException("no '" + snippet + "' after " + m.id() + " in " + m.file());
    }

    String line(Method m, int line) {
        return lines(m.path()).get(line - 1);
    }

    List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String qualify(String type, String fileText, String className) {
        String base = type.replaceAll("<.*>", "").replace("...", "[]");
        String dims = "";
        while (base.endsWith("[]")) {
            dims += "[]";
            base = base.substring(0, base.length() - 2).strip();
        }
        if (PRIMITIVES.contains(base) || base.contains(".")) {
            return base + dims;
        }
        if (JAVA_LANG.contains(base)) {
            return "java.lang." + base + dims;
        }
        Matcher imp = Pattern.compile("(?m)^import\\s+([\\w.]+\\." + Pattern.quote(base) + ");").matcher(fileText);
        if (imp.find()) {
            return imp.group(1) + dims;
        }
        String pkg = className.substring(0, className.lastIndexOf('.'));
        return pkg + "." + base + dims;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
