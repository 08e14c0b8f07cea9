// contract: X86VCPUWriteVMCS (invokeWriteVMCS) answers a Call with the value written (an echo), and writes nothing for Send / NBSend or into a read-only buffer.
package sel4.conformance;

import sel4.api.InvocationLabel;
import sel4.arch.x86_64.VmcsFields;
import sel4.arch.x86_64.X86Layout;
import sel4.model.Config;

/** WriteVMCS of the guest RIP (a field written unchanged): one word, the value. */
class X86VcpuWriteVmcsConformanceTest extends DataReplyConformance {
    private static final long RIP = 0xabc0L;

    @Override
    protected Config config() {
        return Config.x86_64();
    }

    @Override
    protected Invocation prepare(Rig rig) {
        long vcpu = rig.root.retype(X86Layout.seL4_X86_VCPUObject, 0);
        return Invocation.of(InvocationLabel.X86VCPUWriteVMCS, vcpu, new long[] {VmcsFields.VMX_GUEST_RIP, RIP},
                () -> new long[] {RIP});
    }
}
