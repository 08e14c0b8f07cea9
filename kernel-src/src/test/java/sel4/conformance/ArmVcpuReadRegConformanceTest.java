// contract: ARMVCPUReadReg (invokeVCPUReadReg) answers a Call with the VCPU register written before, and writes nothing for Send / NBSend or into a read-only buffer.
package sel4.conformance;

import sel4.api.InvocationLabel;
import sel4.arch.aarch64.ArmObjectTypes;
import sel4.arch.aarch64.VcpuReg;
import sel4.model.Config;
import sel4.user.Expect;

/** ReadReg of TPIDR_EL1 of a VCPU whose VMM wrote it with WriteReg: one word. */
class ArmVcpuReadRegConformanceTest extends DataReplyConformance {
    private static final long VALUE = 0xfeed_0001L;

    @Override
    protected Config config() {
        return Config.aarch64();
    }

    @Override
    protected Invocation prepare(Rig rig) {
        long vcpu = rig.root.retype(ArmObjectTypes.seL4_ARM_VCPUObject, 0);
        rig.root.runChecked("write TPIDR_EL1", b -> b.invoke(vcpu, InvocationLabel.ARMVCPUWriteReg, Expect.EMPTY_REPLY,
                new long[0], VcpuReg.seL4_VCPUReg_TPIDR_EL1, VALUE));
        return Invocation.of(InvocationLabel.ARMVCPUReadReg, vcpu, new long[] {VcpuReg.seL4_VCPUReg_TPIDR_EL1},
                () -> new long[] {VALUE});
    }
}
