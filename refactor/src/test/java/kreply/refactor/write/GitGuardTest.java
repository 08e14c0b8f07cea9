// contract: in-place refactoring is refused when the git tree under the target has uncommitted changes, and allowed on a clean tree or outside git.
package kreply.refactor.write;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import kreply.refactor.RefactorException;

class GitGuardTest {
    @TempDir
    Path dir;

    private void git(String... args) throws IOException, InterruptedException {
        String[] cmd = new String[args.length + 7];
        cmd[0] = "git";
        cmd[1] = "-C";
        cmd[2] = dir.toString();
        cmd[3] = "-c";
        cmd[4] = "user.email=t@example.invalid";
        cmd[5] = "-c";
        cmd[6] = "user.name=t";
        System.arraycopy(args, 0, cmd, 7, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IOException("git failed: " + String.join(" ", args));
        }
    }

    @Test
    void cleanTreePasses() throws Exception {
        git("init", "-q");
        Files.writeString(dir.resolve("A.java"), "class A {}\n");
        git("add", "A.java");
        git("commit", "-q", "-m", "a");
        assertThatCode(() -> GitGuard.requireClean(dir)).doesNotThrowAnyException();
    }

    @Test
    void dirtyTreeIsRefused() throws Exception {
        git("init", "-q");
        Files.writeString(dir.resolve("A.java"), "class A {}\n");
        git("add", "A.java");
        git("commit", "-q", "-m", "a");
        Files.writeString(dir.resolve("A.java"), "class A { int x; }\n");
        assertThatThrownBy(() -> GitGuard.requireClean(dir)).isInstanceOf(RefactorException.class)
                .hasMessageContaining("uncommitted").hasMessageContaining("--force");
    }

    @Test
    void outsideGitNothingIsRefused() {
        assertThatCode(() -> GitGuard.requireClean(dir)).doesNotThrowAnyException();
    }
}
