// contract: the generic boot state is laid out as seL4 lays it out (initial caps in their slots, MDB roots and children, a runnable root thread with an active round-robin SC, the idle thread, IRQ states, domain schedule, armed deadline) and the untypeds cover free memory disjointly; checked with the arch step left out so it needs no other module.
package sel4.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sel4.kernel.Boot;
import sel4.kernel.BootInfo;
import sel4.kernel.Kernel;
import sel4.machine.Registers;
import sel4.model.BootInfoSlots;
import sel4.model.Config;
import sel4.model.DomainScheduleEntry;
import sel4.model.IRQState;
import sel4.model.SchedulerAction;
import sel4.object.KernelObject;
import sel4.object.cap.CNodeCap;
import sel4.object.cap.DomainCap;
import sel4.object.cap.FrameCap;
import sel4.object.cap.IRQControlCap;
import sel4.object.cap.SchedContextCap;
import sel4.object.cap.SchedControlCap;
import sel4.object.cap.ThreadCap;
import sel4.object.cap.UntypedCap;
import sel4.object.cap.VMRights;
import sel4.object.cnode.CNode;
import sel4.object.cnode.Cte;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;

class BootLayoutTest {
    private Tcb archRoot;
    private CNode archCNode;
    private boolean ipcBufferReadyForArch;

    private BootInfo boot(Kernel k) {
        return Boot.boot(k, (root, cnode, mem) -> {
            archRoot = root;
            archCNode = cnode;
            ipcBufferReadyForArch = root.tcbIPCBuffer == Boot.IPC_BUFFER_VADDR
                    && root.tcbCTE[Tcb.tcbBuffer].cap instanceof FrameCap;
        });
    }

    private static Cte slot(Kernel k, int i) {
        CNode root = ((CNodeCap) k.ks.ksCurThread.tcbCTE[Tcb.tcbCTable].cap).cnode();
        return root.slots[i];
    }

    @Test
    void theInitialCapsAreInTheirSlots() {
        Kernel k = new Kernel(Config.aarch64());
        BootInfo bi = boot(k);
        Tcb root = k.ks.ksCurThread;

        assertThat(slot(k, BootInfoSlots.seL4_CapNull).cap.capType().name()).isEqualTo("cap_null_cap");
        assertThat(slot(k, BootInfoSlots.seL4_CapInitThreadTCB).cap).isEqualTo(new ThreadCap(root));
        CNodeCap cnodeCap = (CNodeCap) slot(k, BootInfoSlots.seL4_CapInitThreadCNode).cap;
        assertThat(cnodeCap.radix()).isEqualTo(12);
        assertThat(cnodeCap.guard()).isZero();
        assertThat(cnodeCap.radix() + cnodeCap.guardSize()).as("a 64-bit CPtr resolves").isEqualTo(64);
        assertThat(slot(k, BootInfoSlots.seL4_CapIRQControl).cap).isInstanceOf(IRQControlCap.class);
        assertThat(slot(k, BootInfoSlots.seL4_CapDomain).cap).isInstanceOf(DomainCap.class);
        FrameCap ipc = (FrameCap) slot(k, BootInfoSlots.seL4_CapInitThreadIPCBuffer).cap;
        assertThat(ipc.vmRights()).isEqualTo(VMRights.VMReadWrite);
        assertThat(ipc.isDevice()).isFalse();
        assertThat(slot(k, BootInfoSlots.seL4_CapBootInfoFrame).cap).isInstanceOf(FrameCap.class);
        assertThat(slot(k, BootInfoSlots.seL4_CapInitThreadSC).cap)
                .isEqualTo(new SchedContextCap(root.tcbSchedContext, Config.seL4_MinSchedContextBits));
        assertThat(bi.schedControlSlot()).isEqualTo(BootInfoSlots.seL4_NumInitialCaps);
        assertThat(slot(k, bi.schedControlSlot()).cap).isEqualTo(new SchedControlCap(0));
        assertThat(bi.untyped().start()).isEqualTo(bi.schedControl().end());
        assertThat(bi.empty().start()).isEqualTo(bi.untyped().end());
        assertThat(bi.empty().end()).isEqualTo(1 << Boot.ROOT_CNODE_SIZE_BITS);
        for (int i = bi.empty().start(); i < bi.empty().end(); i++) {
            assertThat(slot(k, i).cap.capType().name()).isEqualTo("cap_null_cap");
        }
        assertThat(archRoot).isSameAs(root);
        assertThat(archCNode).isSameAs(cnodeCap.cnode());
        assertThat(ipcBufferReadyForArch).as("the arch step can map the IPC buffer from the TCB").isTrue();
    }

