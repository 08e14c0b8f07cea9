// contract: the analysed root is the nearest project folder of the given paths, so report paths and the default baseline do not depend on how deep the user pointed.
package kreply.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputsTest {
    @TempDir
    Path tmp;

    @Test
    void nearestFolderWithAProjectMarkerIsTheRoot() throws Exception {
        Path proj = Files.createDirectories(tmp.resolve("ws/proj/src/main/java/p"));
        Files.writeString(tmp.resolve("ws/proj/pom.xml"), "<project/>");
        Files.writeString(tmp.resolve("ws/pom.xml"), "<project/>");
        Path file = Files.writeString(proj.resolve("A.java"), "class A {}");

        assertThat(Inputs.projectRoot(List.of(file))).isEqualTo(tmp.resolve("ws/proj"));
        assertThat(Inputs.projectRoot(List.of(tmp.resolve("ws/proj/src/main/java")))).isEqualTo(tmp.resolve("ws/proj"));
    }

    @Test
    void baselineFileMarksARootToo() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("k/src"));
        Files.writeString(tmp.resolve("k/kreply-baseline.json"), "{}");
        assertThat(Inputs.projectRoot(List.of(src))).isEqualTo(tmp.resolve("k"));
    }

    @Test
    void severalPathsShareTheirCommonProject() throws Exception {
        Path a = Files.createDirectories(tmp.resolve("repo/a/src"));
        Path b = Files.createDirectories(tmp.resolve("repo/b/src"));
        Files.writeString(tmp.resolve("repo/pom.xml"), "<project/>");
        assertThat(Inputs.projectRoot(List.of(a, b))).isEqualTo(tmp.resolve("repo"));
    }
}
