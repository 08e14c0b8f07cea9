// contract: X86VCPUReadMSR (invokeReadMSR) answers a Call with the guest syscall MSR written before, and writes nothing for Send / NBSend or into a read-only buffer.
package sel4.conformance;

import sel4.api.InvocationLabel;
import sel4.arch.x86_64.VmcsFields;
import sel4.arch.x86_64.X86Layout;
import sel4.model.Config;
import sel4.user.Expect;

/** ReadMSR of the guest's LSTAR after the VMM set it with WriteMSR: one word. */
class X86VcpuReadMsrConformanceTest extends DataReplyConformance {
    private static final long LSTAR = 0xffff_8000_0010_0000L;

    @Override
    protected Config config() {
        return Config.x86_64();
    }

    @Override
    protected Invocation prepare(Rig rig) {
        long vcpu = rig.root.retype(X86Layout.seL4_X86_VCPUObject, 0);
        // Whatever the reply to this set-up write looks like, only its effect on the VCPU matters.
        rig.root.runChecked("write LSTAR", b -> b.invoke(vcpu, InvocationLabel.X86VCPUWriteMSR, Expect.NOTHING,
                new long[0], VmcsFields.IA32_LSTAR_MSR, LSTAR));
        return Invocation.of(InvocationLabel.X86VCPUReadMSR, vcpu, new long[] {VmcsFields.IA32_LSTAR_MSR},
                () -> new long[] {LSTAR});
    }
}