    @Test
    void bootCapsAreMdbRootsAndTheTcbSlotsAreTheirChildren() {
        Kernel k = new Kernel(Config.aarch64());
        boot(k);
        Tcb root = k.ks.ksCurThread;
        Cte cnodeSlot = slot(k, BootInfoSlots.seL4_CapInitThreadCNode);
        Cte bufferSlot = slot(k, BootInfoSlots.seL4_CapInitThreadIPCBuffer);

        assertThat(cnodeSlot.mdbPrev).isNull();
        assertThat(cnodeSlot.mdbRevocable).isTrue();
        assertThat(cnodeSlot.mdbFirstBadged).isTrue();
        assertThat(cnodeSlot.mdbNext).isSameAs(root.tcbCTE[Tcb.tcbCTable]);
        assertThat(root.tcbCTE[Tcb.tcbCTable].mdbPrev).isSameAs(cnodeSlot);
        assertThat(root.tcbCTE[Tcb.tcbCTable].cap).isEqualTo(cnodeSlot.cap);
        assertThat(root.tcbCTE[Tcb.tcbCTable].mdbRevocable).isFalse();
        assertThat(bufferSlot.mdbNext).isSameAs(root.tcbCTE[Tcb.tcbBuffer]);
        assertThat(root.tcbCTE[Tcb.tcbBuffer].mdbPrev).isSameAs(bufferSlot);
        assertThat(root.tcbCTE[Tcb.tcbBuffer].mdbNext).isNull();
        Cte tcbSlot = slot(k, BootInfoSlots.seL4_CapInitThreadTCB);
        assertThat(tcbSlot.mdbNext).isNull();
        assertThat(tcbSlot.mdbPrev).isNull();
    }

    @Test
    void theRootThreadIsCurrentAndRunnableWithAnActiveRoundRobinSc() {
        Kernel k = new Kernel(Config.aarch64());
        BootInfo bi = boot(k);
        Tcb root = k.ks.ksCurThread;
        SchedContext sc = root.tcbSchedContext;

        assertThat(root.tcbName).isEqualTo("rootserver");
        assertThat(root.tcbState).isSameAs(ThreadState.Running);
        assertThat(root.tcbPriority).isEqualTo(Config.seL4_MaxPrio);
        assertThat(root.tcbMCP).isEqualTo(Config.seL4_MaxPrio);
        assertThat(root.tcbQueued).isFalse();
        assertThat(root.tcbInReleaseQueue).isFalse();
        assertThat(root.tcbIPCBuffer).isEqualTo(bi.ipcBufferVaddr());
        assertThat(root.tcbArch.tcbContext.registers[Registers.NextIP]).isZero();
        assertThat(root.tcbArch.tcbContext.registers[Registers.capRegister]).isEqualTo(Boot.BOOT_INFO_VADDR);
        assertThat(k.ks.ksCurSC).isSameAs(sc);
        assertThat(sc.scTcb).isSameAs(root);
        assertThat(sc.scRefillMax).as("active").isEqualTo(Config.minRefills);
        assertThat(sc.scPeriod).as("round robin").isZero();
        assertThat(sc.rAmount[sc.scRefillHead]).isEqualTo(k.config.usToTicks(k.config.bootTimeSliceUs()));
        assertThat(sc.rTime[sc.scRefillHead]).isZero();
        assertThat(sc.rAmount[sc.scRefillTail]).as("empty round-robin tail").isZero();
        assertThat(k.ks.ksSchedulerAction).isSameAs(SchedulerAction.ResumeCurrentThread);
        assertThat(k.machine.timer().getDeadline()).as("deadline at the end of the timeslice").isEqualTo(5_000);
        assertThat(k.ks.ksReprogram).isFalse();
        assertThat(k.ks.ksReleaseQueue.isEmpty()).isTrue();
        for (long l1 : k.ks.ksReadyQueuesL1Bitmap) {
            assertThat(l1).isZero();
        }
    }

