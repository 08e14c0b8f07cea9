// contract: the expected-failure manifest is read from its YAML form into test → function → codes entries, "none" and an empty list mean no expected failures, and every malformed manifest is rejected with one message naming the file, the entry and the problem.
package sel4.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConformanceManifestTest {

    @Test
    void entriesKeepTheirTestFunctionCodesAndOrder() throws Exception {
        ConformanceManifest m = ConformanceManifest.parse("m.yaml", """
                expected-failures:
                  - test: BTest#call
                    function: performPageGetAddress (AArch64)
                    codes: [C]
                    symptom: length 0
                  - test: ATest#send
                    function: invokeReadVMCS
                    codes: [G, R~]
                """);

        assertThat(m.tests()).containsExactly("BTest#call", "ATest#send");
        ConformanceManifest.Entry e = m.entries().get("ATest#send");
        assertThat(e.function()).isEqualTo("invokeReadVMCS");
        assertThat(e.codes()).containsExactly("G", "R~");
        assertThat(e.symptom()).isEmpty();
        assertThat(m.entries().get("BTest#call").symptom()).isEqualTo("length 0");
        assertThat(m.source()).isEqualTo("m.yaml");
    }

    @Test
    void anEmptyListAndNoneMeanNoExpectedFailures() throws Exception {
        assertThat(ConformanceManifest.parse("a", "expected-failures: []\n").tests()).isEmpty();
        assertThat(ConformanceManifest.parse("b", "# nothing expected\nexpected-failures:\n").tests()).isEmpty();
        assertThat(ConformanceManifest.load(ReplyConformance.NO_MANIFEST).tests()).isEmpty();
    }

    @Test
    void aFileIsReadFromItsPath(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("m.yaml");
        Files.writeString(f, "expected-failures:\n  - {test: XTest#call, function: f, codes: [L]}\n");

        ConformanceManifest m = ConformanceManifest.load(f.toString());

        assertThat(m.tests()).containsExactly("XTest#call");
        assertThat(m.source()).isEqualTo(f.toAbsolutePath().normalize().toString());
    }

    @Test
    void aMissingFileIsReportedByPath(@TempDir Path dir) {
        Path f = dir.resolve("absent.yaml");
        assertThatThrownBy(() -> ConformanceManifest.load(f.toString()))
                .isInstanceOf(ConformanceManifest.ManifestException.class)
                .hasMessage("manifest " + f.toAbsolutePath().normalize() + " does not exist");
    }

    static Stream<Arguments> malformed() {
        String entry = "expected-failures:\n  - ";
        return Stream.of(
                Arguments.of("", "expected a mapping with the key 'expected-failures'"),
                Arguments.of("failures: []", "expected a mapping with the key 'expected-failures'"),
                Arguments.of("expected-failures: []\nextra: 1", "unknown top-level key 'extra'"),
                Arguments.of("expected-failures: [", "is not valid YAML"),
                Arguments.of("expected-failures: 3", "'expected-failures' must be a list"),
                Arguments.of(entry + "just text", "entry 1: expected a mapping"),
                Arguments.of(entry + "{function: f, codes: [C]}", "entry 1: missing 'test'"),
                Arguments.of(entry + "{test: Foo.call, function: f, codes: [C]}", "is not of the form TestClass#method"),
                Arguments.of(entry + "{test: A#b, codes: [C]}", "entry 1 (A#b): missing 'function'"),
                Arguments.of(entry + "{test: A#b, function: f}", "'codes' must be a non-empty list"),
                Arguments.of(entry + "{test: A#b, function: f, codes: []}", "'codes' must be a non-empty list"),
                Arguments.of(entry + "{test: A#b, function: f, codes: [Z]}", "unknown code 'Z'"),
                Arguments.of(entry + "{test: A#b, function: f, codes: [C, C]}", "code C is listed twice"),
                Arguments.of(entry + "{test: A#b, function: f, codes: [C], why: x}", "unknown key 'why'"),
                Arguments.of(entry + "{test: A#b, function: f, codes: [C]}\n  - {test: A#b, function: g, codes: [G]}",
                        "entry 2: test A#b is listed twice"));
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void aMalformedManifestIsRejectedWithOneClearMessage(String yaml, String message) {
        assertThatThrownBy(() -> ConformanceManifest.parse("bad.yaml", yaml))
                .isInstanceOf(ConformanceManifest.ManifestException.class)
                .hasMessageStartingWith("manifest bad.yaml")
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
