// contract: the conformance runner runs the tagged tests it is given through the JUnit Platform, classifies each against the manifest (expected failure, unexpected failure, unexpected pass, listed but not run), prints the differences, and exits 0 only when the failing set equals the manifest, 1 when it differs and 2 on a usage or manifest error.
package sel4.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.DiscoverySelector;

class ConformanceRunnerTest {
    /** A conformance class whose call, send and nbSend fail on the legacy kernel and readOnlyBuffer passes. */
    private static final List<DiscoverySelector> ONE_CLASS = List.of(selectClass(ArmPageGetAddressConformanceTest.class));
    private static final String CLS = "ArmPageGetAddressConformanceTest";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(List<DiscoverySelector> selectors, String... args) {
        return ConformanceRunner.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), selectors);
    }

    private static Path manifest(Path dir, String... tests) throws Exception {
        StringBuilder sb = new StringBuilder("expected-failures:\n");
        for (String t : tests) {
            sb.append("  - {test: ").append(t).append(", function: performPageGetAddress (AArch64), codes: [C]}\n");
        }
        return Files.writeString(dir.resolve("m.yaml"), sb.toString());
    }

    // legacy-form: its fixture is the legacy C and G failures of performPageGetAddress (AArch64) call, send and nbSend
    @Tag("legacy-form")
    @Test
    void aManifestListingExactlyTheFailuresConforms(@TempDir Path dir) throws Exception {
        Path m = manifest(dir, CLS + "#call", CLS + "#send", CLS + "#nbSend");

        assertThat(run(ONE_CLASS, "--manifest", m.toString())).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("reply conformance: 4 tests, 1 passed, 3 failed; manifest " + m.toAbsolutePath().normalize())
                .contains("CONFORMS");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    // legacy-form: its fixture is the legacy C and G failures of performPageGetAddress (AArch64) call, send and nbSend
    @Tag("legacy-form")
    @Test
    void everyDifferenceIsClassifiedAndPrinted(@TempDir Path dir) throws Exception {
        Path m = manifest(dir, CLS + "#call", CLS + "#readOnlyBuffer", "NoSuchConformanceTest#call");

        ConformanceReport report = ConformanceRunner.execute(ConformanceManifest.load(m.toString()), ONE_CLASS);

        assertThat(report.failed()).containsExactlyInAnyOrder(CLS + "#call", CLS + "#send", CLS + "#nbSend");
        assertThat(report.passed()).containsExactly(CLS + "#readOnlyBuffer");
        assertThat(report.unexpectedFailures()).containsExactly(CLS + "#nbSend", CLS + "#send");
        assertThat(report.unexpectedPasses()).containsExactly(CLS + "#readOnlyBuffer");
        assertThat(report.expectedButNotRun()).containsExactly("NoSuchConformanceTest#call");
        assertThat(report.conforms()).isFalse();
        String text = report.format();
        assertThat(text).contains("DIFFERS")
                .contains("failed unexpectedly (not in the manifest):\n  " + CLS + "#nbSend\n")
                .contains("msgInfo register")
                .contains("passed unexpectedly (the manifest expects a failure: remove the entry):\n  "
                        + CLS + "#readOnlyBuffer  [performPageGetAddress (AArch64): C]")
                .contains("in the manifest but did not run (unknown test?):\n  NoSuchConformanceTest#call");
    }

    // legacy-form: needs the legacy C and G failures of performPageGetAddress (AArch64) to differ from the empty manifest
    @Tag("legacy-form")
    @Test
    void theEmptyManifestDiffersOnTheLegacyKernelAndExitsOne() {
        assertThat(run(ONE_CLASS, "--manifest", ReplyConformance.NO_MANIFEST)).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("manifest (empty manifest) expects 0 failure(s): DIFFERS");
    }

    @Test
    void noConformanceTestOnTheClasspathIsADifference() {
        ConformanceReport report = ConformanceRunner.execute(ConformanceManifest.empty(),
                List.of(selectClass(ConformanceRunnerTest.class)));

        assertThat(report.results()).isEmpty();
        assertThat(report.conforms()).isFalse();
        assertThat(report.format()).contains("no conformance test was found");
    }

    @Test
    void usageErrorsExitTwoWithOneLine() {
        assertThat(run(ONE_CLASS, "--bogus")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("unknown argument '--bogus'; " + ConformanceRunner.USAGE
                + System.lineSeparator());
        err.reset();
        assertThat(run(ONE_CLASS, "--manifest")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(ConformanceRunner.USAGE + System.lineSeparator());
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aBadManifestExitsTwoWithoutRunningTheSuite(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "expected-failures: 3\n");

        assertThat(run(ONE_CLASS, "--manifest", bad.toString())).isEqualTo(2);

        assertThat(err.toString(StandardCharsets.UTF_8).strip()).endsWith("'expected-failures' must be a list")
                .doesNotContain("\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void helpPrintsTheUsage() {
        assertThat(run(ONE_CLASS, "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(ConformanceRunner.USAGE + System.lineSeparator());
    }
}
