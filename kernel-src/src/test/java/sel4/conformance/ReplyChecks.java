package sel4.conformance;

import static sel4.machine.Registers.n_msgRegisters;

import org.assertj.core.api.SoftAssertions;
import sel4.user.Observation;

/**
 * The reply protocol as the invoking thread observes it (KERNEL-REFERENCE §6.1 replyFromKernel,
 * §6.4 outcome by syscall kind), stated as assertions over an {@link Outcome}. Soft assertions, so
 * a failing test lists every way the reply was wrong, not just the first.
 */
final class ReplyChecks {
    private ReplyChecks() {
    }

    /**
     * A Call answered with {@code expected}: the syscall returned once and the thread went on
     * (the kernel left it Running, not Restart), label 0, length = the words that fit
     * ({@code expected.length} with a writable buffer, at most n_msgRegisters without one), the
     * words themselves in the message registers and buffer, and badge 0.
     */
    static void assertDataReply(Outcome o, long[] expected) {
        boolean bufferWritable = o.mode() == BufferMode.WRITABLE;
        int fits = bufferWritable ? expected.length : Math.min(expected.length, n_msgRegisters);
        SoftAssertions soft = new SoftAssertions();
        if (!assertReturnedOnce(o, soft)) {
            soft.assertAll();
            return;
        }
        Observation after = o.after();
        soft.assertThat(after.label()).as("label (0: success)").isZero();
        soft.assertThat(after.length()).as("length: the reply's %d word(s) that fit", expected.length).isEqualTo(fits);
        for (int i = 0; i < fits; i++) {
            if (i >= n_msgRegisters && !after.hasIpcBuffer()) {
                soft.fail("message word %d lies in the IPC buffer, which the thread cannot read", i);
            } else {
                soft.assertThat(after.mr(i)).as("message word %d", i).isEqualTo(expected[i]);
            }
        }
        soft.assertThat(after.badge()).as("badge register (replies carry badge 0)").isZero();
        soft.assertAll();
    }

    /**
     * A Send or NBSend: the kernel may compute the result but must write nothing back, so the
     * badge, msgInfo and message registers and every IPC-buffer word are as the thread left them.
     */
    static void assertUntouched(Outcome o) {
        SoftAssertions soft = new SoftAssertions();
        if (!assertReturnedOnce(o, soft)) {
            soft.assertAll();
            return;
        }
        Snapshot before = o.before();
        Snapshot after = Snapshot.of(o.after());
        soft.assertThat(Long.toHexString(after.badge())).as("badge register").isEqualTo(Long.toHexString(before.badge()));
        soft.assertThat(Snapshot.msgInfo(after.msgInfoWord())).as("msgInfo register")
                .isEqualTo(Snapshot.msgInfo(before.msgInfoWord()));
        soft.assertThat(Snapshot.hex(after.msgRegisters())).as("message registers")
                .isEqualTo(Snapshot.hex(before.msgRegisters()));
        assertBufferWords(o, soft);
        soft.assertAll();
    }

    /**
     * A Call with a read-only IPC-buffer frame: it succeeds (label 0) and not one word of the
     * buffer changes — the kernel has no write authority over that frame.
     */
    static void assertSucceededWithoutWritingTheBuffer(Outcome o) {
        SoftAssertions soft = new SoftAssertions();
        if (!assertReturnedOnce(o, soft)) {
            soft.assertAll();
            return;
        }
        soft.assertThat(o.after().label()).as("label (0: success)").isZero();
        assertBufferWords(o, soft);
        soft.assertAll();
    }

    private static void assertBufferWords(Outcome o, SoftAssertions soft) {
        long[] before = o.before().ipcBuffer();
        long[] after = o.after().ipcBuffer();
        if (before == null) {
            return;
        }
        soft.assertThat(after).as("the IPC buffer is readable after the syscall").isNotNull();
        if (after == null) {
            return;
        }
        for (int w = 0; w < before.length; w++) {
            if (before[w] != after[w]) {
                soft.fail("IPC-buffer word %d was written: 0x%x -> 0x%x", w, before[w], after[w]);
            }
        }
    }

    /** The syscall came back exactly once (it was not restarted) and the thread went on. */
    private static boolean assertReturnedOnce(Outcome o, SoftAssertions soft) {
        if (!o.returned()) {
            soft.fail("the %s never returned (%d trap(s)); last steps:%n%s", o.syscall(), o.traps(),
                    String.join("\n", o.trace()));
            return false;
        }
        soft.assertThat(o.traps()).as("traps of the syscall instruction (more: it was restarted)").isEqualTo(1);
        soft.assertThat(o.continued()).as("the thread went on after the syscall").isTrue();
        return true;
    }
}
