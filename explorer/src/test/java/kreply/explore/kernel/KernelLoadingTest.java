// contract: --kernel DIR compiles the kernel sources found in DIR (a kernel-src module folder or a source root) and runs the explorer's engine on them in their own class loader — an unmodified copy behaves exactly like the bundled kernel — and a missing, empty or broken folder is one clear error.
package kreply.explore.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import kreply.explore.ExploreException;
import kreply.explore.Explorer;
import kreply.explore.config.ShippedConfigs;
import kreply.explore.config.SystemConfig;
import kreply.explore.protocol.EngineResponse;
import kreply.explore.protocol.FindingReport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KernelLoadingTest {
    @TempDir
    Path tmp;

    @Test
    void anUnmodifiedCopyOfKernelSrcBehavesLikeTheBundledKernel() {
        Path module = tmp.resolve("kernel-copy");
        KernelCopies.copy(module.resolve("src/main/java"), null, s -> s);
        SystemConfig vmm = ShippedConfigs.load("vmm");
        Explorer.Options o = new Explorer.Options("random", 5, 200_000, 1000, 2, true);
        FindingReport bundled;
        try (KernelRuntime k = Explorer.kernel(null)) {
            bundled = Explorer.search(k, vmm, o).finding();
        }
        try (KernelRuntime k = Explorer.kernel(module)) {
            assertThat(k).isInstanceOf(CompiledKernel.class);
            assertThat(k.label()).isEqualTo("kernel in " + module);
            EngineResponse r = Explorer.search(k, vmm, o);
            FindingReport copy = r.finding();
            assertThat(copy.violation()).isEqualTo(bundled.violation());
            assertThat(copy.steps()).isEqualTo(bundled.steps());
            assertThat(copy.foundAt()).isEqualTo(bundled.foundAt());
            assertThat(copy.traceJson().replace("kernel in " + module, "K"))
                    .isEqualTo(bundled.traceJson().replace(BundledKernel.LABEL, "K"));
        }
    }

    @Test
    void theEngineRunsOnTheCompiledClassesNotOnTheBundledOnes() {
        Path root = KernelCopies.copy(tmp.resolve("renamed"), "sel4/kernel/Thread.java",
                s -> s.replace("\"Q12 blocked thread not in ready or release queue\"", "\"Q12 renamed in this copy\""));
        SystemConfig vmm = ShippedConfigs.load("vmm");
        try (KernelRuntime k = Explorer.kernel(root)) {
            EngineResponse r = Explorer.variants(k, vmm, new Explorer.Options("random", 1, 200_000, 1000, 2, false),
                    Explorer.variantTargets(vmm));
            assertThat(r.variants()).anySatisfy(f -> assertThat(f.violation().invariant()).isEqualTo("Q12 renamed in this copy"));
        }
    }

    @Test
    void foldersWithoutAWorkingKernelAreClearErrors() throws Exception {
        assertThatThrownBy(() -> Explorer.kernel(tmp.resolve("none"))).isInstanceOf(ExploreException.class)
                .hasMessage("--kernel " + tmp.resolve("none") + ": no such folder");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> Explorer.kernel(empty)).isInstanceOf(ExploreException.class)
                .hasMessageStartingWith("--kernel " + empty + ": no kernel sources there (expected a kernel-src module folder");
        Path broken = tmp.resolve("broken");
        Files.createDirectories(broken.resolve("sel4/kernel"));
        Files.writeString(broken.resolve("sel4/kernel/Kernel.java"), "package sel4.kernel;\nclass Kernel { oops }\n");
        assertThatThrownBy(() -> Explorer.kernel(broken)).isInstanceOf(ExploreException.class)
                .hasMessageStartingWith("--kernel " + broken + ": the kernel does not compile: sel4/kernel/Kernel.java:2: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
        Files.writeString(broken.resolve("sel4/kernel/Kernel.java"), "package sel4.kernel;\npublic class Kernel { }\n");
        assertThatThrownBy(() -> Explorer.search(Explorer.kernel(broken), ShippedConfigs.load("vmm"),
                new Explorer.Options("random", 1, 10, 10, 1, false))).isInstanceOf(ExploreException.class)
                .hasMessageStartingWith("the kernel does not provide what the explorer drives: ");
    }
}
