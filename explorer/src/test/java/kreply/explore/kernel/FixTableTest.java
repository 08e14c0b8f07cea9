// contract: the explorer judges the #346 fixes as the refactoring tool writes them — on the queue-guard recipe's output for each option (S1, S2, S3, dequeue), applied to the legacy kernel from the analyzer's real findings, it reports which variants remain: S1 leaves the release-queue variant, S2 the ready-queue variant, S3 and the dequeue (ready and release queue) none; the legacy kernel has both.
package kreply.explore.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import kreply.explore.Explorer;
import kreply.explore.config.ShippedConfigs;
import kreply.explore.config.SystemConfig;
import kreply.explore.protocol.EngineResponse;
import kreply.explore.protocol.FindingReport;
import kreply.refactor.config.RecipeConfig;
import kreply.refactor.config.RecipeConfigLoader;
import kreply.refactor.engine.RefactorRun;
import kreply.refactor.findings.EngineFindings;
import kreply.refactor.findings.FindingRef;
import kreply.refactor.source.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixTableTest {
    private static final String RECIPE = "queue-guard";

    @TempDir
    Path tmp;

    @Test
    void whichVariantsEachFixLeaves() {
        Path repo = repo();
        Path kernel = repo.resolve("kernel-src");
        RecipeConfig config = RecipeConfigLoader.load(repo.resolve("rules/recipes/sel4-model.yaml"));
        Workspace legacy = Workspace.load(kernel, config.sourceRoots(), config.testRoots());
        // The findings kreply refactor starts from by default: the analyzer on the kernel's main sources.
        List<FindingRef> findings = new EngineFindings(packs(repo))
                .findings(kernel, List.of(kernel.resolve(legacy.sourceRoot())));

        Map<String, Set<String>> table = new LinkedHashMap<>();
        table.put("legacy", remaining(null));
        for (String option : List.of("S1", "S2", "S3", "dequeue")) {
            Workspace ws = legacy.copy();
            RefactorRun.Result r = new RefactorRun(config, List.of(RECIPE), option)
                    .run(ws, findings, RefactorRun.Selection.all());
            assertThat(r.applied()).as(option + " applies to both handlers").hasSize(2);
            table.put(option, remaining(write(ws, tmp.resolve(option))));
        }

        assertThat(table).containsExactly(
                Map.entry("legacy", Set.of("ready-queue", "release-queue")),
                Map.entry("S1", Set.of("release-queue")),
                Map.entry("S2", Set.of("ready-queue")),
                Map.entry("S3", Set.of()),
                Map.entry("dequeue", Set.of()));
    }

    /** The variants a variants search from a fixed seed finds on the kernel in {@code dir} (null: bundled). */
    private static Set<String> remaining(Path dir) {
        SystemConfig vmm = ShippedConfigs.load("vmm");
        try (KernelRuntime k = Explorer.kernel(dir)) {
            EngineResponse r = Explorer.variants(k, vmm, new Explorer.Options("random", 1, 300_000, 1000, 2, false),
                    Explorer.variantTargets(vmm));
            Set<String> found = new TreeSet<>();
            for (FindingReport f : r.variants()) {
                found.add(f.violation().variant());
            }
            return found;
        }
    }

    /** Writes the refactored main sources as a module folder ({@code src/main/java}), as --out would. */
    private static Path write(Workspace ws, Path module) {
        try {
            for (Map.Entry<String, String> e : ws.mainTexts().entrySet()) {
                Path f = module.resolve(e.getKey());
                Files.createDirectories(f.getParent());
                Files.writeString(f, e.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return module;
    }

    /** The checkout: two folders above the kernel sources the build names. */
    private static Path repo() {
        return KernelCopies.sources().toAbsolutePath().resolve("../../../..").normalize();
    }

    private static List<Path> packs(Path repo) {
        try (Stream<Path> s = Files.list(repo.resolve("rules/packs"))) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
