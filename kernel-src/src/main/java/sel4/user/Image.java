package sel4.user;

/**
 * Code loaded into one thread, with the CPtr of the thread's own TCB cap that its
 * {@link Instruction.Exit} invokes (what a loader such as sel4utils hands a new thread).
 */
public record Image(Code code, long selfTcbCap) {
}
