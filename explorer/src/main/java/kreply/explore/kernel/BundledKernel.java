package kreply.explore.kernel;

import java.util.function.Consumer;
import kreply.explore.engine.EngineEntry;

/** The legacy kernel bundled with kreply (the kernel-src module), running in kreply's own class loader. */
public final class BundledKernel implements KernelRuntime {
    public static final String LABEL = "bundled legacy kernel";
    private final EngineEntry engine = new EngineEntry();

    @Override
    public String call(String requestJson, Consumer<String> progress) {
        return engine.apply(requestJson, progress);
    }

    @Override
    public String label() {
        return LABEL;
    }

    @Override
    public void close() {
    }
}
