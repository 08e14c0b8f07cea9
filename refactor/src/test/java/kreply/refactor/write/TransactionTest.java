// contract: an in-place write lands completely or not at all — a failure part-way restores every file, a file edited since it was read is never overwritten, and a committed write can be rolled back.
package kreply.refactor.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kreply.refactor.RefactorException;
import kreply.refactor.change.FileChange;

class TransactionTest {
    @TempDir
    Path root;

    @AfterEach
    void noInjectedFailure() {
        Transaction.failOnFile = null;
    }

    private void file(String name, String text) throws IOException {
        Files.createDirectories(root.resolve(name).getParent());
        Files.writeString(root.resolve(name), text);
    }

    @Test
    void writesEveryFile() throws IOException {
        file("a/A.java", "class A {}\n");
        file("b/B.java", "class B {}\n");
        Transaction.write(root, List.of(new FileChange("a/A.java", "class A {}\n", "class A { int x; }\n"),
                new FileChange("b/B.java", "class B {}\n", "class B { int y; }\n")));
        assertThat(Files.readString(root.resolve("a/A.java"))).isEqualTo("class A { int x; }\n");
        assertThat(Files.readString(root.resolve("b/B.java"))).isEqualTo("class B { int y; }\n");
        try (var s = Files.walk(root)) {
            assertThat(s.filter(p -> p.getFileName().toString().contains("kreply-tmp"))).isEmpty();
        }
    }

    @Test
    void aFailurePartWayRestoresTheFilesAlreadyWritten() throws IOException {
        file("a/A.java", "class A {}\n");
        file("b/B.java", "class B {}\n");
        Transaction.failOnFile = "B.java";
        assertThatThrownBy(() -> Transaction.write(root, List.of(
                new FileChange("a/A.java", "class A {}\n", "class A { int x; }\n"),
                new FileChange("b/B.java", "class B {}\n", "class B { int y; }\n"))))
                .isInstanceOf(RefactorException.class).hasMessageContaining("restored");
        assertThat(Files.readString(root.resolve("a/A.java"))).isEqualTo("class A {}\n");
        assertThat(Files.readString(root.resolve("b/B.java"))).isEqualTo("class B {}\n");
    }

    @Test
    void refusesAFileEditedSinceItWasRead() throws IOException {
        file("a/A.java", "class A { /* edited meanwhile */ }\n");
        file("b/B.java", "class B {}\n");
        assertThatThrownBy(() -> Transaction.write(root, List.of(
                new FileChange("b/B.java", "class B {}\n", "class B { int y; }\n"),
                new FileChange("a/A.java", "class A {}\n", "class A { int x; }\n"))))
                .isInstanceOf(RefactorException.class).hasMessageContaining("changed on disk");
        assertThat(Files.readString(root.resolve("a/A.java"))).isEqualTo("class A { /* edited meanwhile */ }\n");
        assertThat(Files.readString(root.resolve("b/B.java"))).isEqualTo("class B {}\n");
    }

    @Test
    void aCommittedWriteCanBeRolledBack() throws IOException {
        file("a/A.java", "class A {}\n");
        Transaction t = Transaction.write(root, List.of(new FileChange("a/A.java", "class A {}\n", "class A { int x; }\n")));
        t.rollback();
        assertThat(Files.readString(root.resolve("a/A.java"))).isEqualTo("class A {}\n");
    }

    @Test
    void refusesToWriteOutsideTheTree() {
        assertThatThrownBy(() -> Transaction.write(root, List.of(new FileChange("../evil.java", "", "x"))))
                .isInstanceOf(RefactorException.class).hasMessageContaining("outside");
    }
}
