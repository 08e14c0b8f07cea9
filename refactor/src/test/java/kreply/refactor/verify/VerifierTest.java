// contract: the verifier compiles a tree's main and test sources and runs its tests in a JVM of their own in the tree's folder, counting reply-conformance tests apart, passing the empty expected-failure manifest, listing failures of legacy-form tests apart, and failing on compile errors or any other failing test.
package kreply.refactor.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
                class AnswerTest {
                    @Test void answers() { assertThat(Answer.get()).isEqualTo(42); }
                    @Test @Tag("reply-conformance") void manifestExpectsNoFailure() throws Exception {
                        String m = System.getProperty("kreply.conformance.manifest");
                        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of(m)).strip())
                                .isEqualTo("expected-failures: []");
                    }
                    @Test void runsInTheTreesFolder() throws Exception {
                        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("data.txt"))).isEqualTo("here");
                    }
                }
                """);
    }

    private VerifyReport verify() throws IOException {
        Files.writeString(tree.resolve("data.txt"), "here");
        return new Verifier().verify(tree.resolve("src/main/java"), tree.resolve("src/test/java"), List.of(),
                Verifier.Options.in(tree));
    }

    @Test
    void passingTreePasses() throws IOException {
        kernel("42");
        VerifyReport r = verify();
        assertThat(r.compiled()).isTrue();
        assertThat(r.testsRun()).isEqualTo(3);
        assertThat(r.conformanceRun()).isEqualTo(1);
        assertThat(r.testsFailed()).as(r.render()).isZero();
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
                class LegacyTest {
                    @Test @Tag("legacy-form") void pinsTheOldAnswer() { assertThat(Answer.get()).isEqualTo(42); }
                }
                """);
        Files.writeString(tree.resolve("data.txt"), "here");
        VerifyReport r = new Verifier().verify(tree.resolve("src/main/java"), tree.resolve("src/test/java"), List.of(),
                new Verifier.Options(tree, java.util.Set.of("legacy-form"), null, java.util.Set.of()));
        assertThat(r.legacyFormFailures()).singleElement().asString().contains("LegacyTest#pinsTheOldAnswer");
        assertThat(r.testsFailed()).isEqualTo(1); // the untagged one is a regression
        assertThat(r.render()).contains("expected changes of legacy-pinning tests (not regressions): 1")
                .contains("changed demo.LegacyTest#pinsTheOldAnswer")
                .contains("REGRESSION demo.AnswerTest#answers");
        assertThat(r.passed()).isFalse();
    }

    @Test
    void onlyTaggedFailuresIsAPass() throws IOException {
        kernel("41");
        src("src/test/java/demo/AnswerTest.java", """
                package demo;
                import org.junit.jupiter.api.*;
                import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
                class AnswerTest {
                    @Test @Tag("legacy-form") void pinsTheOldAnswer() { assertThat(Answer.get()).isEqualTo(42); }
                    @Test void stillAnswers() { assertThat(Answer.get()).isPositive(); }
                }
                """);
        VerifyReport r = new Verifier().verify(tree.resolve("src/main/java"), tree.resolve("src/test/java"), List.of(),
                new Verifier.Options(tree, java.util.Set.of("legacy-form"), null, java.util.Set.of()));
        assertThat(r.testsFailed()).isZero();
        assertThat(r.legacyFormFailures()).hasSize(1);
        assertThat(r.passed()).isTrue();
    }

    @Test
    void dynamicTestsAndNestedClassesInheritTheLegacyFormTag() throws IOException {
        kernel("41");
        src("src/test/java/demo/AnswerTest.java", """
                package demo;
                import java.util.stream.Stream;
                import org.junit.jupiter.api.*;
                import static org.assertj.core.api.Assertions.assertThat;
                class AnswerTest {
                    @Tag("legacy-form") @TestFactory Stream<DynamicTest> rows() {
                        return Stream.of(DynamicTest.dynamicTest("old row", () -> assertThat(Answer.get()).isEqualTo(42)));
                    }
                    @Nested @Tag("legacy-form") class Old {
                        @Test void pins() { assertThat(Answer.get()).isEqualTo(42); }
                    }
                }
                """);
        VerifyReport r = new Verifier().verify(tree.resolve("src/main/java"), tree.resolve("src/test/java"), List.of(),
                new Verifier.Options(tree, java.util.Set.of("legacy-form"), null, java.util.Set.of()));
        assertThat(r.testsFailed()).as(r.render()).isZero();
        assertThat(r.legacyFormFailures()).hasSize(2);
    }

    @Test
    void withTheTreesOwnManifestItsConformanceFailuresAreKnownNotFailures() throws IOException {
        kernel("41");
        src("src/test/java/demo/ReplyTest.java", """
                package demo;
                import org.junit.jupiter.api.*;
                import static org.assertj.core.api.Assertions.assertThat;
                class ReplyTest {
                    @Test @Tag("reply-conformance") void call() { assertThat(Answer.get()).isEqualTo(42); }
                    @Test @Tag("reply-conformance") void send() { assertThat(Answer.get()).isEqualTo(42); }
                    @Test void manifestIsTheTreesOwn() {
                        assertThat(System.getProperty("kreply.conformance.manifest")).endsWith("own.yaml");
                    }
                }
                """);
        src("src/test/java/demo/AnswerTest.java", "package demo;\nclass AnswerTest {}\n");
        Path own = tree.resolve("own.yaml");
        Files.writeString(own, "expected-failures:\n  - {test: ReplyTest#call, function: f, codes: [C]}\n");
        VerifyReport r = new Verifier().verify(tree.resolve("src/main/java"), tree.resolve("src/test/java"), List.of(),
                new Verifier.Options(tree, java.util.Set.of(), own, ConformanceManifests.expectedFailures(own)));
        assertThat(r.knownConformanceFailures()).singleElement().asString().contains("ReplyTest#call");
        assertThat(r.failures()).singleElement().asString().contains("[reply-conformance] demo.ReplyTest#send");
        assertThat(r.render()).contains("known demo.ReplyTest#call");
    }

    @Test
    void aTestProcessThatDiesIsAClearError() throws IOException {
        kernel("42");
        src("src/test/java/demo/ExitTest.java", """
                package demo;
                import org.junit.jupiter.api.*;
                class ExitTest {
                    @Test void exits() { System.out.println("leaving now"); System.exit(3); }
                }
                """);
        assertThatThrownBy(this::verify).isInstanceOf(kreply.refactor.RefactorException.class)
                .hasMessageContaining("test process failed (exit 3)").hasMessageContaining("leaving now");
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
