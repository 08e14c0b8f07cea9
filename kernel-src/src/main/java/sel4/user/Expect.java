package sel4.user;

/**
 * What a stub expects the kernel to return: a label and a message length. libsel4's generated
 * stubs check only the label; ours also check the length, so a reply that the kernel clobbered
 * ("label 0, length 0" where the invocation returns one word) shows up as a length mismatch.
 *
 * @param label  expected label (0: success for kernel invocations)
 * @param length expected message length, or {@link #ANY_LENGTH}
 */
public record Expect(long label, int length) {
    public static final int ANY_LENGTH = -1;
    private static final long ANY_LABEL = Long.MIN_VALUE;

    /** No expectation: IPC with user-level servers, receives. */
    public static final Expect NOTHING = new Expect(ANY_LABEL, ANY_LENGTH);

    /** A kernel invocation without data: label 0, length 0. */
    public static final Expect EMPTY_REPLY = new Expect(0, 0);

    /** A kernel invocation returning {@code words} words: label 0, length words. */
    public static Expect reply(int words) {
        return new Expect(0, words);
    }

    public boolean checksLabel() {
        return label != ANY_LABEL;
    }

    public boolean checksLength() {
        return length != ANY_LENGTH;
    }

    @Override
    public String toString() {
        if (!checksLabel()) {
            return "anything";
        }
        return "label " + label + (checksLength() ? ", length " + length : "");
    }
}
