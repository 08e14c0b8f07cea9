// contract: Untyped_Retype places objects at the untyped's watermark with each object aligned to its size, fails with NotEnoughMemory (reporting the bytes left) when the objects do not fit, refuses kernel objects from device memory and occupied destination slots, and starts again from the base once the untyped has no children left (reset).
package sel4.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import sel4.api.ObjectTypes;
import sel4.api.SyscallError;
import sel4.kernel.BootInfo;
import sel4.model.BootInfoSlots;
import sel4.model.Config;
import sel4.object.cap.UntypedCap;
import sel4.user.RootTask;
import sel4.user.Sim;
import sel4.user.SyscallResult;

class RetypeScenarioTest {
    private static final long CNODE = RootTask.CNODE;

    private final Sim sim = Sim.boot(Config.aarch64());
    private final RootTask root = sim.root();

    private long base(long untyped) {
        return ((UntypedCap) root.cap(untyped)).ptr();
    }

    private SyscallResult retype(long untyped, int type, int bits, long slot, int n) {
        SyscallResult[] r = new SyscallResult[1];
        root.run(b -> r[0] = b.untyped().retype(untyped, type, bits, CNODE, 0, 0, slot, n));
        return r[0];
    }

    @Test
    void objectsArePlacedAtTheAlignedWatermark() {
        long ut = root.newUntyped(12);
        long ep = root.allocSlot();
        long ntfn = root.allocSlot();

        assertThat(retype(ut, ObjectTypes.seL4_EndpointObject, 0, ep, 1).ok()).isTrue();
        assertThat(retype(ut, ObjectTypes.seL4_NotificationObject, 0, ntfn, 1).ok()).isTrue();

        assertThat(root.object(ep).ptr()).isEqualTo(base(ut));
        assertThat(root.object(ntfn).ptr()).as("aligned to 64 bytes").isEqualTo(base(ut) + 64);
        assertThat(((UntypedCap) root.cap(ut)).freeIndex()).isEqualTo(128);
        assertThat(root.slot(ut).mdbNext).as("objects are children of the untyped").isSameAs(root.slot(ntfn));
    }

    @Test
    void objectsThatDoNotFitAreNotEnoughMemory() {
        long ut = root.newUntyped(12);
        long slots = root.allocSlots(2);

        SyscallResult r = retype(ut, ObjectTypes.seL4_CapTableObject, 7, slots, 2);

        assertThat(r.error()).as(r.describe()).isEqualTo(SyscallError.seL4_NotEnoughMemory);
        assertThat(r.mr(0)).as("bytes available").isEqualTo(4096);
        assertThat(root.cap(slots).capType().name()).isEqualTo("cap_null_cap");
        assertThat(((UntypedCap) root.cap(ut)).freeIndex()).isZero();
    }

    @Test
    void deviceMemoryAndOccupiedSlotsAreRefused() {
        BootInfo.UntypedDesc device = sim.bootInfo().untypedList().stream().filter(BootInfo.UntypedDesc::isDevice)
                .findFirst().orElseThrow();
        SyscallResult fromDevice = retype(device.slot(), ObjectTypes.seL4_EndpointObject, 0, root.allocSlot(), 1);
        assertThat(fromDevice.error()).as(fromDevice.describe()).isEqualTo(SyscallError.seL4_InvalidArgument);

        long ut = root.newUntyped(12);
        SyscallResult occupied = retype(ut, ObjectTypes.seL4_EndpointObject, 0, BootInfoSlots.seL4_CapInitThreadTCB, 1);
        assertThat(occupied.error()).as(occupied.describe()).isEqualTo(SyscallError.seL4_DeleteFirst);
    }

    @Test
    void anUntypedWithoutChildrenIsResetToItsBase() {
        long ut = root.newUntyped(12);
        long first = root.allocSlots(3);
        assertThat(retype(ut, ObjectTypes.seL4_EndpointObject, 0, first, 3).ok()).isTrue();
        assertThat(root.object(first + 2).ptr()).isEqualTo(base(ut) + 32);

        SyscallResult[] revoke = new SyscallResult[1];
        root.run(b -> revoke[0] = b.cnode().revoke(CNODE, ut, RootTask.DEPTH));
        assertThat(revoke[0].ok()).as(revoke[0].describe()).isTrue();
        long again = root.allocSlot();
        assertThat(retype(ut, ObjectTypes.seL4_NotificationObject, 0, again, 1).ok()).isTrue();

        assertThat(root.object(again).ptr()).as("reset: back at the base").isEqualTo(base(ut));
        assertThat(((UntypedCap) root.cap(ut)).freeIndex()).isEqualTo(64);
    }

    @Test
    void deletingTheOnlyChildAlsoLetsTheUntypedStartOver() {
        long ut = root.newUntyped(12);
        long ep = root.allocSlot();
        assertThat(retype(ut, ObjectTypes.seL4_EndpointObject, 0, ep, 1).ok()).isTrue();
        root.runChecked("delete", b -> b.cnode().delete(CNODE, ep, RootTask.DEPTH));
        long reply = root.allocSlot();

        assertThat(retype(ut, ObjectTypes.seL4_ReplyObject, 0, reply, 1).ok()).isTrue();

        assertThat(root.object(reply).ptr()).isEqualTo(base(ut));
    }
}
