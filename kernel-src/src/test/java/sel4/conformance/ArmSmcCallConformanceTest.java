// contract: ARMSMCCall (invokeSMCCall) answers a Call with the eight result registers of the SMC through the registers and the caller's writable buffer, only the four that fit with a read-only buffer (which it never writes), and writes nothing for Send / NBSend.
package sel4.conformance;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import sel4.api.InvocationLabel;
import sel4.api.Syscall;
import sel4.arch.aarch64.SmcFirmware;
import sel4.model.BootInfoSlots;
import sel4.model.Config;

/**
 * An SMC through the boot SMC cap (badge 0: any function): eight argument words in, eight result
 * words out, as the modelled firmware computes them. Without any IPC buffer the eight arguments
 * cannot even be passed, so the "what fits" case is the read-only buffer.
 */
class ArmSmcCallConformanceTest extends DataReplyConformance {
    private static final long[] ARGS = {0xC400_0003L, 1, 2, 3, 4, 5, 6, 7};

    @Override
    protected Config config() {
        return Config.aarch64();
    }

    @Override
    protected Invocation prepare(Rig rig) {
        return Invocation.of(InvocationLabel.ARMSMCCall, BootInfoSlots.seL4_CapSMC, ARGS, () -> SmcFirmware.compute(ARGS));
    }

    @Test
    @DisplayName("Call with a read-only IPC-buffer frame: label 0, length and data of what fits in the registers, badge 0")
    void readOnlyBufferReplyFits() {
        Outcome o = run(Syscall.SysCall, BufferMode.READ_ONLY);
        ReplyChecks.assertDataReply(o, o.expected());
    }
}
