// contract: the AArch64 stage-2 page-table walk translates user addresses through real VSpace roots and tables, honours mapping rights, and map / unmap / delete operations change what user level can reach.
package sel4.arch.aarch64;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import sel4.api.Event;
import sel4.api.ExceptionT;
import sel4.api.Fault;
import sel4.arch.UserMapping;
import sel4.arch.common.PageTable;
import sel4.object.cap.FrameCap;
import sel4.object.cap.VMRights;
import sel4.object.cnode.Cte;
import sel4.object.tcb.Tcb;

class ArmVSpaceWalkTest {
    private final ArmKit kit = new ArmKit();
    private final Tcb t = kit.ct;

    @Test
    void walkReachesTheMappedFrameWordForWord() {
        Cte vs = kit.vspace(1);
        kit.useVSpace(t, vs);
        Cte f = kit.slot(kit.smallFrame());
        kit.map(vs, f, 0x4000_2000L, VMRights.VMReadWrite);

        UserMapping m = kit.arch.userTranslate(t, 0x4000_2018L, true);
        assertThat(m).isNotNull();
        assertThat(m.frame()).isSameAs(((FrameCap) f.cap).frame());
        assertThat(m.wordIndex()).isEqualTo(3);
        assertThat(kit.arch.userTranslate(t, 0x4000_3000L, false)).as("next page unmapped").isNull();
    }

    @Test
    void lookupPTSlotReportsTheSizeEachLevelMaps() {
        Cte vs = kit.vspace(1);
        PageTable root = ((PageTableCap) vs.cap).pt();
        assertThat(kit.arch.vspace.lookupPTSlot(root, 0x1234_5678L).ptBitsLeft()).isEqualTo(30);
        kit.map(vs, kit.slot(kit.smallFrame()), 0x1234_5000L, VMRights.VMReadWrite);
        assertThat(kit.arch.vspace.lookupPTSlot(root, 0x1234_5678L).ptBitsLeft()).isEqualTo(12);
        assertThat(kit.arch.vspace.lookupPTSlot(root, 0x1240_0000L).ptBitsLeft()).as("other 2M region").isEqualTo(21);
    }

    @Test
    void largeAndHugePagesMapAtTheirLevels() {
        Cte vs = kit.vspace(1);
        kit.useVSpace(t, vs);
        FrameCap large = kit.frame(ArmObjectTypes.seL4_ARM_LargePageObject, false);
        FrameCap huge = kit.frame(ArmObjectTypes.seL4_ARM_HugePageObject, false);
        kit.map(vs, kit.slot(large), 0x20_0000L, VMRights.VMReadWrite);
        kit.map(vs, kit.slot(huge), 0x80_0000_0000L - 0x4000_0000L, VMRights.VMReadOnly);
        assertThat(kit.arch.userTranslate(t, 0x20_0000L + 0x1f_fff8L, false).wordIndex()).isEqualTo(0x1f_fff8L / 8);
        UserMapping h = kit.arch.userTranslate(t, 0x80_0000_0000L - 8, false);
        assertThat(h.frame()).isSameAs(huge.frame());
        assertThat(h.wordIndex()).isEqualTo((0x4000_0000L - 8) / 8);
    }

    @Test
    void rightsDecideWhichAccessesFault() {
        Cte vs = kit.vspace(1);
        kit.useVSpace(t, vs);
        kit.map(vs, kit.slot(kit.smallFrame()), 0x1000, VMRights.VMReadOnly);
        kit.map(vs, kit.slot(kit.smallFrame()), 0x2000, VMRights.VMKernelOnly);
        assertThat(kit.arch.userTranslate(t, 0x1000, false)).isNotNull();
        assertThat(kit.arch.userTranslate(t, 0x1000, true)).as("write to read-only").isNull();
        assertThat(kit.arch.userTranslate(t, 0x2000, false)).as("kernel-only").isNull();
    }

    @Test
    void noValidVSpaceMeansEveryAccessFaults() {
        assertThat(kit.arch.userTranslate(t, 0x1000, false)).as("empty VTable slot").isNull();
        Cte vs = kit.vspace(1);
        kit.map(vs, kit.slot(kit.smallFrame()), 0x1000, VMRights.VMReadWrite);
        t.tcbCTE[Tcb.tcbVTable].cap = ((PageTableCap) vs.cap).withoutMapping();
        assertThat(kit.arch.userTranslate(t, 0x1000, false)).as("root without ASID").isNull();
        kit.useVSpace(t, vs);
        assertThat(kit.arch.userTranslate(t, 0x1000, false)).isNotNull();
        kit.arch.asids.deleteASID(1, ((PageTableCap) vs.cap).pt());
        assertThat(kit.arch.userTranslate(t, 0x1000, false)).as("ASID deleted").isNull();
        assertThat(kit.arch.userTranslate(t, ArmLayout.USER_TOP + 1, false)).isNull();
    }

