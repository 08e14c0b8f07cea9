package kreply.explore.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The scenario configurations that ship with the explorer (explorer/configs/, packaged as
 * resources). {@code kreply explore --config NAME} picks one by name; the default is the VMM-like
 * system.
 */
public final class ShippedConfigs {
    /** The default: a VMM whose guest VCPU threads have it as their fault handler. */
    public static final String DEFAULT = "vmm";
    /** Every shipped configuration, in the order they are listed to users. */
    public static final List<String> NAMES = List.of("vmm", "rr-sporadic", "passive-server");
    private static final String DIR = "/kreply/explore/configs/";

    private ShippedConfigs() {
    }

    public static boolean exists(String name) {
        return NAMES.contains(name);
    }

    /** The YAML text of a shipped configuration. */
    public static String text(String name) {
        if (!exists(name)) {
            throw new ConfigException("no shipped configuration named " + name + " (shipped: " + String.join(", ", NAMES) + ")");
        }
        try (InputStream in = ShippedConfigs.class.getResourceAsStream(DIR + name + ".yaml")) {
            if (in == null) {
                throw new ConfigException("the shipped configuration " + name + " is missing from this build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException("cannot read the shipped configuration " + name + ": " + e.getMessage());
        }
    }

    public static SystemConfig load(String name) {
        return new ConfigLoader().parse(text(name), name + ".yaml", false, name);
    }
}
