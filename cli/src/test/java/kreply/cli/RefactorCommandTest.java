// contract: kreply refactor shows, applies and verifies recipe fixes safely — by default it runs the analyzer itself, --findings takes a kreply.json report instead (same fixes), dry runs and patches change nothing, --out writes a copy, --in-place refuses a dirty git tree without --force, plans replay choices, interactive answers select fixes, a failed verification rolls an in-place write back, and bad input is one line with exit 2.
package kreply.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kreply.refactor.write.TreeCopy;

class RefactorCommandTest {
    private static final String VCPUS = "src/main/java/sel4/arch/aarch64/Vcpus.java";

    /** The real analysis of the legacy kernel as a kreply.json report, made once: most tests refactor from it. */
    static Path findings;

    @TempDir
    Path tmp;
    Path repo;
    Path tree;
    int exit;
    String out;
    String err;

    @BeforeAll
    static void analyseTheKernelOnce(@TempDir Path shared) {
        Path repo = Path.of("").toAbsolutePath().getParent();
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CliContext ctx = new CliContext(new PrintWriter(o), new PrintWriter(e), repo, shared, AnalysisBackend.ENGINE,
                false, false);
        int code = Main.run(new String[] {"analyze", repo.resolve("kernel-src").toString(), "--format", "json", "--out",
                shared.toString(), "--fail-on", "none", "-q"}, ctx);
        assertThat(code).as(e.toString()).isZero();
        findings = shared.resolve("kreply.json");
        assertThat(findings).isRegularFile();
    }

    @BeforeEach
    void copyKernel() throws IOException {
        repo = Path.of("").toAbsolutePath().getParent();
        tree = tmp.resolve("kernel");
        TreeCopy.copy(repo.resolve("kernel-src"), tree);
    }

    private int run(String... args) {
        return runWithInput("", args);
    }

