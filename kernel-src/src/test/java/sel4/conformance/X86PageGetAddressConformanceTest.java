// contract: X86PageGetAddress (x86 performPageGetAddress) answers a Call with the frame's physical address as a one-word reply and writes nothing for Send / NBSend or into a read-only buffer.
package sel4.conformance;

import sel4.api.InvocationLabel;
import sel4.arch.x86_64.X86Layout;
import sel4.model.Config;
import sel4.object.frame.Frame;

/** X86PageGetAddress on a fresh 4 KiB frame: one word, the frame's physical address. */
class X86PageGetAddressConformanceTest extends DataReplyConformance {

    @Override
    protected Config config() {
        return Config.x86_64();
    }

    @Override
    protected Invocation prepare(Rig rig) {
        long frame = rig.root.newFrame();
        long paddr = X86Layout.pptr_to_paddr(rig.root.object(frame, Frame.class).ptr());
        return Invocation.of(InvocationLabel.X86PageGetAddress, frame, new long[0], () -> new long[] {paddr});
    }
}
