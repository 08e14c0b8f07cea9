package kreply.explore.kernel;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * A kernel compiled from a source folder ({@code --kernel DIR}), for example a copy the
 * refactoring tool wrote: its classes and a private copy of the engine live in an
 * {@link IsolatingClassLoader}, and the host talks to that engine through a
 * {@code BiFunction<String, Consumer<String>, String>} — JSON in, JSON out. The engine is found
 * once, by name, when the kernel is loaded; no reflection happens per event.
 */
public final class CompiledKernel implements KernelRuntime {
    private static final String ENTRY = "kreply.explore.engine.EngineEntry";

    private final String label;
    private final Path classes;
    private final BiFunction<String, Consumer<String>, String> engine;

    private CompiledKernel(String label, Path classes, BiFunction<String, Consumer<String>, String> engine) {
        this.label = label;
        this.classes = classes;
        this.engine = engine;
    }

    /** Finds, compiles and loads the kernel in {@code dir}. */
    public static CompiledKernel load(Path dir) {
        Path sources = KernelSources.locate(dir);
        Path classes = KernelCompiler.compile(sources, "--kernel " + dir);
        try {
            ClassLoader loader = new IsolatingClassLoader(classes, CompiledKernel.class.getClassLoader());
            Object entry = loader.loadClass(ENTRY).getDeclaredConstructor().newInstance();
            @SuppressWarnings("unchecked")
            BiFunction<String, Consumer<String>, String> engine = (BiFunction<String, Consumer<String>, String>) entry;
            return new CompiledKernel("kernel in " + dir, classes, engine);
        } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException | IllegalAccessException
                 | InvocationTargetException | LinkageError e) {
            KernelCompiler.delete(classes);
            throw new KernelLoadException("--kernel " + dir + ": cannot load the explorer's engine with this kernel: " + e);
        }
    }

    @Override
    public String call(String requestJson, Consumer<String> progress) {
        return engine.apply(requestJson, progress);
    }

    @Override
    public String label() {
        return label;
    }

    /** Drops the compiled classes (the class loader goes when nothing refers to it). */
    @Override
    public void close() {
        KernelCompiler.delete(classes);
    }
}
