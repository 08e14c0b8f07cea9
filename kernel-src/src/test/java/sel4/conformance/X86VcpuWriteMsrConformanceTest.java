// contract: X86VCPUWriteMSR (invokeWriteMSR) answers a Call with the value written (an echo), and writes nothing for Send / NBSend or into a read-only buffer.
package sel4.conformance;

import sel4.api.InvocationLabel;
import sel4.arch.x86_64.VmcsFields;
import sel4.arch.x86_64.X86Layout;
import sel4.model.Config;

/** WriteMSR of the guest's LSTAR: one word, the value. */
class X86VcpuWriteMsrConformanceTest extends DataReplyConformance {
    private static final long LSTAR = 0xffff_8000_0020_0000L;

    @Override
    protected Config config() {
        return Config.x86_64();
    }

    @Override
    protected Invocation prepare(Rig rig) {
        long vcpu = rig.root.retype(X86Layout.seL4_X86_VCPUObject, 0);
        return Invocation.of(InvocationLabel.X86VCPUWriteMSR, vcpu, new long[] {VmcsFields.IA32_LSTAR_MSR, LSTAR},
                () -> new long[] {LSTAR});
    }
}
