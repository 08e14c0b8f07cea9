// contract: ARMPageGetAddress (AArch64 performPageGetAddress) answers a Call with the frame's physical address as a one-word reply and writes nothing for Send / NBSend or into a read-only buffer.
package sel4.conformance;

import sel4.api.InvocationLabel;
import sel4.arch.aarch64.ArmLayout;
import sel4.model.Config;
import sel4.object.frame.Frame;

/** ARMPageGetAddress on a fresh 4 KiB frame: one word, the frame's physical address. */
class ArmPageGetAddressConformanceTest extends DataReplyConformance {

    @Override
    protected Config config() {
        return Config.aarch64();
    }

    @Override
    protected Invocation prepare(Rig rig) {
        long frame = rig.root.newFrame();
        long paddr = ArmLayout.pptr_to_paddr(rig.root.object(frame, Frame.class).ptr());
        return Invocation.of(InvocationLabel.ARMPageGetAddress, frame, new long[0], () -> new long[] {paddr});
    }
}