    @Test
    void theIdleThreadHasItsOwnSc() {
        Kernel k = new Kernel(Config.aarch64());
        boot(k);
        Tcb idle = k.ks.ksIdleThread;
        assertThat(idle.tcbState).isSameAs(ThreadState.IdleThreadState);
        assertThat(idle.tcbPriority).isZero();
        assertThat(idle.tcbSchedContext).isSameAs(k.ks.ksIdleSC);
        assertThat(k.ks.ksIdleSC.scTcb).isSameAs(idle);
        assertThat(k.ks.ksIdleSC.scRefillMax).isPositive();
        assertThat(k.ks.ksPSpace.get(idle.ptr())).isSameAs(idle);
        assertThat(k.ks.ksPSpace.get(k.ks.ksIdleSC.ptr())).isSameAs(k.ks.ksIdleSC);
    }

    @Test
    void untypedsCoverTheFreeMemoryDisjointlyAndIncludeOneDeviceUntyped() {
        Kernel k = new Kernel(Config.aarch64());
        BootInfo bi = boot(k);
        List<BootInfo.UntypedDesc> uts = bi.untypedList();

        assertThat(uts).hasSize(bi.untyped().size());
        assertThat(uts.stream().filter(BootInfo.UntypedDesc::isDevice).count()).isEqualTo(1);
        List<long[]> ranges = new ArrayList<>();
        for (BootInfo.UntypedDesc d : uts) {
            UntypedCap cap = (UntypedCap) slot(k, d.slot()).cap;
            assertThat(cap).isEqualTo(new UntypedCap(d.paddr(), d.sizeBits(), d.isDevice(), 0));
            assertThat(d.sizeBits()).isBetween(Config.seL4_MinUntypedBits, Config.seL4_MaxUntypedBits);
            assertThat(d.paddr() & ((1L << d.sizeBits()) - 1)).as("naturally aligned").isZero();
            assertThat(slot(k, d.slot()).mdbPrev).isNull();
            assertThat(slot(k, d.slot()).mdbNext).isNull();
            ranges.add(new long[] {d.paddr(), d.end()});
        }
        for (int i = 0; i < ranges.size(); i++) {
            for (int j = i + 1; j < ranges.size(); j++) {
                boolean disjoint = ranges.get(i)[1] <= ranges.get(j)[0] || ranges.get(j)[1] <= ranges.get(i)[0];
                assertThat(disjoint).as("untypeds %d and %d", i, j).isTrue();
            }
        }
        long ramEnd = Boot.RAM_BASE + (1L << Boot.RAM_SIZE_BITS);
        long ramUntyped = uts.stream().filter(d -> !d.isDevice()).mapToLong(d -> d.end() - d.paddr()).sum();
        long objectsEnd = 0;
        for (KernelObject o : k.ks.ksPSpace.all()) {
            objectsEnd = Math.max(objectsEnd, o.end() + 1);
            for (BootInfo.UntypedDesc d : uts) {
                assertThat(o.end() < d.paddr() || o.ptr() >= d.end()).as("%s inside an untyped", o).isTrue();
            }
        }
        assertThat(ramUntyped).as("all RAM after the boot objects").isEqualTo(ramEnd - objectsEnd);
    }

