// contract: the explorer judges the #346 fixes — on copies of the kernel guarded with S1, S2 or S3 in VPPIEvent / VGICMaintenance, or dequeuing before handleFault, it reports which variants remain: S1 leaves the release-queue variant, S2 the ready-queue variant, S3 none, the dequeue the release-queue variant; the legacy kernel has both.
package kreply.explore.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import kreply.explore.Explorer;
import kreply.explore.config.ShippedConfigs;
import kreply.explore.config.SystemConfig;
import kreply.explore.protocol.EngineResponse;
import kreply.explore.protocol.FindingReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FixTableTest {
    /*
     * Test-only stand-ins for the refactoring tool's queue-guard recipe: the guard shapes of
     * docs/kernel-model.md as the first statement of both handlers, or a dequeue of the current
     * thread right before its fault is handled. Once the recipe lands, these copies are replaced by
     * its --out folders.
     */
    private static final String FILE = "sel4/arch/aarch64/Vcpus.java";
    private static final List<String> HANDLERS = List.of("public void VPPIEvent(int irq) {", "public void VGICMaintenance() {");
    private static final String FAULT = "k.faultHandler.handleFault(ks.ksCurThread);";

    private static UnaryOperator<String> guard(String statement) {
        return s -> {
            for (String h : HANDLERS) {
                assertThat(s).containsOnlyOnce(h);
                s = s.replace(h, h + "\n        " + statement);
            }
            return s;
        };
    }

    private static UnaryOperator<String> dequeueBeforeFault() {
        return s -> {
            assertThat(s.split(java.util.regex.Pattern.quote(FAULT), -1)).as("both handlers, nothing else").hasSize(3);
            return s.replace(FAULT, "k.tcbQueues.tcbSchedDequeue(ks.ksCurThread);\n                " + FAULT);
        };
    }

    @TempDir
    Path tmp;

    @Test
    void whichVariantsEachFixLeaves() {
        Map<String, UnaryOperator<String>> fixes = new LinkedHashMap<>();
        fixes.put("S1", guard("if (ks.ksCurThread.tcbQueued) return;"));
        fixes.put("S2", guard("if (!k.thread.isSchedulable(ks.ksCurThread)) return;"));
        fixes.put("S3", guard("if (ks.ksCurThread.tcbQueued || !k.thread.isSchedulable(ks.ksCurThread)) return;"));
        fixes.put("dequeue", dequeueBeforeFault());

        Map<String, Set<String>> table = new LinkedHashMap<>();
        table.put("legacy", remaining(null));
        for (Map.Entry<String, UnaryOperator<String>> fix : fixes.entrySet()) {
            table.put(fix.getKey(), remaining(KernelCopies.copy(tmp.resolve(fix.getKey()), FILE, fix.getValue())));
        }

        assertThat(table).containsExactly(
                Map.entry("legacy", Set.of("ready-queue", "release-queue")),
                Map.entry("S1", Set.of("release-queue")),
                Map.entry("S2", Set.of("ready-queue")),
                Map.entry("S3", Set.of()),
                Map.entry("dequeue", Set.of("release-queue")));
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
}
