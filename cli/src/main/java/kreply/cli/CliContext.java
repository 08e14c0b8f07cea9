package kreply.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything a command needs from the outside world, gathered once so tests can supply their own:
 * the output streams, the kreply home (repository root holding {@code kernel-src/} and
 * {@code rules/}; null when unknown), the working folder that relative paths are resolved against,
 * the analysis backend, whether stderr is an interactive terminal (progress display), and whether
 * internal errors should show their stack trace ({@code KREPLY_DEBUG=1}).
 */
record CliContext(PrintWriter out, PrintWriter err, Path home, Path workingDir, AnalysisBackend backend,
                  boolean stderrIsTerminal, boolean debug) {

    /** Environment variable the launcher sets to 1 when {@code [ -t 2 ]}: Java itself cannot tell. */
    static final String TTY_HINT = "KREPLY_STDERR_TTY";

    static CliContext fromSystem() {
        // UTF-8 regardless of the platform default: reports use "—" and "→", and CI logs are UTF-8.
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        Map<String, String> env = System.getenv();
        return new CliContext(out, err, locateHome(), Path.of("").toAbsolutePath(), AnalysisBackend.ENGINE,
                stderrIsTerminal(env), "1".equals(env.get("KREPLY_DEBUG")));
    }

    /**
     * Progress is drawn only for a person watching: the launcher's tty hint must be set, and CI or a
     * dumb terminal vetoes it (some CI runners allocate a pseudo-terminal).
     */
    static boolean stderrIsTerminal(Map<String, String> env) {
        if (!"1".equals(env.get(TTY_HINT))) {
            return false;
        }
        String ci = env.get("CI");
        if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false")) {
            return false;
        }
        return !"dumb".equals(env.get("TERM"));
    }

    /**
     * {@code -Dkreply.home} (set by the launcher), else the repository the jar was built in
     * ({@code <home>/cli/target/kreply.jar}), else unknown.
     */
    static Path locateHome() {
        String prop = System.getProperty("kreply.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        try {
            var src = CliContext.class.getProtectionDomain().getCodeSource();
            if (src != null) {
                Path jar = Path.of(src.getLocation().toURI());
                Path home = jar.getParent() == null || jar.getParent().getParent() == null ? null
                        : jar.getParent().getParent().getParent();
                if (home != null && Files.isDirectory(home.resolve("rules"))
                        && Files.isDirectory(home.resolve("kernel-src"))) {
                    return home;
                }
            }
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            // no usable code source: home stays unknown and commands say so when they need it
        }
        return null;
    }

    /** Resolves a user-given path against the working folder. */
    Path resolve(String userPath) {
        return workingDir.resolve(userPath).toAbsolutePath().normalize();
    }

    /** The home, or a clear error naming what needed it. */
    Path requireHome(String forWhat) {
        if (home == null) {
            throw new CliException("cannot find the kreply home for " + forWhat
                    + " (run through ./kreply or pass -Dkreply.home=DIR)");
        }
        return home;
    }
}
