// contract: a deferred SchedContextYieldTo (schedContext_completeYieldTo) answers the yielder — and only the yielder — with the target SC's consumed time once the target has run, whichever thread is current when the yield completes, and only if the YieldTo was a Call; it never writes a read-only buffer.
package sel4.conformance;

import static sel4.conformance.Rig.INVOKER_MCP;
import static sel4.conformance.Rig.INVOKER_PRIORITY;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import sel4.api.InvocationLabel;
import sel4.api.Syscall;
import sel4.model.Config;
import sel4.user.SyscallResult;
import sel4.user.UserThread;

/**
 * YieldTo a thread of equal priority: the target runs first and the yielder's answer — one word,
 * the time the target's SC consumed in between — is deferred until the yield completes
 * (KERNEL-REFERENCE §6.5). The target starts suspended and the yielder resumes it just before
 * yielding, so everything the target's SC consumes happens during the yield; the consumed time
 * is measured with the user-visible clock: from the target's first instruction to the moment the
 * yield completes.
 */
@Tag(ReplyConformance.TAG)
class DeferredYieldToConformanceTest {

    /**
     * A booted system with a suspended target thread that notes when it first runs, spins, and
     * halfway through signals the notification {@link #wake} (which only matters to a thread
     * waiting on it).
     */
    private static final class Setup {
        final Rig rig = Rig.boot(Config.aarch64());
        final long wake = rig.root.newNotification();
        final long[] firstRun = {-1};
        final UserThread target;

        Setup() {
            target = rig.sim.thread("target").priority(INVOKER_PRIORITY).suspended().program(b -> {
                b.exec("note the first instruction", ctx -> firstRun[0] = ctx.now());
                b.spin(100);
                b.signal(wake);
                b.spin(100);
            }).spawn();
        }

        /** YieldTo the target's SC, right after resuming the target. */
        Invocation yieldTo() {
            return Invocation.of(InvocationLabel.SchedContextYieldTo, target.scCap(), new long[0], () -> new long[0])
                    .after(b -> b.tcb().resume(target.tcbCap()));
        }
    }

    /** The consumed time a correct reply carries when the yield completed at {@code completedAt}. */
    private static long[] consumedUntil(Setup s, long completedAt) {
        return new long[] {completedAt - s.firstRun[0]};
    }

    @Test
    @DisplayName("Call, completed when the yielder runs again: label 0, the target's consumed time, badge 0")
    void call() {
        Setup s = new Setup();
        Outcome o = s.rig.invoke(s.yieldTo(), Syscall.SysCall, BufferMode.WRITABLE);
        // The yielder's first instruction after the syscall runs the moment the yield completes.
        long completedAt = o.returned() ? o.after().time() : -1;
        ReplyChecks.assertDataReply(o, consumedUntil(s, completedAt));
    }

    @Test
    @DisplayName("Call, completed by another thread's YieldTo to the same SC: the reply still reaches the yielder")
    void completedByAnotherThread() {
        Setup s = new Setup();
        SyscallResult[] woken = new SyscallResult[1];
        // A higher-priority thread woken by the target yields to the target's SC while the first
        // yield is still pending, so that yield completes while this other thread is current.
        s.rig.sim.thread("other").priority(INVOKER_PRIORITY + 50).mcp(INVOKER_MCP).program(b -> {
            woken[0] = b.waitOn(s.wake);
            b.schedContext().yieldTo(s.target.scCap());
        }).spawn();
        Outcome o = s.rig.invoke(s.yieldTo(), Syscall.SysCall, BufferMode.WRITABLE);
        long completedAt = woken[0].done() ? woken[0].last().time() : -1;
        ReplyChecks.assertDataReply(o, consumedUntil(s, completedAt));
    }

    @Test
    @DisplayName("Send: no reply when the yield completes, the yielder's registers and buffer are untouched")
    void send() {
        Setup s = new Setup();
        ReplyChecks.assertUntouched(s.rig.invoke(s.yieldTo(), Syscall.SysSend, BufferMode.WRITABLE));
    }

    @Test
    @DisplayName("NBSend: no reply when the yield completes, the yielder's registers and buffer are untouched")
    void nbSend() {
        Setup s = new Setup();
        ReplyChecks.assertUntouched(s.rig.invoke(s.yieldTo(), Syscall.SysNBSend, BufferMode.WRITABLE));
    }

    @Test
    @DisplayName("Call with a read-only IPC-buffer frame: succeeds and the completion writes nothing into the buffer")
    void readOnlyBuffer() {
        Setup s = new Setup();
        ReplyChecks.assertSucceededWithoutWritingTheBuffer(s.rig.invoke(s.yieldTo(), Syscall.SysCall, BufferMode.READ_ONLY));
    }
}
