package kreply.explore.kernel;

import kreply.explore.engine.EngineEntry;

/** The legacy kernel bundled with kreply (the kernel-src module), running in kreply's own class loader. */
public final class BundledKernel implements KernelRuntime {
    public static final String LABEL = "bundled legacy kernel";
    private final EngineEntry engine = new EngineEntry();

    @Override
    public String call(String requestJson) {
        return engine.apply(requestJson, line -> { });
    }

    @Override
    public String label() {
        return LABEL;
    }

    @Override
    public void close() {
    }
}
