// contract: excerpts read only regular files inside the analysed root (no '..', absolute path or symlink escape, no oversized file), number lines as editors do, survive bad UTF-8, and embed each needed line once in merged chunks.
package kreply.reports.html.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceFilesTest {
    @TempDir
    Path tmp;

    @Test
    void readsLinesOfFilesInsideTheRoot() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root/src"));
        Files.writeString(root.resolve("A.java"), "one\r\ntwo\rthree\nfour\n");
        SourceFiles files = new SourceFiles(tmp.resolve("root"));
        assertThat(files.lines("src/A.java")).contains(List.of("one", "two", "three", "four"));
        assertThat(files.lines("src/Missing.java")).isEmpty();
        assertThat(files.lines("src")).isEmpty();
        assertThat(files.lines(null)).isEmpty();
    }

    @Test
    void refusesEverythingOutsideTheRoot() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.writeString(tmp.resolve("secret.txt"), "secret\n");
        Files.createSymbolicLink(root.resolve("link.java"), tmp.resolve("secret.txt"));
        Files.createSymbolicLink(root.resolve("dir"), tmp);
        SourceFiles files = new SourceFiles(root);
        assertThat(files.lines("../secret.txt")).isEmpty();
        assertThat(files.lines(tmp.resolve("secret.txt").toString())).isEmpty();
        assertThat(files.lines("link.java")).isEmpty();
        assertThat(files.lines("dir/secret.txt")).isEmpty();
        assertThat(files.lines("a\0b")).isEmpty();
        assertThat(new SourceFiles(null).lines("x")).isEmpty();
    }

    @Test
    void oversizedFilesAreNotReadAndBadBytesBecomeReplacementCharacters() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Files.write(root.resolve("big.java"), new byte[(int) SourceFiles.MAX_BYTES + 1]);
        Files.write(root.resolve("latin1.java"), "caf\u00e9 ok\n".getBytes(StandardCharsets.ISO_8859_1));
        SourceFiles files = new SourceFiles(root);
        assertThat(files.lines("big.java")).isEmpty();
        assertThat(files.lines("latin1.java")).contains(List.of("caf\uFFFD ok"));
    }

    @Test
    void indexMergesOverlappingRangesAndClampsToTheFile() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root"));
        StringBuilder b = new StringBuilder();
        for (int i = 1; i <= 100; i++) {
            b.append("line ").append(i).append('\n');
        }
        Files.writeString(root.resolve("F.java"), b);
        SourceIndex index = new SourceIndex(new SourceFiles(root));
        index.request("F.java", 10, 3); // 7..13
        index.request("F.java", 15, 1); // 14..16, adjacent: merged
        index.request("F.java", 2, 5); // 1..7, overlapping: merged
        index.request("F.java", 99, 8); // 91..100
        index.request("F.java", 500, 2); // past the end: nothing
        index.request("Gone.java", 1, 2);
        Map<String, List<SourceIndex.Chunk>> chunks = index.chunks();
        assertThat(chunks).containsOnlyKeys("F.java");
        assertThat(chunks.get("F.java")).extracting(SourceIndex.Chunk::first).containsExactly(1, 91);
        assertThat(chunks.get("F.java").get(0).lines()).hasSize(16).first().isEqualTo("line 1");
        assertThat(chunks.get("F.java").get(1).lines()).hasSize(10).last().isEqualTo("line 100");
    }
}
