// contract: TCBReadRegisters (invokeTCB_ReadRegisters) answers a Call with the first six registers of the source thread in seL4_UserContext order, through the registers and the caller's writable buffer, truncated to the four message registers without a buffer, and writes nothing for Send / NBSend or into a read-only buffer.
package sel4.conformance;

import static sel4.machine.Registers.AARCH64_FRAME_REGISTERS;

import sel4.api.InvocationLabel;
import sel4.machine.Registers;
import sel4.model.Config;
import sel4.user.UserThread;

/** ReadRegisters of six frame registers (PC, SP, SPSR, X0..X2) of a suspended thread: a reply longer than the registers. */
class TcbReadRegistersConformanceTest extends LongDataReplyConformance {
    private static final int COUNT = 6;

    @Override
    protected Config config() {
        return Config.aarch64();
    }

    @Override
    protected Invocation prepare(Rig rig) {
        UserThread source = rig.sim.thread("source").priority(50).suspended()
                .register(Registers.SP, 0x7f_f000).register(0, 0x1111).register(1, 0x2222).register(2, 0x3333)
                .spawn();
        return Invocation.of(InvocationLabel.TCBReadRegisters, source.tcbCap(), new long[] {0, COUNT}, () -> {
            long[] words = new long[COUNT];
            for (int i = 0; i < COUNT; i++) {
                words[i] = source.reg(AARCH64_FRAME_REGISTERS[i]);
            }
            return words;
        });
    }
}
