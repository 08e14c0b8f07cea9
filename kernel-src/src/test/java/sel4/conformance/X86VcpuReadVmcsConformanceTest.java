// contract: X86VCPUReadVMCS (invokeReadVMCS) answers a Call with the value of a VMCS field written before, and writes nothing for Send / NBSend or into a read-only buffer.
package sel4.conformance;

import sel4.api.InvocationLabel;
import sel4.arch.x86_64.VmcsFields;
import sel4.arch.x86_64.X86Layout;
import sel4.model.Config;
import sel4.user.Expect;

/** ReadVMCS of the guest RIP after the VMM set it with WriteVMCS: one word. */
class X86VcpuReadVmcsConformanceTest extends DataReplyConformance {
    private static final long RIP = 0x1234_5678L;

    @Override
    protected Config config() {
        return Config.x86_64();
    }

    @Override
    protected Invocation prepare(Rig rig) {
        long vcpu = rig.root.retype(X86Layout.seL4_X86_VCPUObject, 0);
        // Whatever the reply to this set-up write looks like, only its effect on the VMCS matters.
        rig.root.runChecked("write the guest RIP", b -> b.invoke(vcpu, InvocationLabel.X86VCPUWriteVMCS, Expect.NOTHING,
                new long[0], VmcsFields.VMX_GUEST_RIP, RIP));
        return Invocation.of(InvocationLabel.X86VCPUReadVMCS, vcpu, new long[] {VmcsFields.VMX_GUEST_RIP},
                () -> new long[] {RIP});
    }
}
