// contract: on the kernel under test, the set of failing reply-conformance tests is exactly the set the expected-failure manifest lists (reply-conformance-manifest.yaml for the legacy kernel, or the manifest named by -Dkreply.conformance.manifest), and a difference is reported test by test.
package sel4.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The check {@code mvn verify} runs: the tagged suite is excluded from the ordinary surefire run,
 * so this ordinary test runs it through {@link ConformanceRunner} and fails, printing every
 * unexpected failure and unexpected pass, when the result differs from the manifest.
 */
class ReplyConformanceManifestTest {

    @Test
    void failingConformanceTestsAreExactlyTheManifest() throws Exception {
        ConformanceManifest manifest = ConformanceManifest.load(ConformanceRunner.defaultManifest());

        ConformanceReport report = ConformanceRunner.execute(manifest);

        System.out.print(report.format());
        assertThat(report.conforms()).as(report.format()).isTrue();
    }
}
