package kreply.reports.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Golden-file comparison with the volatile parts of a report replaced by placeholders (absolute
 * paths, the tool version, timings), so the files check content and layout, not the machine. Run
 * the tests with {@code -Dkreply.updateGolden=true} to rewrite the files after a deliberate change,
 * then review the diff.
 */
public final class Golden {
    private static final Path DIR = Path.of("src/test/resources/golden");

    private Golden() {
    }

    /**
     * @param replacements literal text → placeholder, applied in order (put longer paths first)
     */
    public static void assertMatches(String name, String actual, Map<String, String> replacements) {
        String normalised = normalise(actual, replacements);
        Path file = DIR.resolve(name);
        try {
            if (Boolean.getBoolean("kreply.updateGolden")) {
                Files.createDirectories(DIR);
                Files.writeString(file, normalised, StandardCharsets.UTF_8);
            }
            assertThat(file).as("golden file %s (create it with -Dkreply.updateGolden=true)", file).exists();
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(normalised).as("report differs from golden file %s", file).isEqualTo(expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String normalise(String text, Map<String, String> replacements) {
        String s = text.replace("\r\n", "\n");
        for (Map.Entry<String, String> e : replacements.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        // timings: "model 812 ms" in text, "model" : 812 inside timingsMillis in JSON
        s = s.replaceAll("\\b\\d+ ms\\b", "<n> ms");
        s = s.replaceAll("(?s)(\"timingsMillis\" : \\{)(.*?)(})", "$1<timings>$3");
        return s;
    }
}
