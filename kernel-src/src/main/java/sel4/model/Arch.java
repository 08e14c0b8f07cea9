package sel4.model;

/** The architecture a kernel instance is booted for, like seL4's CONFIG_ARCH_* build choice. */
public enum Arch {
    AARCH64,
    X86_64
}
