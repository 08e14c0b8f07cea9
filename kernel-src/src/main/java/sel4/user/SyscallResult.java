package sel4.user;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import sel4.api.MessageInfo;

/**
 * The handle a stub call returns while a program is being built. It is filled in each time the
 * thread executes the instruction after the stub's trap (a stub in a loop is observed once per
 * iteration); until then {@link #done()} is false.
 *
 * <p>Unlike a libsel4 stub, the handle keeps the raw registers and buffer words and checks the
 * returned message info against the stub's {@link Expect}ation, so a test sees both what a
 * well-behaved stub would report and exactly what the kernel wrote.
 */
public final class SyscallResult {
    private static final String[] ERROR_NAMES = {
        "seL4_NoError", "seL4_InvalidArgument", "seL4_InvalidCapability", "seL4_IllegalOperation",
        "seL4_RangeError", "seL4_AlignmentError", "seL4_FailedLookup", "seL4_TruncatedMessage",
        "seL4_DeleteFirst", "seL4_RevokeFirst", "seL4_NotEnoughMemory"};

    private final String what;
    private final Expect expect;
    private final List<Observation> observations = new ArrayList<>();
    private int traps;

    SyscallResult(String what, Expect expect) {
        this.what = what;
        this.expect = expect;
    }

    /** The call this handle belongs to, e.g. {@code "seL4_TCB_Resume(12)"}. */
    public String what() {
        return what;
    }

    public Expect expect() {
        return expect;
    }

    void record(Observation o) {
        observations.add(o);
    }

    void trapped() {
        traps++;
    }

    /** True once the thread has come back from the syscall at least once. */
    public boolean done() {
        return !observations.isEmpty();
    }

    /** How many times the result was observed (loop iterations that reached it). */
    public int count() {
        return observations.size();
    }

    /**
     * How many times the syscall instruction entered the kernel. More traps than observations
     * means the kernel restarted the syscall (preemption, fault reply, budget exhaustion).
     */
    public int traps() {
        return traps;
    }

    public List<Observation> observations() {
        return Collections.unmodifiableList(observations);
    }

    /** The latest observation. */
    public Observation last() {
        if (observations.isEmpty()) {
            throw new IllegalStateException(what + " has not returned yet");
        }
        return observations.get(observations.size() - 1);
    }

    public long label() {
        return last().label();
    }

    public int length() {
        return last().length();
    }

    public MessageInfo info() {
        return last().info();
    }

    public long badge() {
        return last().badge();
    }

    /** Message word {@code i} of the latest observation (register or buffer word). */
    public long mr(int i) {
        return last().mr(i);
    }

    public long bufferWord(int w) {
        return last().bufferWord(w);
    }

    /** Returned and matched the expectation (always true once returned when nothing is expected). */
    public boolean ok() {
        if (!done()) {
            return false;
        }
        if (expect.checksLabel() && label() != expect.label()) {
            return false;
        }
        return !expect.checksLength() || length() == expect.length();
    }

    /** The expected label came back but with another length (e.g. a clobbered data reply). */
    public boolean lengthMismatch() {
        return done() && expect.checksLabel() && expect.checksLength() && label() == expect.label()
                && length() != expect.length();
    }

    /** The label came back different from the expected one: for kernel invocations, an seL4 error. */
    public boolean isError() {
        return done() && expect.checksLabel() && label() != expect.label();
    }

    /** The seL4_Error number when {@link #isError()}, else 0. */
    public int error() {
        return isError() ? (int) label() : 0;
    }

    /** Name of {@link #error()} ("seL4_NoError" when none). */
    public String errorName() {
        int e = error();
        return e >= 0 && e < ERROR_NAMES.length ? ERROR_NAMES[e] : "label " + e;
    }

    /** Text for assertion messages: the call, the expectation and what came back. */
    public String describe() {
        if (!done()) {
            return what + ": not returned yet (" + traps + " traps)";
        }
        String verdict = ok() ? "ok" : isError() ? "error " + errorName() : "length mismatch";
        return what + ": expected " + expect + ", got " + last() + " -> " + verdict
                + (traps != observations.size() ? " (" + traps + " traps)" : "");
    }

    @Override
    public String toString() {
        return describe();
    }
}
