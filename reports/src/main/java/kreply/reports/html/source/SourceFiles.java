package kreply.reports.html.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the analysed sources for excerpts. Report paths come from the analysis result, so they are
 * treated as untrusted: a path is read only if it resolves (symbolic links included) to a regular
 * file inside the analysed root, and only up to {@link #MAX_BYTES}. Bytes that are not UTF-8 become
 * U+FFFD rather than failing the report. A file that cannot be read simply has no excerpt; the
 * report says so instead of failing.
 */
public final class SourceFiles {
    /** Larger files are not excerpted (generated code, data); 4 MiB is far above any kernel source file. */
    public static final long MAX_BYTES = 4L * 1024 * 1024;

    private final Path root;
    private final Map<String, Optional<List<String>>> cache = new HashMap<>();

    /** @param root the analysed root, or null when unknown (no file can then be read) */
    public SourceFiles(Path root) {
        Path r = null;
        if (root != null) {
            try {
                r = root.toRealPath();
            } catch (IOException | SecurityException e) {
                r = null;
            }
        }
        this.root = r;
    }

    /** The lines of {@code file} (relative to the root, forward slashes), or empty if it cannot be read. */
    public Optional<List<String>> lines(String file) {
        if (file == null) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(file, this::read);
    }

    private Optional<List<String>> read(String file) {
        if (root == null || file.isEmpty() || file.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        try {
            Path p = root.resolve(file).normalize();
            if (!p.startsWith(root)) {
                return Optional.empty();
            }
            Path real = p.toRealPath(); // follows links: the target, too, must lie inside the root
            if (!real.startsWith(root) || !Files.isRegularFile(real) || Files.size(real) > MAX_BYTES) {
                return Optional.empty();
            }
            return Optional.of(split(decode(Files.readAllBytes(real))));
        } catch (IOException | InvalidPathException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static String decode(byte[] bytes) throws IOException {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return d.decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** Lines as an editor numbers them: \n, \r\n and \r all end a line; a final newline adds no line. */
    static List<String> split(String text) {
        String[] parts = text.split("\r\n|\r|\n", -1);
        int n = parts.length;
        if (n > 0 && parts[n - 1].isEmpty()) {
            n--;
        }
        return List.of(parts).subList(0, n);
    }
}
