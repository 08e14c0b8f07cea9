// contract: X86IOPortIn8/16/32 (invokeX86PortIn) answer a Call with the value a device drives on the port, in the access width, and write nothing for Send / NBSend or into a read-only buffer.
package sel4.conformance;

import sel4.api.InvocationLabel;
import sel4.model.BootInfoSlots;
import sel4.model.Config;
import sel4.user.Expect;
import sel4.user.RootTask;

/**
 * An input from port 0x60 through an I/O-port cap issued for 0x60..0x6f, after the device drove
 * a value wider than the access: one word, the value cut to the access width. One subclass per
 * width.
 */
abstract class X86IoPortInConformance extends DataReplyConformance {
    private static final int PORT = 0x60;
    private static final long DEVICE_VALUE = 0x8877_6655_4433_2211L;

    private final InvocationLabel label;
    private final int width;

    X86IoPortInConformance(InvocationLabel label, int width) {
        this.label = label;
        this.width = width;
    }

    @Override
    protected Config config() {
        return Config.x86_64();
    }

    @Override
    protected Invocation prepare(Rig rig) {
        long port = rig.root.allocSlot();
        rig.root.runChecked("issue I/O ports", b -> b.invoke(BootInfoSlots.seL4_CapIOPortControl,
                InvocationLabel.X86IOPortControlIssue, Expect.EMPTY_REPLY, new long[] {RootTask.CNODE},
                PORT, PORT + 0xf, port, RootTask.DEPTH));
        rig.x86().ioPorts().deviceSets(PORT, 4, DEVICE_VALUE);
        long value = DEVICE_VALUE & ((1L << (8 * width)) - 1);
        return Invocation.of(label, port, new long[] {PORT}, () -> new long[] {value});
    }
}
