package kreply.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs {@link Main#run} in-process against a temporary kreply home (a kernel-src with one source
 * file, two rule packs, one rule doc) and captures exit code, stdout and stderr.
 */
final class CliRun {
    final Path home;
    final Path kernel;
    final FakeBackend backend = new FakeBackend();
    boolean terminal;
    Path homeForRun;
    int exit;
    String out;
    String err;

    CliRun(Path tmp) {
        home = tmp.resolve("home");
        kernel = home.resolve("kernel-src");
        homeForRun = home;
        try {
            Files.createDirectories(kernel.resolve("src/main/java/sel4"));
            Files.writeString(kernel.resolve("src/main/java/sel4/Kernel.java"), "package sel4; class Kernel {}\n");
            Files.writeString(kernel.resolve("pom.xml"), "<project/>\n");
            Files.createDirectories(home.resolve("rules/packs"));
            Files.writeString(home.resolve("rules/packs/reply.yaml"), "pack: reply\n");
            Files.writeString(home.resolve("rules/packs/blocking.yaml"), "pack: blocking\n");
            Files.writeString(home.resolve("rules/packs/README.md"), "not a pack\n");
            Files.createDirectories(home.resolve("rules/docs"));
            Files.writeString(home.resolve("rules/docs/reply-protocol.md"), "# reply-protocol\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        backend.result = Fixtures.result(kernel.toString());
    }

    int run(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        CliContext ctx = new CliContext(new PrintWriter(o), new PrintWriter(e), homeForRun, home, backend, terminal,
                false);
        exit = Main.run(args, ctx);
        out = o.toString();
        err = e.toString();
        return exit;
    }

    Path reports() {
        return kernel.resolve("target/kreply");
    }
}
