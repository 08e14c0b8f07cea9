// contract: ./kreply analyze passes the gate on the shipped legacy kernel (its findings are baselined, and computing fix previews changes none of them) and fails with exit 1 as soon as a new reply-protocol defect appears.
package kreply.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * End to end through the launcher on the real kernel, engine and shipped baseline. Needs the
 * analyzer and a baseline generated with {@code ./kreply analyze --update-baseline}.
 */
class KernelGateIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static Proc kreply(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Proc.repo().resolve("kreply").toString());
        cmd.addAll(List.of(args));
        return Proc.run(dir, Map.of(), 600, cmd.toArray(String[]::new));
    }

    @Test
    void legacyKernelPassesTheGateBecauseItsFindingsAreBaselined() throws Exception {
        Path out = tmp.resolve("out");
        Proc p = kreply(Proc.repo(), "analyze", "--out", out.toString());

        assertThat(p.exit).as(p.toString()).isZero();
        JsonNode report = JSON.readTree(out.resolve("kreply.json").toFile());
        assertThat(report.at("/summary/findings").asInt()).as("the legacy kernel has known defects").isPositive();
        assertThat(report.at("/summary/new").asInt()).isZero();
        assertThat(report.at("/summary/staleBaselineEntries").asInt()).as("baseline is up to date").isZero();
        assertThat(report.at("/baseline/file").asText()).isEqualTo("kreply-baseline.json");
        // the default run computes fix previews: diffs of the kernel's own files (paths relative to the
        // analysed root, as SARIF needs them), timed as a phase
        List<String> diffs = new ArrayList<>();
        report.get("findings").forEach(f -> {
            if (f.at("/fix/unifiedDiff").isTextual()) {
                diffs.add(f.at("/fix/unifiedDiff").asText());
            }
        });
        assertThat(diffs).as("fix previews").isNotEmpty();
        Matcher target = Pattern.compile("(?m)^--- a/(\\S+)").matcher(String.join("\n", diffs));
        while (target.find()) {
            assertThat(Proc.repo().resolve("kernel-src").resolve(target.group(1))).exists();
        }
        assertThat(report.at("/timingsMillis/fixes").isNumber()).isTrue();

        // (previews are off from here on: they cost time and the gate's finding set is the same)
        Proc strict = kreply(Proc.repo(), "analyze", "--out", out.toString(), "--fail-on", "any", "--quiet",
                "--no-fix-previews");
        assertThat(strict.exit).as(strict.toString()).isEqualTo(1);
    }

    @Test
    void newReplyDefectFailsTheGate() throws Exception {
        Path kernel = copyKernel(tmp.resolve("kernel-src"));
        Path flags = breakSetFlags(kernel);
        Path out = tmp.resolve("out");

        Proc p = kreply(tmp, "analyze", kernel.toString(), "--out", out.toString(), "--no-fix-previews");

        assertThat(p.exit).as(p.toString()).isEqualTo(1);
        JsonNode report = JSON.readTree(out.resolve("kreply.json").toFile());
        List<JsonNode> fresh = new ArrayList<>();
        report.get("findings").forEach(f -> {
            if (f.get("status").asText().equals("new")) {
                fresh.add(f);
            }
        });
        assertThat(fresh).as("exactly the injected defect is new").hasSize(1);
        JsonNode f = fresh.get(0);
        assertThat(f.get("method").asText()).endsWith("#invokeSetFlags");
        assertThat(f.get("kinds")).extracting(JsonNode::asText).contains("C");
        assertThat(kernel.resolve(f.get("file").asText())).isEqualTo(flags);
        assertThat(p.out).contains("FAILED (--fail-on new): 1 new");
    }

    /** The kernel sources, its pom (the root marker) and its baseline: what a CI checkout has. */
    private static Path copyKernel(Path dest) throws IOException {
        Path src = Proc.repo().resolve("kernel-src");
        Files.createDirectories(dest);
        Files.copy(src.resolve("pom.xml"), dest.resolve("pom.xml"));
        Files.copy(src.resolve("kreply-baseline.json"), dest.resolve("kreply-baseline.json"));
        Path java = src.resolve("src/main/java");
        try (Stream<Path> files = Files.walk(java)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = dest.resolve("src/main/java").resolve(java.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return dest;
    }

    /**
     * Turns the conforming {@code invokeSetFlags} into the legacy clobbered shape: it still writes
     * its data reply but no longer sets the caller Running, so the decoder's Restart survives and
     * handleInvocation overwrites the reply (code C).
     */
    private static Path breakSetFlags(Path kernel) throws IOException {
        Pattern decl = Pattern.compile("\\binvokeSetFlags\\s*\\([^)]*\\)\\s*\\{");
        try (Stream<Path> files = Files.walk(kernel.resolve("src/main/java"))) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String text = Files.readString(file);
                Matcher m = decl.matcher(text);
                if (!m.find()) {
                    continue;
                }
                int bodyEnd = matchingBrace(text, m.end() - 1);
                String body = text.substring(m.end(), bodyEnd);
                String broken = body.replaceAll("(?m)^[^\\n]*setThreadState\\([^;]*ThreadState\\.Running\\)\\s*;[^\\n]*\\n", "");
                assertThat(broken).as("invokeSetFlags in %s sets the caller Running", file).isNotEqualTo(body);
                Files.writeString(file, text.substring(0, m.end()) + broken + text.substring(bodyEnd));
                return file;
            }
        }
        throw new AssertionError("no invokeSetFlags definition in " + kernel);
    }

    private static int matchingBrace(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new AssertionError("unbalanced braces after offset " + open);
    }
}
