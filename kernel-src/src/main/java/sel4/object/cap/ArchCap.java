package sel4.object.cap;

/**
 * Architecture-specific capability (seL4's arch caps: page tables, ASID control and pools, VCPUs,
 * SMC, SGI signals, SMMU, x86 I/O ports). Defined in the arch packages.
 */
public non-sealed interface ArchCap extends Cap {
    @Override
    default CapTag capType() {
        return CapTag.cap_arch_cap;
    }
}
