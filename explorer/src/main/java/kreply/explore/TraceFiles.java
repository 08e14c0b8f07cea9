package kreply.explore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reading and writing trace files. Writes are atomic: the text goes to a temporary file in the
 * same folder, which then replaces the target in one step, so an interrupted run never leaves a
 * half-written trace (and an existing one stays intact until the new one is complete).
 */
public final class TraceFiles {
    private TraceFiles() {
    }

    public static void write(Path file, String text) {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new ExploreException("cannot write the trace " + file + ": " + e.getMessage());
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    // the move consumed it, or it is a stray temporary file: nothing to lose
                }
            }
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ExploreException("trace file not found: " + file);
        } catch (IOException e) {
            throw new ExploreException("cannot read the trace " + file + ": " + e.getMessage());
        }
    }

    /** The file a variant's trace is saved in, next to the main trace: {@code NAME-<variant>.json}. */
    public static Path variantFile(Path traceFile, String prefix, String variant) {
        String name = traceFile.getFileName().toString();
        String stem = name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
        return traceFile.resolveSibling(stem + "-" + prefix + variant + ".json");
    }
}
