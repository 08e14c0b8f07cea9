package kreply.cli.io;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a file the way every kreply output is written (reports, patches, the preview cache): into
 * a hidden sibling first, then moved over the target in one step, so a reader (a CI step, a
 * browser, the next run) sees the old content or the new, never half a file, and a failed write
 * leaves the old file as it was. Callers decide what a failure means to the user.
 */
public final class AtomicFiles {
    /** The body of a file, written as UTF-8. */
    @FunctionalInterface
    public interface Body {
        void writeTo(Writer w) throws IOException;
    }

    private AtomicFiles() {
    }

    public static void write(Path file, String text) throws IOException {
        write(file, w -> w.write(text));
    }

    public static void write(Path file, Body body) throws IOException {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".kreply-tmp");
        try {
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                body.writeTo(w);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // a leftover hidden temporary file is overwritten by the next write
            }
        }
    }
}