    @Test
    void unmapPageRemovesOnlyAMappingThatIsStillCurrent() {
        Cte vs = kit.vspace(1);
        kit.useVSpace(t, vs);
        Cte a = kit.slot(kit.smallFrame());
        kit.map(vs, a, 0x5000, VMRights.VMReadWrite);
        FrameCap other = kit.smallFrame();
        // A stale cap naming a different frame at the same address must not unmap it.
        kit.arch.vspace.unmapPage(12, 1, 0x5000, other.frame().ptr());
        assertThat(kit.arch.userTranslate(t, 0x5000, false)).isNotNull();
        // Wrong size: nothing happens either.
        kit.arch.vspace.unmapPage(21, 1, 0x5000, ((FrameCap) a.cap).frame().ptr());
        assertThat(kit.arch.userTranslate(t, 0x5000, false)).isNotNull();

        kit.arch.vspaceInvocations.performPageInvocationUnmap((FrameCap) a.cap, a);
        assertThat(kit.arch.userTranslate(t, 0x5000, false)).isNull();
        assertThat(((FrameCap) a.cap).isMapped()).isFalse();
        assertThat(((FrameCap) a.cap).mappedAddress()).isZero();
    }

    @Test
    void unmappingAPageTableCutsOffEverythingBelowIt() {
        Cte vs = kit.vspace(1);
        kit.useVSpace(t, vs);
        kit.map(vs, kit.slot(kit.smallFrame()), 0x60_1000L, VMRights.VMReadWrite);
        PageTable root = ((PageTableCap) vs.cap).pt();
        VSpace.LookupPTSlotRet l1 = kit.arch.vspace.lookupPTSlot(root, 0x60_1000L);
        PageTable leaf = l1.table();
        // The leaf table hangs off a level-1 table: find the cap-less path and unmap the leaf.
        kit.arch.vspace.unmapPageTable(1, 0x60_0000L, leaf);
        assertThat(kit.arch.userTranslate(t, 0x60_1000L, false)).isNull();
        assertThat(kit.arch.vspace.lookupPTSlot(root, 0x60_1000L).ptBitsLeft()).isEqualTo(21);
    }

    @Test
    void pageTableUnmapClearsTheTableAndTheCapsMapping() {
        Cte vs = kit.vspace(1);
        kit.useVSpace(t, vs);
        PageTable root = ((PageTableCap) vs.cap).pt();
        PageTableCap l1 = (PageTableCap) kit.arch.Arch_createObject(ArmObjectTypes.seL4_ARM_PageTableObject,
                sel4.arch.ArchTestSupport.addr(12), 0, false);
        Cte l1Slot = kit.slot(l1);
        VSpace.LookupPTSlotRet lu = kit.arch.vspace.lookupPTSlot(root, 0x8000_0000L);
        kit.arch.vspaceInvocations.performPageTableInvocationMap(l1.withMapping(1, 0x8000_0000L), l1Slot,
                new sel4.arch.common.Pte.TablePte(l1.pt()), lu);
        kit.map(vs, kit.slot(kit.frame(ArmObjectTypes.seL4_ARM_LargePageObject, false)), 0x8020_0000L,
                VMRights.VMReadWrite);
        assertThat(kit.arch.userTranslate(t, 0x8020_0000L, false)).isNotNull();

        kit.arch.vspaceInvocations.performPageTableInvocationUnmap((PageTableCap) l1Slot.cap, l1Slot);
        assertThat(kit.arch.userTranslate(t, 0x8020_0000L, false)).isNull();
        assertThat(l1.pt().validEntries()).as("clearMemory_PT").isZero();
        assertThat(((PageTableCap) l1Slot.cap).isMapped()).isFalse();
    }

    @Test
    void setVMRootInstallsTheRootWithItsVmidOrTheEmptyGlobalSpace() {
        Cte vs = kit.vspace(3);
        kit.useVSpace(t, vs);
        kit.arch.vspace.setVMRoot(t);
        assertThat(kit.hw.currentVSpaceRoot()).isSameAs(((PageTableCap) vs.cap).pt());
        int vmid = kit.hw.currentVmid();
        assertThat(kit.arch.asids.findMapForASID(3).storedHwVmid()).isEqualTo(vmid);

        Tcb native0 = new Tcb(sel4.arch.ArchTestSupport.addr(11), 0);
        kit.arch.vspace.setVMRoot(native0);
        assertThat(kit.hw.currentVSpaceRoot()).isSameAs(kit.state.armKSGlobalUserVSpace);
    }

    @Test
    void dataAbortReportsFarAndPrefetchAbortTheRestartPc() {
        sel4.kernel.KernelModule.setRegister(t, sel4.machine.Registers.FaultIP, 0x4242);
        assertThat(kit.arch.handleVMFault(t, Event.VMFaultType.seL4_DataFault, 0xdead0, 0x93))
                .isEqualTo(ExceptionT.EXCEPTION_FAULT);
        assertThat(kit.k.ks.current_fault).isEqualTo(new Fault.VMFault(0xdead0, 0x93, false));
        kit.arch.handleVMFault(t, Event.VMFaultType.seL4_InstructionFault, 0x9999, 0x82);
        assertThat(kit.k.ks.current_fault).isEqualTo(new Fault.VMFault(0x4242, 0x82, true));
    }
}
