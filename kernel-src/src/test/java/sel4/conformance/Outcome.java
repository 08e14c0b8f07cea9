package sel4.conformance;

import java.util.List;
import sel4.api.Syscall;
import sel4.user.Observation;

/**
 * What one conformance run saw: the invoking thread's state just before its trap and just after
 * the syscall returned, how often the syscall instruction entered the kernel, whether the thread
 * went on to its next instruction, and the reply words a correct kernel would have sent.
 *
 * @param syscall   the system call used for the invocation
 * @param mode      the IPC-buffer set-up of the invoking thread
 * @param before    state right before the trap
 * @param after     the observation right after the syscall, or null if it never returned
 * @param traps     how many times the syscall instruction trapped (more than once: restarted)
 * @param continued whether the thread executed the instruction after the syscall
 * @param expected  the correct reply words (empty when the invocation never got as far as the trap)
 * @param trace     the simulated CPU's last steps, for failure messages
 */
record Outcome(Syscall syscall, BufferMode mode, Snapshot before, Observation after, int traps,
               boolean continued, long[] expected, List<String> trace) {

    Outcome {
        expected = expected.clone();
        trace = List.copyOf(trace);
    }

    @Override
    public long[] expected() {
        return expected.clone();
    }

    boolean returned() {
        return after != null;
    }
}
