package sel4.user;

/**
 * The code a simulated thread executes: instructions addressed by program counter. A fixed
 * {@link Program} ends with {@link Instruction.Exit}; the root task's script ({@link RootScript})
 * grows while the simulation runs and has an "open end" where the root task waits for more work.
 */
public interface Code {
    /** The instruction at {@code pc}, or null when {@code pc} addresses no instruction. */
    Instruction fetch(long pc);

    /** True when {@code pc} is the current end of code that is still being written. */
    boolean isOpenEnd(long pc);

    /** Address of a label. */
    long labelAddress(String label);

    /** Name for traces. */
    String name();
}
