// contract: ARMSIDGetFault (the GetFault branch of decodeARMSIDControlInvocation) answers a Call with the SMMU's global fault status and both syndrome words, and writes nothing for Send / NBSend or into a read-only buffer.
package sel4.conformance;

import sel4.api.InvocationLabel;
import sel4.model.BootInfoSlots;
import sel4.model.Config;

/** GetFault on the boot SID-control cap after the SMMU recorded a global fault: three words. */
class ArmSidGetFaultConformanceTest extends DataReplyConformance {
    private static final long[] FAULT = {0x8000_0002L, 0x1234, 0x5678};

    @Override
    protected Config config() {
        return Config.aarch64();
    }

    @Override
    protected Invocation prepare(Rig rig) {
        rig.arm().smmu().recordGlobalFault(FAULT[0], FAULT[1], FAULT[2]);
        return Invocation.of(InvocationLabel.ARMSIDGetFault, BootInfoSlots.seL4_CapSMMUSIDControl, new long[0],
                FAULT::clone);
    }
}
