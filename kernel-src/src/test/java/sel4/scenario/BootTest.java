// contract: a fully booted kernel (generic and arch boot objects) is a valid initial state: the invariant checker accepts it, the root thread is schedulable on an active SC, its IPC buffer is reachable by the kernel and mapped for the thread, the arch caps sit in their boot-info slots, and the root task can make its first syscalls.
package sel4.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import sel4.api.Event;
import sel4.arch.UserMapping;
import sel4.kernel.Boot;
import sel4.kernel.BootInfo;
import sel4.kernel.Kernel;
import sel4.model.BootInfoSlots;
import sel4.model.Config;
import sel4.object.cap.ArchCap;
import sel4.object.cap.CNodeCap;
import sel4.object.cap.FrameCap;
import sel4.object.cnode.CNode;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;
import sel4.user.Sim;
import sel4.user.SyscallResult;

class BootTest {

    static Config[] configs() {
        return new Config[] {Config.aarch64(), Config.x86_64(), Config.aarch64().toBuilder().numDomains(2).build()};
    }

    private static CNode rootCNode(Kernel k) {
        return ((CNodeCap) k.ks.ksCurThread.tcbCTE[Tcb.tcbCTable].cap).cnode();
    }

    @ParameterizedTest
    @MethodSource("configs")
    void theBootStateSatisfiesTheInvariants(Config config) {
        Boot.Booted b = Boot.boot(config);
        Kernel k = b.kernel();
        k.invariants.checkAfterEvent(Event.InterruptEvent.INSTANCE);
        Tcb root = k.ks.ksCurThread;
        assertThat(k.thread.isRunnable(root)).isTrue();
        assertThat(k.thread.isSchedulable(root)).isTrue();
        assertThat(k.refills.sc_active(root.tcbSchedContext)).isTrue();
        assertThat(k.refills.isRoundRobin(root.tcbSchedContext)).isTrue();
        assertThat(k.refills.refill_sufficient(root.tcbSchedContext, 0)).isTrue();
        assertThat(k.refills.refill_ready(root.tcbSchedContext)).isTrue();
    }

    @ParameterizedTest
    @MethodSource("configs")
    void theRootIpcBufferIsTheKernelsAndIsMappedReadWriteForTheThread(Config config) {
        Boot.Booted b = Boot.boot(config);
        Kernel k = b.kernel();
        Tcb root = k.ks.ksCurThread;
        FrameCap cap = (FrameCap) rootCNode(k).slots[BootInfoSlots.seL4_CapInitThreadIPCBuffer].cap;

        IpcBuffer kernelView = k.arch.lookupIPCBuffer(true, root);
        assertThat(kernelView).isNotNull();
        assertThat(kernelView.frame()).isSameAs(cap.frame());
        UserMapping userView = k.arch.userTranslate(root, b.bootInfo().ipcBufferVaddr(), true);
        assertThat(userView).isNotNull();
        assertThat(userView.frame()).isSameAs(cap.frame());
        assertThat(userView.wordIndex()).isEqualTo(kernelView.baseWord());
        assertThat(k.arch.userTranslate(root, 0xdead_0000L, false)).as("nothing else is mapped there").isNull();
    }

    @ParameterizedTest
    @MethodSource("configs")
    void theArchCapsAreInTheirSlotsAndTheVSpaceIsTheRootThreadsChild(Config config) {
        Boot.Booted b = Boot.boot(config);
        Kernel k = b.kernel();
        CNode cnode = rootCNode(k);
        Tcb root = k.ks.ksCurThread;
        assertThat(cnode.slots[BootInfoSlots.seL4_CapInitThreadVSpace].cap).isInstanceOf(ArchCap.class);
        assertThat(root.tcbCTE[Tcb.tcbVTable].cap).isInstanceOf(ArchCap.class);
        assertThat(cnode.slots[BootInfoSlots.seL4_CapInitThreadVSpace].mdbNext).isSameAs(root.tcbCTE[Tcb.tcbVTable]);
        assertThat(cnode.slots[BootInfoSlots.seL4_CapInitThreadVSpace].mdbRevocable).as("an MDB root").isTrue();
        assertThat(k.cnodes.isMDBParentOf(cnode.slots[BootInfoSlots.seL4_CapInitThreadVSpace],
                root.tcbCTE[Tcb.tcbVTable])).isTrue();
        assertThat(k.cnodes.isMDBParentOf(cnode.slots[BootInfoSlots.seL4_CapInitThreadCNode],
                root.tcbCTE[Tcb.tcbCTable])).isTrue();
        assertThat(k.cnodes.isMDBParentOf(cnode.slots[BootInfoSlots.seL4_CapInitThreadIPCBuffer],
                root.tcbCTE[Tcb.tcbBuffer])).isTrue();
        assertThat(cnode.slots[BootInfoSlots.seL4_CapASIDControl].cap).isInstanceOf(ArchCap.class);
        assertThat(cnode.slots[BootInfoSlots.seL4_CapInitThreadASIDPool].cap).isInstanceOf(ArchCap.class);
        if (config.arch() == sel4.model.Arch.AARCH64) {
            assertThat(cnode.slots[BootInfoSlots.seL4_CapSMC].cap).isInstanceOf(ArchCap.class);
        } else {
            assertThat(cnode.slots[BootInfoSlots.seL4_CapIOPortControl].cap).isInstanceOf(ArchCap.class);
        }
        BootInfo bi = b.bootInfo();
        assertThat(cnode.slots[bi.empty().start()].cap.capType().name()).isEqualTo("cap_null_cap");
    }

    @ParameterizedTest
    @MethodSource("configs")
    void theRootTaskMakesItsFirstSyscalls(Config config) {
        Sim sim = Sim.boot(config);
        SyscallResult[] r = new SyscallResult[2];
        sim.root().run(b -> {
            r[0] = b.tcb().setPriority(BootInfoSlots.seL4_CapInitThreadTCB, BootInfoSlots.seL4_CapInitThreadTCB, 255);
            r[1] = b.schedContext().consumed(BootInfoSlots.seL4_CapInitThreadSC);
        });
        assertThat(r[0].ok()).as(r[0].describe()).isTrue();
        assertThat(r[1].done()).isTrue();
        assertThat(r[1].isError()).as(r[1].describe()).isFalse();
        assertThat(sim.kernel().ks.ksCurThread).isSameAs(sim.root().thread().tcb());
        sim.kernel().invariants.checkAfterEvent(Event.InterruptEvent.INSTANCE);
    }
}
