package sel4.conformance;

import java.util.function.Consumer;
import java.util.function.Supplier;
import sel4.api.InvocationLabel;
import sel4.user.ProgramBuilder;

/**
 * One data-returning invocation as a conformance test performs it: the invoked cap, the label and
 * argument words, and the words a correct reply carries (the Haskell spec's {@code replyFromKernel}
 * list), computed at the instant just before the trap, since some results (consumed time) depend
 * on when the invocation happens.
 *
 * @param label    the invocation label
 * @param service  CPtr of the invoked cap in the root CNode
 * @param args     the message words (registers first, then IPC-buffer words)
 * @param expected the reply words, evaluated immediately before the trap
 * @param before   instructions the invoking thread runs before the invocation (e.g. wait for a
 *                 signal so that another thread has run first)
 */
record Invocation(InvocationLabel label, long service, long[] args, Supplier<long[]> expected,
                  Consumer<ProgramBuilder> before) {

    Invocation {
        args = args.clone();
    }

    static Invocation of(InvocationLabel label, long service, long[] args, Supplier<long[]> expected) {
        return new Invocation(label, service, args, expected, b -> { });
    }

    /** The same invocation, preceded by {@code steps} in the invoking thread. */
    Invocation after(Consumer<ProgramBuilder> steps) {
        return new Invocation(label, service, args, expected, steps);
    }

    @Override
    public long[] args() {
        return args.clone();
    }
}
