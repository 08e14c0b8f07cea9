// contract: the verifier compiles a tree's main and test sources and runs its tests in-process, counting reply-conformance tests apart, passing the empty expected-failure manifest, and failing on compile errors or failing tests.
package kreply.refactor.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifierTest {
    @TempDir
    Path tree;

    private void src(String rel, String text) throws IOException {
        Path f = tree.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    private void kernel(String answer) throws IOException {
        src("src/main/java/demo/Answer.java", "package demo;\npublic class Answer { public static int get() { return "
                + answer + "; } }\n");
        src("src/test/java/demo/AnswerTest.java", """
                package demo;
                import org.junit.jupiter.api.*;
                import static org.assertj.core.api.Assertions.assertThat;
                class AnswerTest {
                    @Test void answers() { assertThat(Answer.get()).isEqualTo(42); }
                    @Test @Tag("reply-conformance") void manifestIsEmpty() throws Exception {
                        String m = System.getProperty("kreply.conformance.manifest");
                        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of(m))).isEmpty();
                    }
                }
                """);
    }

    private VerifyReport verify() {
        return new Verifier().verify(tree.resolve("src/main/java"), tree.resolve("src/test/java"), List.of());
    }

    @Test
    void passingTreePasses() throws IOException {
        kernel("42");
        VerifyReport r = verify();
        assertThat(r.compiled()).isTrue();
        assertThat(r.testsRun()).isEqualTo(2);
        assertThat(r.conformanceRun()).isEqualTo(1);
        assertThat(r.testsFailed()).isZero();
        assertThat(r.passed()).isTrue();
    }

    @Test
    void failingTestFails() throws IOException {
        kernel("41");
        VerifyReport r = verify();
        assertThat(r.passed()).isFalse();
        assertThat(r.testsFailed()).isEqualTo(1);
        assertThat(r.failures()).singleElement().asString().contains("demo.AnswerTest#answers");
    }

    @Test
    void aFailingTestTaggedAsPinningTheLegacyFormIsListedApart() throws IOException {
        kernel("41");
        src("src/test/java/demo/LegacyTest.java", """
                package demo;
                import org.junit.jupiter.api.*;
                import static org.assertj.core.api.Assertions.assertThat;
                class LegacyTest {
                    @Test @Tag("legacy-form") void pinsTheOldAnswer() { assertThat(Answer.get()).isEqualTo(42); }
                }
                """);
        VerifyReport r = new Verifier().verify(tree.resolve("src/main/java"), tree.resolve("src/test/java"), List.of(),
                java.util.Set.of("legacy-form"));
        assertThat(r.legacyFormFailures()).singleElement().asString().contains("LegacyTest#pinsTheOldAnswer");
        assertThat(r.testsFailed()).isEqualTo(1); // the untagged one still counts
        assertThat(r.render()).contains("changed demo.LegacyTest#pinsTheOldAnswer");
    }

    @Test
    void aTestThatAlsoFailedBeforeTheChangeIsNoRegressionButAConformanceFailureAlwaysIs() {
        VerifyReport.Failure old = new VerifyReport.Failure("demo.OldTest#flaky", false, "boom");
        VerifyReport.Failure fresh = new VerifyReport.Failure("demo.NewTest#broken", false, "boom");
        VerifyReport.Failure conf = new VerifyReport.Failure("demo.ConfTest#reply", true, "boom");
        VerifyReport result = new VerifyReport(true, List.of(), 10, 3, 0, 1, 1, List.of(old, fresh, conf), List.of(),
                null, List.of());
        VerifyReport original = new VerifyReport(true, List.of(), 10, 2, 0, 1, 1, List.of(old, conf), List.of(),
                null, List.of());
        VerifyReport r = result.againstOriginal(original);
        assertThat(r.failures()).containsExactly(fresh, conf);
        assertThat(r.testsFailed()).isEqualTo(2);
        assertThat(r.notes()).anyMatch(n -> n.contains("demo.OldTest#flaky"));
        assertThat(r.passed()).isFalse();

        VerifyReport onlyOld = new VerifyReport(true, List.of(), 10, 1, 0, 0, 0, List.of(old), List.of(), null,
                List.of()).againstOriginal(original);
        assertThat(onlyOld.passed()).isTrue();
    }

    @Test
    void compileErrorFails() throws IOException {
        kernel("\"not an int\"");
        VerifyReport r = verify();
        assertThat(r.compiled()).isFalse();
        assertThat(r.compileErrors()).singleElement().asString().contains("Answer.java");
        assertThat(r.passed()).isFalse();
    }
}
