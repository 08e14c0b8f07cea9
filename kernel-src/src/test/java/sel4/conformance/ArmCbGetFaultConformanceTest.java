// contract: ARMCBGetFault (the GetFault branch of decodeARMCBInvocation) answers a Call with the context bank's fault status and fault address, and writes nothing for Send / NBSend or into a read-only buffer.
package sel4.conformance;

import sel4.api.InvocationLabel;
import sel4.model.BootInfoSlots;
import sel4.model.Config;
import sel4.user.Expect;
import sel4.user.RootTask;

/** GetFault on a context-bank cap issued by the CB-control cap, after the bank recorded a fault: two words. */
class ArmCbGetFaultConformanceTest extends DataReplyConformance {
    private static final int CB = 5;
    private static final long STATUS = 0x402;
    private static final long ADDRESS = 0xdead_b000L;

    @Override
    protected Config config() {
        return Config.aarch64();
    }

    @Override
    protected Invocation prepare(Rig rig) {
        long cb = rig.root.allocSlot();
        rig.root.runChecked("issue CB " + CB, b -> b.invoke(BootInfoSlots.seL4_CapSMMUCBControl,
                InvocationLabel.ARMCBIssueCBManager, Expect.EMPTY_REPLY, new long[] {RootTask.CNODE}, CB, cb,
                RootTask.DEPTH));
        rig.arm().smmu().recordContextBankFault(CB, STATUS, ADDRESS);
        return Invocation.of(InvocationLabel.ARMCBGetFault, cb, new long[0], () -> new long[] {STATUS, ADDRESS});
    }
}
