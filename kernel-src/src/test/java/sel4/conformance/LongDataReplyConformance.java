// contract: for a data-returning invocation whose reply is longer than the message registers, a Call by a thread without an IPC buffer gets exactly the words that fit, and a length that says so.
package sel4.conformance;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import sel4.api.Syscall;

/**
 * The extra test for invocations whose reply has more than n_msgRegisters words: without an IPC
 * buffer the reply is truncated to the registers, and msgInfo must count only what was delivered
 * (LEGACY-REPLY-BUGS §A2 code L).
 */
abstract class LongDataReplyConformance extends DataReplyConformance {

    @Test
    @DisplayName("Call without an IPC buffer: label 0, length and data of what fits in the registers, badge 0")
    void callWithoutBuffer() {
        Outcome o = run(Syscall.SysCall, BufferMode.NONE);
        ReplyChecks.assertDataReply(o, o.expected());
    }
}