    private int runWithInput(String stdin, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CliContext ctx = new CliContext(new PrintWriter(o), new PrintWriter(e), repo, tmp, AnalysisBackend.ENGINE,
                false, false);
        InputStream before = System.in;
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            exit = Main.run(args, ctx);
        } finally {
            System.setIn(before);
        }
        out = o.toString();
        err = e.toString();
        return exit;
    }

    private String vcpus() throws IOException {
        return Files.readString(tree.resolve(VCPUS));
    }

    @Test
    void dryRunPrintsTheDiffAndChangesNothing() throws IOException {
        String before = vcpus();
        assertThat(run("refactor", tree.toString(), "--recipe", "queue-guard", "--option", "S3", "--all", "--dry-run",
                "--findings", findings.toString())).isZero();
        assertThat(out).contains("+++ b/" + VCPUS).contains("+        if (ks.ksCurThread.tcbQueued || !k.thread.isSchedulable(ks.ksCurThread)) {");
        assertThat(vcpus()).isEqualTo(before);
    }

    @Test
    void withoutFindingsTheAnalyzerRunsAndProposesTheSameFixesAsItsReport() throws IOException {
        String before = vcpus();
        assertThat(run("refactor", tree.toString(), "--recipe", "queue-guard", "--option", "S3", "--all",
                "--dry-run")).as(err).isZero();
        String analysed = out;
        assertThat(analysed).contains("+++ b/" + VCPUS);
        assertThat(err).contains("2 fix(es) applied");
        assertThat(run("refactor", tree.toString(), "--recipe", "queue-guard", "--option", "S3", "--all", "--dry-run",
                "--findings", findings.toString())).isZero();
        assertThat(out).isEqualTo(analysed);
        assertThat(vcpus()).isEqualTo(before);
    }

    @Test
    void patchFileAppliesWithGit() throws Exception {
        Path patch = tmp.resolve("guard.patch");
        assertThat(run("refactor", tree.toString(), "--recipe", "queue-guard", "--all", "--dry-run", "--patch",
                patch.toString(), "--findings", findings.toString())).isZero();
        assertThat(out).isEmpty();
        Process p = new ProcessBuilder("git", "apply", "--check", patch.toString())
                .directory(tree.toFile()).redirectErrorStream(true).start();
        String msg = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(msg).isZero();
    }

    @Test
    void outWritesARefactoredCopy() throws IOException {
        String before = vcpus();
        Path copy = tmp.resolve("copy");
        assertThat(run("refactor", tree.toString(), "--recipe", "queue-guard", "--option", "S1", "--all", "--out",
                copy.toString(), "--findings", findings.toString())).isZero();
        assertThat(Files.readString(copy.resolve(VCPUS))).contains("if (ks.ksCurThread.tcbQueued) {");
        assertThat(copy.resolve("src/test/java")).isDirectory();
        assertThat(vcpus()).isEqualTo(before);
        assertThat(run("refactor", tree.toString(), "--recipe", "queue-guard", "--all", "--out", copy.toString(),
                "--findings", findings.toString())).isEqualTo(2);
        assertThat(err).contains("not empty");
    }

    @Test
    void inPlaceRefusesADirtyGitTreeUnlessForced() throws Exception {
        git("init", "-q");
        git("add", "-A");
        git("commit", "-q", "-m", "legacy");
        Files.writeString(tree.resolve("NOTES.txt"), "work in progress\n");
        String before = vcpus();
        assertThat(run("refactor", tree.toString(), "--recipe", "queue-guard", "--all", "--in-place", "--findings",
                findings.toString())).isEqualTo(2);
        assertThat(err).contains("uncommitted").contains("--force").doesNotContain("Exception");
        assertThat(vcpus()).isEqualTo(before);

        assertThat(run("refactor", tree.toString(), "--recipe", "queue-guard", "--all", "--in-place", "--force",
                "--findings", findings.toString())).isZero();
        assertThat(vcpus()).contains("ks.ksCurThread.tcbQueued || !k.thread.isSchedulable(ks.ksCurThread)");

        // Idempotent: the second run finds the guard in place and changes nothing.
        String after = vcpus();
        assertThat(run("refactor", tree.toString(), "--recipe", "queue-guard", "--all", "--in-place", "--force",
                "--findings", findings.toString())).isZero();
        assertThat(vcpus()).isEqualTo(after);
        assertThat(err).contains("0 fix(es) applied");
    }

    @Test
    void interactiveAnswersChooseFixesAndThePlanReplaysThem() throws IOException {
        Path plan = tmp.resolve("plan.json");
        assertThat(runWithInput("n\ny\n", "refactor", tree.toString(), "--recipe", "queue-guard", "--dry-run",
                "--plan-out", plan.toString(), "--findings", findings.toString())).isZero();
        assertThat(out).contains("(1/2) sel4.arch.aarch64.Vcpus#VPPIEvent").contains("Apply this fix [y,n,a,q,?]?")
                .contains("(2/2) sel4.arch.aarch64.Vcpus#VGICMaintenance");
        String interactiveDiff = out.substring(out.lastIndexOf("diff --git"));
        assertThat(Files.readString(plan)).contains("VGICMaintenance").doesNotContain("VPPIEvent:");

        assertThat(run("refactor", tree.toString(), "--recipe", "queue-guard", "--plan", plan.toString(), "--dry-run",
                "--findings", findings.toString())).isZero();
        assertThat(out).isEqualTo(interactiveDiff);
    }

    @Test
    void closedInputAppliesNothing() {
        assertThat(runWithInput("", "refactor", tree.toString(), "--recipe", "queue-guard", "--dry-run", "--findings",
                findings.toString())).isZero();
        assertThat(err).contains("0 fix(es) applied");
    }

    @Test
    void badInputIsOneLineWithExitTwo() {
        assertThat(run("refactor", tree.toString(), "--recipe", "no-such", "--all", "--dry-run", "--findings",
                findings.toString())).isEqualTo(2);
        assertThat(err.strip()).contains("unknown recipe 'no-such'").doesNotContain("\n");
        assertThat(run("refactor", tree.toString(), "--recipe", "queue-guard", "--all")).isEqualTo(2);
        assertThat(run("refactor", tree.toString(), "--recipe", "queue-guard", "--all", "--dry-run", "--option", "S9",
                "--findings", findings.toString())).isEqualTo(2);
        assertThat(err).contains("no option 'S9'");
        assertThat(run("refactor", tmp.resolve("missing").toString(), "--recipe", "queue-guard", "--all",
                "--dry-run")).isEqualTo(2);
        assertThat(run("refactor", tree.toString(), "--recipe", "queue-guard", "--all", "--dry-run", "--plan",
                "x.json")).isEqualTo(2);
    }

    @Test
    void inPlaceVerifyFailureRollsBack() throws IOException {
        // A tiny tree whose own test pins the unguarded behaviour: the guard breaks it, so the write is undone.
        Path small = tmp.resolve("small");
        Files.createDirectories(small.resolve("src/main/java/demo"));
        Files.createDirectories(small.resolve("src/test/java/demo"));
        Files.writeString(small.resolve("src/main/java/demo/Vcpus.java"), """
                package demo;

                public class Vcpus {
                    public boolean queued = true;
                    public int faults;

                    public void VPPIEvent(int irq) {
                        handleFault();
                    }

                    void handleFault() {
                        faults++;
                    }
                }
                """);
        Files.writeString(small.resolve("src/test/java/demo/VcpusTest.java"), """
                package demo;

                import org.junit.jupiter.api.Test;
                import static org.assertj.core.api.Assertions.assertThat;

                class VcpusTest {
                    @Test
                    void aQueuedThreadStillFaults() {
                        Vcpus v = new Vcpus();
                        v.VPPIEvent(27);
                        assertThat(v.faults).isEqualTo(1);
                    }
                }
                """);
        Path small_findings = tmp.resolve("findings.json");
        Files.writeString(small_findings, "{\"findings\":[{\"ruleId\":\"queue-block-while-queued\",\"kinds\":[\"Q\"],"
                + "\"method\":\"demo.Vcpus#VPPIEvent\",\"methodId\":\"demo.Vcpus#VPPIEvent(int)\"}]}");
        Path recipes = tmp.resolve("demo.yaml");
        Files.writeString(recipes, Files.readString(repo.resolve("rules/recipes/sel4-model.yaml"))
                .replace("guard: \"ks.ksCurThread.tcbQueued\"", "guard: \"queued\""));
        String before = Files.readString(small.resolve("src/main/java/demo/Vcpus.java"));
        assertThat(run("refactor", small.toString(), "--recipe", "queue-guard", "--option", "S1", "--all", "--in-place",
                "--verify", "--findings", small_findings.toString(), "--recipes-file", recipes.toString())).isEqualTo(1);
        assertThat(out).contains("1 tests run").contains("regressions (failing tests not tagged as pinning the legacy form): 1")
                .contains("REGRESSION demo.VcpusTest#aQueuedThreadStillFaults").contains("verify: FAILED");
        assertThat(err).contains("restored");
        assertThat(Files.readString(small.resolve("src/main/java/demo/Vcpus.java"))).isEqualTo(before);
        try (Stream<Path> s = Files.walk(small)) {
            assertThat(s.filter(p -> p.getFileName().toString().startsWith("."))).isEmpty();
        }
    }

    private void git(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 7];
        cmd[0] = "git";
        cmd[1] = "-C";
        cmd[2] = tree.toString();
        cmd[3] = "-c";
        cmd[4] = "user.email=t@example.invalid";
        cmd[5] = "-c";
        cmd[6] = "user.name=t";
        System.arraycopy(args, 0, cmd, 7, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
    }
}
