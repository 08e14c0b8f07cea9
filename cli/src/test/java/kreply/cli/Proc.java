package kreply.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs an external command (the launcher) with a time limit and captures its exit code and
 * output; used by the integration tests, which must see what a shell user sees.
 */
final class Proc {
    final int exit;
    final String out;
    final String err;

    private Proc(int exit, String out, String err) {
        this.exit = exit;
        this.out = out;
        this.err = err;
    }

    /** The repository root, passed by the failsafe configuration. */
    static Path repo() {
        String r = System.getProperty("kreply.repo");
        if (r == null) {
            throw new IllegalStateException("system property kreply.repo is not set (run through mvn verify)");
        }
        return Path.of(r).toAbsolutePath().normalize();
    }

    static Proc run(Path dir, Map<String, String> env, long timeoutSeconds, String... command) throws Exception {
        Path outFile = Files.createTempFile("kreply-it", ".out");
        Path errFile = Files.createTempFile("kreply-it", ".err");
        try {
            List<String> cmd = new ArrayList<>(List.of(command));
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                    .redirectOutput(outFile.toFile()).redirectError(errFile.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            pb.environment().remove(CliContext.TTY_HINT);
            pb.environment().remove("KREPLY_DEBUG");
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " did not finish within " + timeoutSeconds + " s");
            }
            return new Proc(p.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
                    Files.readString(errFile, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(outFile);
            Files.deleteIfExists(errFile);
        }
    }

    @Override
    public String toString() {
        return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }

    static void touch(Path file, long secondsFromNow) throws IOException {
        Files.setLastModifiedTime(file,
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + secondsFromNow * 1000));
    }
}
