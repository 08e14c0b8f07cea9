// contract: every configuration in explorer/configs ships (is listed and packaged), loads, and includes what the issue asks for — a VMM whose VCPU threads have it as fault handler, a round-robin / sporadic mix, and a passive-server system.
package kreply.explore.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ShippedConfigsTest {
    private static Path configsDir() {
        return Path.of(System.getProperty("kreply.configs", "configs"));
    }

    @Test
    void everyFileInTheConfigsFolderShipsAndLoads() throws Exception {
        try (Stream<Path> files = Files.list(configsDir())) {
            assertThat(files.map(p -> ConfigLoader.baseName(p.getFileName().toString())))
                    .containsExactlyInAnyOrderElementsOf(ShippedConfigs.NAMES);
        }
        for (String name : ShippedConfigs.NAMES) {
            SystemConfig c = ShippedConfigs.load(name);
            assertThat(c.name()).isEqualTo(name);
            assertThat(c.description()).isNotBlank();
            assertThat(new ConfigLoader().load(configsDir().resolve(name + ".yaml"))).isEqualTo(c);
        }
        assertThat(ShippedConfigs.NAMES).contains(ShippedConfigs.DEFAULT);
    }

    @Test
    void theDefaultIsAVmmWhoseVcpuThreadsItHandles() {
        SystemConfig vmm = ShippedConfigs.load(ShippedConfigs.DEFAULT);
        assertThat(vmm.threads()).filteredOn(t -> t.vcpu() != null).isNotEmpty()
                .allSatisfy(t -> assertThat(t.faultHandler()).isNotNull())
                .extracting(t -> t.sc().kind()).contains(ScSpec.Kind.ROUND_ROBIN, ScSpec.Kind.SPORADIC);
        String handlerEp = vmm.threads().stream().filter(t -> t.vcpu() != null).findFirst().orElseThrow()
                .faultHandler().endpoint();
        assertThat(vmm.threads()).anySatisfy(t -> {
            assertThat(t.waitOn()).isNotNull();
            assertThat(t.waitOn().object()).isEqualTo(handlerEp);
        });
    }

    @Test
    void theMixAndThePassiveServerSystemsHaveWhatTheirNamesSay() {
        SystemConfig mix = ShippedConfigs.load("rr-sporadic");
        assertThat(mix.threads()).extracting(t -> t.sc().kind())
                .contains(ScSpec.Kind.ROUND_ROBIN, ScSpec.Kind.SPORADIC, ScSpec.Kind.PERIODIC);
        assertThat(mix.threads()).anySatisfy(t -> assertThat(t.timeoutHandler()).isNotNull());
        SystemConfig passive = ShippedConfigs.load("passive-server");
        assertThat(passive.threads()).anySatisfy(t -> assertThat(t.sc().isPassive()).isTrue());
    }

    @Test
    void unknownNamesAreClearErrors() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ShippedConfigs.load("nope"))
                .hasMessage("no shipped configuration named nope (shipped: vmm, rr-sporadic, passive-server)");
    }
}
