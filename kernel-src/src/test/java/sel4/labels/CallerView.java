package sel4.labels;

import static org.assertj.core.api.Assertions.assertThat;

import sel4.api.LookupFault;
import sel4.api.SyscallError;
import sel4.user.SyscallResult;

/**
 * Assertions on what a caller observes after seL4_Call (KERNEL-REFERENCE §6.2, §6.3): the
 * message label, length and words, and the badge register, read from the raw registers and IPC
 * buffer the kernel left.
 */
final class CallerView {
    private CallerView() {
    }

    /** The error reply of §6.3: label = error number, the error words, badge 0. */
    static void assertError(SyscallResult r, int error, long... words) {
        assertThat(r.done()).as(r.describe()).isTrue();
        assertThat(r.label()).as("error label of " + r.describe()).isEqualTo(error);
        assertThat(r.length()).as("error length of " + r.describe()).isEqualTo(words.length);
        for (int i = 0; i < words.length; i++) {
            assertThat(r.mr(i)).as("error word " + i + " of " + r.describe()).isEqualTo(words[i]);
        }
        assertThat(r.badge()).as("badge of an error reply").isZero();
    }

    static void truncated(SyscallResult r) {
        assertError(r, SyscallError.seL4_TruncatedMessage);
    }

    static void illegal(SyscallResult r) {
        assertError(r, SyscallError.seL4_IllegalOperation);
    }

    static void invalidArgument(SyscallResult r, long argument) {
        assertError(r, SyscallError.seL4_InvalidArgument, argument);
    }

    static void invalidCapability(SyscallResult r, long capability) {
        assertError(r, SyscallError.seL4_InvalidCapability, capability);
    }

    static void range(SyscallResult r, long min, long max) {
        assertError(r, SyscallError.seL4_RangeError, min, max);
    }

    static void alignment(SyscallResult r) {
        assertError(r, SyscallError.seL4_AlignmentError);
    }

    static void deleteFirst(SyscallResult r) {
        assertError(r, SyscallError.seL4_DeleteFirst);
    }

    static void revokeFirst(SyscallResult r) {
        assertError(r, SyscallError.seL4_RevokeFirst);
    }

    static void notEnoughMemory(SyscallResult r, long bytesLeft) {
        assertError(r, SyscallError.seL4_NotEnoughMemory, bytesLeft);
    }

    /** FailedLookup [source flag, lookup-failure type, lookup-failure words]. */
    static void failedLookup(SyscallResult r, boolean source, LookupFault lf) {
        long[] lfWords = lf.words();
        long[] words = new long[2 + lfWords.length];
        words[0] = source ? 1 : 0;
        words[1] = lf.type();
        System.arraycopy(lfWords, 0, words, 2, lfWords.length);
        assertError(r, SyscallError.seL4_FailedLookup, words);
    }

    /** The empty success reply: label 0, length 0, badge 0. */
    static void emptyReply(SyscallResult r) {
        assertThat(r.done()).as(r.describe()).isTrue();
        assertThat(r.label()).as("label of " + r.describe()).isZero();
        assertThat(r.length()).as("length of " + r.describe()).isZero();
        assertThat(r.badge()).as("badge of the empty reply").isZero();
    }

    /** A data reply: label 0, length = words, the words, badge 0. */
    static void dataReply(SyscallResult r, long... words) {
        assertThat(r.done()).as(r.describe()).isTrue();
        assertThat(r.label()).as("label of " + r.describe()).isZero();
        assertThat(r.length()).as("length of " + r.describe()).isEqualTo(words.length);
        for (int i = 0; i < words.length; i++) {
            assertThat(r.mr(i)).as("word " + i + " of " + r.describe()).isEqualTo(words[i]);
        }
        assertThat(r.badge()).as("badge of " + r.describe()).isZero();
    }
}
