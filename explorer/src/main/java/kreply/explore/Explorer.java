package kreply.explore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import kreply.explore.config.ConfigException;
import kreply.explore.config.ConfigJson;
import kreply.explore.config.ConfigLoader;
import kreply.explore.config.ShippedConfigs;
import kreply.explore.config.SystemConfig;
import kreply.explore.config.ThreadSpec;
import kreply.explore.kernel.BundledKernel;
import kreply.explore.kernel.CompiledKernel;
import kreply.explore.kernel.KernelLoadException;
import kreply.explore.kernel.KernelRuntime;
import kreply.explore.kernel.KernelSources;
import kreply.explore.protocol.EngineRequest;
import kreply.explore.protocol.EngineResponse;
import kreply.explore.protocol.ProtocolJson;
import kreply.explore.trace.Trace;
import kreply.explore.trace.TraceException;
import kreply.explore.trace.TraceJson;

/**
 * The scenario explorer's API for the command line (and tests): load a configuration and a
 * kernel, then search, search for every #346 variant, or replay a trace. Input problems surface
 * as {@link ExploreException} with a one-line message; the kernel work runs in the engine of the
 * chosen {@link KernelRuntime}, reached through JSON only.
 */
public final class Explorer {
    /** How to search. {@code depth}: events per random trial, or the exhaustive search's depth bound. */
    public record Options(String strategy, long seed, long maxEvents, int depth, int threads, boolean shrink) {
    }

    private Explorer() {
    }

    /** A shipped configuration by name, or a YAML / JSON file (resolved against {@code workingDir}). */
    public static SystemConfig loadConfig(String nameOrPath, Path workingDir) {
        try {
            if (ShippedConfigs.exists(nameOrPath)) {
                return ShippedConfigs.load(nameOrPath);
            }
            Path file = workingDir.resolve(nameOrPath);
            return new ConfigLoader().load(file);
        } catch (ConfigException e) {
            throw new ExploreException(e.getMessage());
        }
    }

    /** The bundled legacy kernel, or the kernel in {@code dir} compiled and isolated. */
    public static KernelRuntime kernel(Path dir) {
        try {
            return dir == null ? new BundledKernel() : CompiledKernel.load(dir);
        } catch (KernelLoadException e) {
            throw new ExploreException(e.getMessage());
        }
    }

    /** Checks that {@code dir} holds kernel sources (quickly: nothing is compiled). */
    public static void checkKernelFolder(Path dir) {
        try {
            KernelSources.locate(dir);
        } catch (KernelLoadException e) {
            throw new ExploreException(e.getMessage());
        }
    }

    public static EngineResponse search(KernelRuntime kernel, SystemConfig config, Options o) {
        return search(kernel, config, o, null);
    }

    /** As {@link #search(KernelRuntime, SystemConfig, Options)}, with progress lines (see {@link KernelRuntime#call}). */
    public static EngineResponse search(KernelRuntime kernel, SystemConfig config, Options o, Consumer<String> progress) {
        return call(kernel, request("search", config, kernel, o, null, null, List.of()), progress);
    }

    /** Searches until every variant in {@code targets} was found or the budget ran out. */
    public static EngineResponse variants(KernelRuntime kernel, SystemConfig config, Options o, List<String> targets) {
        return variants(kernel, config, o, targets, null);
    }

    public static EngineResponse variants(KernelRuntime kernel, SystemConfig config, Options o, List<String> targets,
                                          Consumer<String> progress) {
        return call(kernel, request("variants", config, kernel, o, null, null, targets), progress);
    }

    /** The #346 variants a configuration can show: the timeout case needs a VCPU thread with a timeout handler. */
    public static List<String> variantTargets(SystemConfig config) {
        List<String> targets = new ArrayList<>(List.of("ready-queue", "release-queue"));
        for (ThreadSpec t : config.threads()) {
            if (t.vcpu() != null && t.timeoutHandler() != null && !targets.contains("timeout")) {
                targets.add("timeout");
            }
        }
        return targets;
    }

    /** Reads a trace file's text (errors name {@code source}); the configuration comes with it. */
    public static Trace readTrace(String text, String source) {
        try {
            return TraceJson.read(text, source);
        } catch (TraceException e) {
            throw new ExploreException(e.getMessage());
        }
    }

    public static EngineResponse replay(KernelRuntime kernel, Trace trace, String traceText, String source) {
        Options o = new Options(trace.strategy(), trace.seed(), 0, 0, 1, false);
        return call(kernel, request("replay", trace.config(), kernel, o, traceText, source, List.of()), null);
    }

    /** A measurement run for the benchmark: a random search over the whole budget, whatever it finds. */
    public static EngineResponse bench(KernelRuntime kernel, SystemConfig config, Options o) {
        return call(kernel, request("bench", config, kernel, o, null, null, List.of()), null);
    }

    private static EngineRequest request(String mode, SystemConfig config, KernelRuntime kernel, Options o, String trace,
                                         String source, List<String> targets) {
        return new EngineRequest(mode, ConfigJson.write(config), kernel.label(), o.strategy(), o.seed(), o.maxEvents(),
                o.depth(), o.threads(), o.shrink(), trace, source, targets);
    }

    private static EngineResponse call(KernelRuntime kernel, EngineRequest req, Consumer<String> progress) {
        EngineResponse r = ProtocolJson.read(kernel.call(ProtocolJson.write(req), progress), EngineResponse.class);
        if ("error".equals(r.status())) {
            throw new ExploreException(r.error());
        }
        if ("internal".equals(r.status())) {
            throw new IllegalStateException("the exploration engine failed:\n" + r.error());
        }
        return r;
    }
}
