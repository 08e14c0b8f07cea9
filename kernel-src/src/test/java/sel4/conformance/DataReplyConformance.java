// contract: for one data-returning invocation, a Call gets exactly its data with label 0 and badge 0 and the caller runs on, Send and NBSend leave every register and buffer word of the caller as it was, and a Call with a read-only IPC-buffer frame writes nothing into it.
package sel4.conformance;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import sel4.api.Syscall;
import sel4.model.Config;

/**
 * The reply-conformance tests every data-returning invocation (KERNEL-REFERENCE §5.7) must pass.
 * A subclass names the configuration and sets up one invocation; each test boots a fresh system,
 * runs the invocation in a new thread and checks what that thread observes against the Haskell
 * spec's replyFromKernel protocol. On the legacy kernel exactly the defects of
 * LEGACY-REPLY-BUGS §A5 make some of these fail; reply-conformance-manifest.yaml lists them.
 */
@Tag(ReplyConformance.TAG)
abstract class DataReplyConformance {

    /** The kernel configuration the invocation exists in. */
    protected abstract Config config();

    /** Creates what the invocation needs (through the root task) and describes it. */
    protected abstract Invocation prepare(Rig rig);

    /** Boots a system, prepares the invocation and runs it as {@code syscall} with {@code mode}. */
    protected final Outcome run(Syscall syscall, BufferMode mode) {
        Rig rig = Rig.boot(config());
        return rig.invoke(prepare(rig), syscall, mode);
    }

    @Test
    @DisplayName("Call: label 0, the right length and data, badge 0, the caller runs on")
    void call() {
        Outcome o = run(Syscall.SysCall, BufferMode.WRITABLE);
        ReplyChecks.assertDataReply(o, o.expected());
    }

    @Test
    @DisplayName("Send: the caller's message registers, msgInfo, badge and buffer are untouched")
    void send() {
        ReplyChecks.assertUntouched(run(Syscall.SysSend, BufferMode.WRITABLE));
    }

    @Test
    @DisplayName("NBSend: the caller's message registers, msgInfo, badge and buffer are untouched")
    void nbSend() {
        ReplyChecks.assertUntouched(run(Syscall.SysNBSend, BufferMode.WRITABLE));
    }

    @Test
    @DisplayName("Call with a read-only IPC-buffer frame: succeeds and writes nothing into the buffer")
    void readOnlyBuffer() {
        ReplyChecks.assertSucceededWithoutWritingTheBuffer(run(Syscall.SysCall, BufferMode.READ_ONLY));
    }
}