    @Test
    void interruptStatesAndMasks() {
        Kernel k = new Kernel(Config.aarch64());
        BootInfo bi = boot(k);
        Config c = k.config;
        assertThat(k.ks.intStateIRQTable[c.timerIrq()]).isEqualTo(IRQState.IRQTimer);
        assertThat(k.ks.intStateIRQTable[c.vgicMaintenanceIrq()]).isEqualTo(IRQState.IRQReserved);
        assertThat(k.ks.intStateIRQTable[c.vtimerIrq()]).isEqualTo(IRQState.IRQReserved);
        assertThat(k.machine.irq().isMasked(c.timerIrq())).isFalse();
        assertThat(k.machine.irq().isMasked(c.vtimerIrq())).isFalse();
        assertThat(k.ks.intStateIRQTable[40]).isEqualTo(IRQState.IRQInactive);
        assertThat(k.machine.irq().isMasked(40)).isTrue();
        assertThat(bi.timerIrq()).isEqualTo(26);
        assertThat(bi.vgicMaintenanceIrq()).isEqualTo(25);
        assertThat(bi.vtimerIrq()).isEqualTo(27);

        Kernel x = new Kernel(Config.x86_64());
        BootInfo xbi = boot(x);
        assertThat(x.ks.intStateIRQTable[25]).isEqualTo(IRQState.IRQInactive);
        assertThat(x.ks.intStateIRQTable[27]).isEqualTo(IRQState.IRQInactive);
        assertThat(xbi.vgicMaintenanceIrq()).isEqualTo(-1);
        assertThat(xbi.vtimerIrq()).isEqualTo(-1);
    }

    @Test
    void domainSchedules() {
        Kernel one = new Kernel(Config.aarch64());
        boot(one);
        assertThat(one.ks.ksDomSchedule).containsExactly(
                new DomainScheduleEntry(0, Boot.DSCHED_MAX_DURATION), new DomainScheduleEntry(0, 0));
        assertThat(one.ks.ksCurDomain).isZero();
        assertThat(one.ks.ksDomainTime).isEqualTo(Boot.DSCHED_MAX_DURATION);

        Kernel two = new Kernel(Config.aarch64().toBuilder().numDomains(2).build());
        boot(two);
        assertThat(two.ks.ksDomSchedule).hasSize(Boot.DOM_SCHEDULE_LENGTH_MULTI);
        assertThat(two.ks.ksDomSchedule.subList(0, 3)).containsExactly(
                new DomainScheduleEntry(0, Boot.DEFAULT_DOMAIN_TICKS), new DomainScheduleEntry(1, Boot.DEFAULT_DOMAIN_TICKS),
                new DomainScheduleEntry(0, 0));
        assertThat(two.ks.ksDomainTime).isEqualTo(Boot.DEFAULT_DOMAIN_TICKS);
        assertThat(two.machine.timer().getDeadline()).as("min(timeslice, domain time)").isEqualTo(5_000);
    }

    @Test
    void everyBootObjectIsInThePhysicalSpace() {
        Kernel k = new Kernel(Config.aarch64());
        boot(k);
        Tcb root = k.ks.ksCurThread;
        assertThat(k.ks.ksPSpace.get(root.ptr())).isSameAs(root);
        assertThat(k.ks.ksPSpace.get(root.tcbSchedContext.ptr())).isSameAs(root.tcbSchedContext);
        CNode cnode = ((CNodeCap) root.tcbCTE[Tcb.tcbCTable].cap).cnode();
        assertThat(k.ks.ksPSpace.get(cnode.ptr())).isSameAs(cnode);
        FrameCap ipc = (FrameCap) slot(k, BootInfoSlots.seL4_CapInitThreadIPCBuffer).cap;
        assertThat(k.ks.ksPSpace.get(ipc.frame().ptr())).isSameAs(ipc.frame());
        assertThat(k.ks.ksPSpace.size()).isEqualTo(7);
    }

    @Test
    void aKernelBootsOnce() {
        Kernel k = new Kernel(Config.aarch64());
        boot(k);
        assertThatThrownBy(() -> boot(k)).isInstanceOf(IllegalStateException.class).hasMessageContaining("already booted");
    }
}
