package kreply.explore.kernel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the kernel sources in a folder given with {@code --kernel}: a kernel-src module folder
 * ({@code DIR/src/main/java}), a checkout or refactored copy holding one
 * ({@code DIR/kernel-src/src/main/java}), or a source root itself ({@code DIR/sel4/...}).
 */
public final class KernelSources {
    private static final Path MARKER = Path.of("sel4", "kernel", "Kernel.java");

    private KernelSources() {
    }

    /** The source root (the folder holding {@code sel4/}) of the kernel in {@code dir}. */
    public static Path locate(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new KernelLoadException("--kernel " + dir + ": " + (Files.exists(dir) ? "not a folder" : "no such folder"));
        }
        for (Path root : List.of(dir.resolve("src/main/java"), dir.resolve("kernel-src/src/main/java"), dir)) {
            if (Files.isRegularFile(root.resolve(MARKER))) {
                return root;
            }
        }
        throw new KernelLoadException("--kernel " + dir + ": no kernel sources there (expected a kernel-src module folder"
                + " with src/main/java/sel4/kernel/Kernel.java, or a source root with sel4/kernel/Kernel.java)");
    }
}
