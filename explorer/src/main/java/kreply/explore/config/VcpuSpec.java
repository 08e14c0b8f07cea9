package kreply.explore.config;

import java.util.List;

/**
 * An ARM VCPU and the virtual interrupts the VMM has injected into its list registers before the
 * system starts (each with an end-of-interrupt maintenance request, so the guest's EOI raises the
 * VGIC maintenance interrupt).
 */
public record VcpuSpec(String name, List<Injection> inject) {

    public VcpuSpec {
        inject = List.copyOf(inject);
    }

    /** A virtual IRQ in list register {@code lr}. */
    public record Injection(int lr, int virq) {
    }
}
