package kreply.reports.html;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import kreply.analyzer.report.AnalysisResult;
import kreply.analyzer.report.Finding;
import kreply.analyzer.report.FixSuggestion;
import kreply.analyzer.report.ParseProblem;
import kreply.analyzer.report.PathStep;
import kreply.analyzer.report.RuleDescriptor;
import kreply.analyzer.report.Severity;
import kreply.analyzer.report.Suppression;
import kreply.reports.gate.Baseline;
import kreply.reports.gate.BaselineEntry;
import kreply.reports.gate.Gate;
import kreply.reports.gate.GateOutcome;
import kreply.reports.render.RenderContext;

/**
 * An analysed root and result where every string a report shows is hostile: markup that would run
 * script if it were not escaped ({@code </script>}, {@code <img onerror>}, {@code <svg onload>}),
 * quotes that would break out of attributes, {@code javascript:} and {@code data:} URLs, and
 * Unicode bidi controls and invisible characters. Each payload that could run sets
 * {@code window.__pwned}, so a browser test can tell whether anything ran.
 */
final class HostileSample {
    static final String SCRIPT = "</script><script>window.__pwned='script'</script>";
    static final String IMG = "<img src=x onerror=\"window.__pwned='img'\">";
    static final String QUOTES = "\"' onmouseover=\"window.__pwned='attr'\" x='";
    static final String SVG = "<svg onload=window.__pwned='svg'></svg>";
    static final String JS_URL = "javascript:window.__pwned='url'";
    /** RIGHT-TO-LEFT OVERRIDE, LEFT-TO-RIGHT ISOLATE, POP DIRECTIONAL ISOLATE, ZERO WIDTH SPACE. */
    static final String BIDI = "access \u202Eresu\u2066 granted\u2069 \u200B";

    static final String RULE_ID = "evil" + QUOTES;
    static final String FILE = "src/main/java/evil/Evil.java";
    static final String ODD_FILE = "src/main/java/evil/<b>\"odd'.java";
    static final String METHOD = "evil.Evil#run" + SCRIPT;

    final Path root;
    final Path rulesDir;
    final GateOutcome outcome;
    final RenderContext context;

    HostileSample(Path tmp) {
        root = tmp.resolve("work/root");
        rulesDir = tmp.resolve("work/rules");
        try {
            Files.createDirectories(root.resolve("src/main/java/evil"));
            Files.writeString(root.resolve(FILE), String.join("\n",
                    "package evil;",
                    "// " + SCRIPT,
                    "class Evil {",
                    "    String a = \"" + IMG + "\";",
                    "    String b = \"" + BIDI + "\"; // looks like one thing, reads as another",
                    "    String c = \"" + JS_URL + "\";",
                    "    void run() { /* " + SVG + " ]]> --> <!-- */ }",
                    "}", ""), StandardCharsets.UTF_8);
            Files.writeString(root.resolve(ODD_FILE), "class Odd { /* " + IMG + " */ }\n", StandardCharsets.UTF_8);
            Files.createDirectories(rulesDir.resolve("docs"));
            Files.writeString(rulesDir.resolve("docs/evil.md"), String.join("\n",
                    "# evil",
                    "",
                    "## Heading with " + SCRIPT + " and " + BIDI,
                    "",
                    "Raw HTML " + IMG + " and " + SVG + " stay text.",
                    "",
                    "<script>window.__pwned='doc'</script>",
                    "",
                    "- [a javascript link](" + JS_URL + ")",
                    "- [a data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
                    "- ![an image](javascript:alert(1)) and <javascript:alert(2)>",
                    "- [a quoted link](https://example.org/\"onmouseover=\"window.__pwned='href')",
                    "- `" + SCRIPT + "` in code",
                    "",
                    "| col " + IMG + " | b |",
                    "|---|---|",
                    "| " + QUOTES + " | " + BIDI + " |",
                    "",
                    "```html\" onload=\"x",
                    "</code></pre>" + SCRIPT,
                    "```",
                    ""), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RuleDescriptor rule = new RuleDescriptor(RULE_ID, "Title " + SCRIPT, Severity.ERROR, List.of("C", "R~" + IMG),
                "Description " + IMG + " " + BIDI, "docs/evil.md");
        RuleDescriptor escaping = new RuleDescriptor("escaping", "doc path leaves the rules folder", Severity.NOTE,
                List.of("E"), "", "../../etc/passwd");
        List<PathStep> path = List.of(new PathStep("evil.Entry#main" + IMG + "()", FILE, 3, null),
                new PathStep("evil.Mid#go(" + QUOTES + ")", ODD_FILE, 1, "virtual" + SVG),
                new PathStep(METHOD + "()", FILE, 7, "call"));
        Finding main = new Finding(RULE_ID, List.of("C", "R~" + IMG), Severity.ERROR, METHOD, METHOD + "()", FILE, 5,
                "Message " + SCRIPT + " " + IMG + " " + BIDI + " " + JS_URL, path, "fp" + QUOTES,
                new FixSuggestion("recipe" + SCRIPT, "fix " + IMG, "--- a/" + FILE + "\n+++ b/" + FILE
                        + "\n@@ -4,1 +4,1 @@\n-    String a = \"" + IMG + "\";\n+    String a = \"" + SCRIPT + "\";\n"),
                null, null);
        Finding suppressed = new Finding(RULE_ID, List.of("C"), Severity.ERROR, "evil.Odd#x", "evil.Odd#x()", ODD_FILE,
                1, "second " + SVG, path, "fp-odd", null, null, null);
        Finding unknownRule = new Finding("no-descriptor" + IMG, List.of("Z"), Severity.NOTE, "evil.Evil#b",
                "evil.Evil#b()", "../../outside/" + IMG + ".java", 2, "escapes the root", List.of(), "fp-out", null, null,
                null);
        AnalysisResult r = new AnalysisResult("kreply", "0.1.0-SNAPSHOT", root.toString(), List.of("pack" + SCRIPT),
                List.of(rule, escaping), List.of(main, suppressed, unknownRule),
                List.of(new ParseProblem(FILE, 1, "parse " + IMG)),
                List.of(new Suppression("*", "reason " + SCRIPT + " " + BIDI, ODD_FILE, 1, 1, 1),
                        new Suppression(RULE_ID, "unused " + IMG, FILE, 100, 101, 102),
                        new Suppression(RULE_ID, "", FILE, 1, 1, 1)),
                Map.of("model", 1L), Map.of("files" + IMG, 2L));
        Baseline baseline = new Baseline(List.of(new BaselineEntry("stale" + QUOTES, RULE_ID, "evil.Gone#x" + SCRIPT,
                List.of("C"), FILE)));
        outcome = Gate.apply(r, baseline, "<i>baseline</i>" + QUOTES + ".json");
        context = new RenderContext(rulesDir);
    }
}
