// contract: kreply analyze attaches each finding's fix preview (the dry-run diff of its pack recipe) to the SARIF (fixes naming every changed file, schema-valid), JSON and HTML reports without touching the sources or the finding set; a finding its recipe offers no fix for gets none, a recipe that fails gives one warning line, previews of unchanged code are reused from the report folder's cache and any edit invalidates them, and --no-fix-previews or a text-only run computes none.
package kreply.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The real engine and recipes on a small codebase assembled from the rule fixtures (the shared
 * {@code fx} kernel stand-in plus three positive fixtures), so a run takes a second or two.
 */
class AnalyzeFixPreviewsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MAIN = "src/main/java/";
    private static final String QUEUE_FILE = MAIN + "fixture/queue/pos/QueuedThenBlocked.java";
    private static final String MIXED_FILE = MAIN + "fixture/mixed/pos/MixedThreads.java";
    private static final String TCB_FILE = MAIN + "fx/Tcb.java";
    private static final String GUARD = "if (ks.ksCurThread.tcbQueued || !k.thread.isSchedulable(ks.ksCurThread)) {";
    private static final Pattern SCRIPT = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL);

    @TempDir
    Path tmp;
    Path repo;
    Path project;
    Path reports;
    int exit;
    String out;
    String err;

    @BeforeEach
    void assembleProject() throws IOException {
        repo = Path.of("").toAbsolutePath().getParent();
        project = tmp.resolve("project");
        reports = tmp.resolve("reports");
        Path fixtures = repo.resolve("rules/fixtures");
        copyInto(fixtures.resolve("support/fx"), project.resolve(MAIN + "fx"));
        copyInto(fixtures.resolve("queue-block-while-queued/positive"), project.resolve(MAIN + "fixture/queue/pos"));
        copyInto(fixtures.resolve("reply-mixed-threads/positive"), project.resolve(MAIN + "fixture/mixed/pos"));
        copyInto(fixtures.resolve("ipc-buffer-escape/positive"), project.resolve(MAIN + "fixture/escape/pos"));
        Files.writeString(project.resolve("pom.xml"), "<project/>\n");
    }

    private static void copyInto(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path f : (Iterable<Path>) s::iterator) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }

    private int analyze(String... extra) {
        List<String> args = new ArrayList<>(List.of("analyze", project.toString(), "--out", reports.toString()));
        args.addAll(List.of(extra));
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CliContext ctx = new CliContext(new PrintWriter(o), new PrintWriter(e), repo, tmp, AnalysisBackend.ENGINE,
                false, false);
        exit = Main.run(args.toArray(String[]::new), ctx);
        out = o.toString();
        err = e.toString();
        return exit;
    }

    private JsonNode read(String name) throws IOException {
        return JSON.readTree(reports.resolve(name).toFile());
    }

    /** The SARIF results of the rule on the method (simple name), in report order. */
    private static List<JsonNode> results(JsonNode sarif, String ruleId, String method) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : sarif.at("/runs/0/results")) {
            String fqn = r.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText();
            if (r.get("ruleId").asText().equals(ruleId) && fqn.endsWith("#" + method)) {
                out.add(r);
            }
        }
        assertThat(out).as(ruleId + " on " + method).isNotEmpty();
        return out;
    }

    private static List<String> changedFiles(JsonNode sarifResult) {
        List<String> files = new ArrayList<>();
        sarifResult.at("/fixes/0/artifactChanges").forEach(c -> files.add(c.at("/artifactLocation/uri").asText()));
        return files;
    }

    private Map<String, String> sources() throws IOException {
        Map<String, String> texts = new TreeMap<>();
        try (Stream<Path> s = Files.walk(project)) {
            for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                texts.put(project.relativize(f).toString(), Files.readString(f));
            }
        }
        return texts;
    }

    private static Set<ValidationMessage> validateSarif(JsonNode sarif) throws IOException {
        String schema = System.getProperty("kreply.sarifSchema");
        assertThat(schema).as("system property kreply.sarifSchema (set by cli/pom.xml)").isNotBlank();
        try (InputStream in = Files.newInputStream(Path.of(schema))) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in).validate(sarif);
        }
    }

    @Test
    void sarifJsonAndHtmlCarryTheFixDiffsAndNothingIsWritten() throws Exception {
        Map<String, String> before = sources();

        assertThat(analyze("--format", "sarif,json,html")).as(err).isEqualTo(1);

        assertThat(sources()).as("a preview is a dry run").isEqualTo(before);
        JsonNode sarif = read("kreply.sarif");
        assertThat(validateSarif(sarif)).isEmpty();

        // positive, one file: the queue guard goes into the handler
        JsonNode vppi = results(sarif, "queue-block-while-queued", "VPPIEvent").get(0);
        assertThat(changedFiles(vppi)).containsExactly(QUEUE_FILE);
        JsonNode rep = vppi.at("/fixes/0/artifactChanges/0/replacements/0");
        assertThat(rep.at("/insertedContent/text").asText()).contains(GUARD);
        assertThat(rep.at("/deletedRegion/startLine").asInt()).isPositive();

        // positive, several files: the deferred reply records the call flag on the Tcb too
        JsonNode yield = results(sarif, "reply-mixed-threads", "schedContext_completeYieldTo").get(0);
        assertThat(changedFiles(yield)).as("by path, whatever order the fix touched them in")
                .containsExactly(MIXED_FILE, TCB_FILE);

        // negative: the recipe offers no fix for these findings, so they name it but carry no preview
        JsonNode other = results(sarif, "reply-mixed-threads", "invokeOtherThread").get(0);
        assertThat(other.has("fixes")).isFalse();
        assertThat(other.at("/properties/fix/recipe").asText()).isEqualTo("deferred-reply");
        for (JsonNode escape : results(sarif, "ipc-buffer-escape", "decodeThing")) {
            assertThat(escape.has("fixes")).isFalse();
        }

        JsonNode json = read("kreply.json");
        JsonNode jsonVppi = finding(json, "queue-block-while-queued", "VPPIEvent");
        String diff = jsonVppi.at("/fix/unifiedDiff").asText();
        assertThat(diff).contains("+++ b/" + QUEUE_FILE).contains("+        " + GUARD);
        assertThat(finding(json, "reply-mixed-threads", "invokeOtherThread").at("/fix/unifiedDiff").isNull()).isTrue();
        assertThat(json.at("/timingsMillis").has("fixes")).isTrue();

        JsonNode page = htmlData();
        JsonNode htmlVppi = null;
        for (JsonNode f : page.get("findings")) {
            if (f.get("name").asText().endsWith("#VPPIEvent")) {
                htmlVppi = f;
            }
        }
        assertThat(htmlVppi).isNotNull();
        assertThat(htmlVppi.at("/fix/diff").asText()).isEqualTo(diff);

        // the handler that blocks by another call than the recipe's: a warning line, no preview, no trace
        assertThat(results(sarif, "queue-block-while-queued", "queuedOnly").get(0).has("fixes")).isFalse();
        assertThat(err.lines()).contains("kreply analyze: warning: no fix preview for "
                + "fixture.queue.pos.QueuedThenBlocked#queuedOnly (queue-guard): "
                + "fixture.queue.pos.QueuedThenBlocked#queuedOnly does not call handleFault")
                .allSatisfy(l -> assertThat(l).startsWith("kreply analyze: warning: no fix preview for "));
    }

    @Test
    void noFixPreviewsComputesNoneAndKeepsTheFindingsAsTheyAre() throws Exception {
        analyze("--format", "sarif,json");
        JsonNode with = read("kreply.json");

        assertThat(analyze("--format", "sarif,json", "--no-fix-previews")).isEqualTo(1);

        assertThat(err).isEmpty();
        JsonNode without = read("kreply.json");
        for (JsonNode r : read("kreply.sarif").at("/runs/0/results")) {
            assertThat(r.has("fixes")).as(r.get("ruleId").asText()).isFalse();
        }
        for (JsonNode f : without.get("findings")) {
            assertThat(f.at("/fix/unifiedDiff").isNull()).isTrue();
        }
        assertThat(without.at("/timingsMillis").has("fixes")).isFalse();
        assertThat(identities(without)).isEqualTo(identities(with)).isNotEmpty();
    }

    @Test
    void previewsOfUnchangedCodeComeFromTheCacheAndAnEditInvalidatesThem() throws Exception {
        analyze("--format", "json");
        String diff = finding(read("kreply.json"), "queue-block-while-queued", "VPPIEvent").at("/fix/unifiedDiff").asText();
        Path cache = reports.resolve("fix-previews.cache.json");
        assertThat(cache).isRegularFile();

        // A cached batch is reused as it is while nothing it depends on changed: mark it to see that.
        Files.writeString(cache, Files.readString(cache).replace("+        " + GUARD.replace("\\", "\\\\").replace("\"", "\\\""),
                "+        /* from the cache */ " + GUARD));
        analyze("--format", "json");
        assertThat(finding(read("kreply.json"), "queue-block-while-queued", "VPPIEvent").at("/fix/unifiedDiff").asText())
                .contains("/* from the cache */");

        // Any edit of the tree misses: the handler moved down a line, and so does its hunk.
        Path queue = project.resolve(QUEUE_FILE);
        Files.writeString(queue, Files.readString(queue).replaceFirst("\n", "\n// moved\n"));
        analyze("--format", "json");
        String moved = finding(read("kreply.json"), "queue-block-while-queued", "VPPIEvent").at("/fix/unifiedDiff").asText();
        assertThat(moved).doesNotContain("/* from the cache */").isNotEqualTo(diff)
                .isEqualTo(shiftHunks(diff));

        // A damaged cache is ignored and rewritten.
        Files.writeString(cache, "{ not json");
        assertThat(analyze("--format", "json")).isEqualTo(1);
        assertThat(finding(read("kreply.json"), "queue-block-while-queued", "VPPIEvent").at("/fix/unifiedDiff").asText())
                .isEqualTo(moved);
        assertThat(JSON.readTree(cache.toFile()).isObject()).isTrue();
    }

    /** The diff with every hunk one line further down (what inserting a line above them does). */
    private static String shiftHunks(String diff) {
        Matcher m = Pattern.compile("^@@ -(\\d+),(\\d+) \\+(\\d+),(\\d+) @@", Pattern.MULTILINE).matcher(diff);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, "@@ -" + (Integer.parseInt(m.group(1)) + 1) + "," + m.group(2) + " +"
                    + (Integer.parseInt(m.group(3)) + 1) + "," + m.group(4) + " @@");
        }
        m.appendTail(sb);
        return sb.toString();
    }

    @Test
    void aTextOnlyRunComputesNoPreviews() throws Exception {
        assertThat(analyze("--format", "text")).isEqualTo(1);

        assertThat(err).isEmpty();
        assertThat(out).contains("Timings: ").doesNotContain("fixes");
    }

    @Test
    void aMissingRecipesFileIsAnInputError() {
        assertThat(analyze("--recipes-file", "nope.yaml")).isEqualTo(2);

        assertThat(err.lines()).containsExactly("kreply: --recipes-file: recipe file not found: " + tmp.resolve("nope.yaml"));
        assertThat(out).isEmpty();
    }

    /** Rule, method, line, status and fingerprint of every finding: what the gate and the baseline see. */
    private static List<String> identities(JsonNode report) {
        List<String> ids = new ArrayList<>();
        report.get("findings").forEach(f -> ids.add(f.get("ruleId").asText() + " " + f.get("methodId").asText() + " "
                + f.get("line").asInt() + " " + f.get("status").asText() + " " + f.get("fingerprint").asText()));
        return ids;
    }

    private static JsonNode finding(JsonNode report, String ruleId, String method) {
        for (JsonNode f : report.get("findings")) {
            if (f.get("ruleId").asText().equals(ruleId) && f.get("method").asText().endsWith("#" + method)) {
                return f;
            }
        }
        throw new AssertionError("no " + ruleId + " finding on " + method);
    }

    /** The HTML report's data island: the findings the page renders, with their fix diffs. */
    private JsonNode htmlData() throws IOException {
        String html = Files.readString(reports.resolve("index.html"));
        Matcher m = SCRIPT.matcher(html);
        while (m.find()) {
            if (m.group(1).contains("application/json")) {
                return JSON.readTree(m.group(2));
            }
        }
        throw new AssertionError("index.html has no data island");
    }
}
