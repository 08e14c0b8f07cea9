package kreply.explore.config;

/**
 * The platform constants of the kernel build the system runs on: the kernel WCET (so the minimum
 * budget is twice it) and the number of GIC list registers. Invariant checking is always on: it
 * is the explorer's oracle.
 */
public record KernelSettings(long wcetUs, int listRegisters) {
    public static final KernelSettings DEFAULT = new KernelSettings(10, 4);

    public long minBudget() {
        return 2 * wcetUs;
    }
}
