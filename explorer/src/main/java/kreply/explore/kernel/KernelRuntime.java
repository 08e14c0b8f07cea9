package kreply.explore.kernel;

import java.util.function.Consumer;

/**
 * A kernel the explorer can run on, with its own copy of the exploration engine: it takes an
 * engine request as JSON and returns the engine's response as JSON. Implementations either call
 * the engine linked with the bundled legacy kernel, or one loaded together with a kernel compiled
 * from a source folder.
 */
public interface KernelRuntime extends AutoCloseable {
    /**
     * Runs one engine request; {@code progress} (or null) receives {@code phase<TAB>done<TAB>total}
     * lines during long work.
     */
    String call(String requestJson, Consumer<String> progress);

    /** How the kernel is named in reports and saved traces. */
    String label();

    @Override
    void close();
}
