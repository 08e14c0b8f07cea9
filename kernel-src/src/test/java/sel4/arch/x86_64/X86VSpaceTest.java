// contract: on x86_64 lookupIPCBuffer applies seL4's rights rule, the four-level walk of the thread's PML4 translates user accesses honouring rights, and ASID deletion and unmapping cut translations off.
package sel4.arch.x86_64;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import sel4.api.Event;
import sel4.api.ExceptionT;
import sel4.api.Fault;
import sel4.arch.ArchTestSupport;
import sel4.arch.UserMapping;
import sel4.arch.common.PageTable;
import sel4.object.cap.FrameCap;
import sel4.object.cap.VMRights;
import sel4.object.tcb.Tcb;

class X86VSpaceTest {
    private final X86Kit kit = new X86Kit();
    private final Tcb t = kit.ct;

    @Test
    void ipcBufferRightsRule() {
        FrameCap f = kit.smallFrame();
        t.tcbIPCBuffer = 0x7f00_0c00L;
        t.tcbCTE[Tcb.tcbBuffer].cap = f;
        assertThat(kit.arch.lookupIPCBuffer(true, t).baseWord()).isEqualTo(0xc00 / 8);
        t.tcbCTE[Tcb.tcbBuffer].cap = f.withRights(VMRights.VMReadOnly);
        assertThat(kit.arch.lookupIPCBuffer(false, t)).isNotNull();
        assertThat(kit.arch.lookupIPCBuffer(true, t)).isNull();
        t.tcbCTE[Tcb.tcbBuffer].cap = kit.frame(X86Layout.seL4_X86_4K, true);
        assertThat(kit.arch.lookupIPCBuffer(false, t)).isNull();
        t.tcbCTE[Tcb.tcbBuffer].cap = new IOPortCap(1, 2, 0);
        assertThat(kit.arch.lookupIPCBuffer(false, t)).isNull();
    }

    @Test
    void fourLevelWalkWithAllPageSizes() {
        X86PageTableCap root = kit.pml4(1);
        t.tcbCTE[Tcb.tcbVTable].cap = root;
        FrameCap small = kit.smallFrame();
        FrameCap large = kit.frame(X86Layout.seL4_X86_LargePageObject, false);
        FrameCap huge = kit.frame(X86Layout.seL4_X64_HugePageObject, false);
        kit.map(root, small, 0x40_1000L, VMRights.VMReadWrite);
        kit.map(root, large, 0x80_0000L, VMRights.VMReadWrite);
        kit.map(root, huge, 0x40_0000_0000L, VMRights.VMReadOnly);
        UserMapping s = kit.arch.userTranslate(t, 0x40_1ff8L, true);
        assertThat(s.frame()).isSameAs(small.frame());
        assertThat(s.wordIndex()).isEqualTo(0xff8 / 8);
        assertThat(kit.arch.userTranslate(t, 0x80_0000L + 0x10_0000L, false).frame()).isSameAs(large.frame());
        assertThat(kit.arch.userTranslate(t, 0x40_0000_0000L + 0x3000_0000L, false).frame()).isSameAs(huge.frame());
        assertThat(kit.arch.userTranslate(t, 0x40_0000_0000L, true)).as("read-only huge page").isNull();
        assertThat(kit.arch.userTranslate(t, 0x40_2000L, false)).isNull();
        assertThat(kit.arch.userTranslate(t, X86Layout.USER_TOP + 1, false)).isNull();
        PageTable pml4 = root.pt();
        assertThat(kit.arch.vspace.lookupPTSlot(pml4, 0x40_1000L).ptBitsLeft()).isEqualTo(12);
        assertThat(kit.arch.vspace.lookupPTSlot(pml4, 0x1_0000_0000_0000L - 1).ptBitsLeft()).isEqualTo(39);
    }

    @Test
    void unmapAndAsidDeletionCutTranslationsOff() {
        X86PageTableCap root = kit.pml4(2);
        t.tcbCTE[Tcb.tcbVTable].cap = root;
        FrameCap a = kit.smallFrame();
        kit.map(root, a, 0x1000, VMRights.VMReadWrite);
        kit.map(root, kit.smallFrame(), 0x2000, VMRights.VMReadWrite);
        kit.arch.vspace.unmapPage(12, 2, 0x1000, kit.smallFrame().frame().ptr());
        assertThat(kit.arch.userTranslate(t, 0x1000, false)).as("stale frame: kept").isNotNull();
        kit.arch.Arch_finaliseCap(a.withMapping(2, 0x1000), false);
        assertThat(kit.arch.userTranslate(t, 0x1000, false)).isNull();
        assertThat(kit.arch.userTranslate(t, 0x2000, false)).isNotNull();

        PageTable pt = kit.arch.vspace.lookupPTSlot(root.pt(), 0x2000).table();
        kit.arch.Arch_finaliseCap(X86PageTableCap.unmapped(pt).withMapping(2, 0), true);
        assertThat(kit.arch.userTranslate(t, 0x2000, false)).as("page table unlinked").isNull();

        kit.map(root, kit.smallFrame(), 0x3000, VMRights.VMReadWrite);
        kit.arch.vspace.setVMRoot(t);
        assertThat(kit.hw.vmx().cr3Root()).isSameAs(root.pt());
        kit.arch.Arch_finaliseCap(root, true);
        assertThat(kit.arch.userTranslate(t, 0x3000, false)).isNull();
        assertThat(kit.hw.vmx().cr3Root()).as("kernel page tables").isNull();
    }

    @Test
    void vmFaultsCarryTheFaultAddressForDataAndInstructionFetches() {
        assertThat(kit.arch.handleVMFault(t, Event.VMFaultType.seL4_DataFault, 0x1234, 6)).isEqualTo(ExceptionT.EXCEPTION_FAULT);
        assertThat(kit.k.ks.current_fault).isEqualTo(new Fault.VMFault(0x1234, 6, false));
        kit.arch.handleVMFault(t, Event.VMFaultType.seL4_InstructionFault, 0x4000, 0x15);
        assertThat(kit.k.ks.current_fault).isEqualTo(new Fault.VMFault(0x4000, 0x15, true));
        Tcb receiver = new Tcb(ArchTestSupport.addr(11), 0);
        sel4.kernel.KernelModule.setRegister(t, sel4.machine.Registers.FaultIP, 0x4000);
        assertThat(kit.arch.Arch_setMRs_fault(t, receiver, null, kit.k.ks.current_fault)).isEqualTo(4);
        assertThat(ArchTestSupport.mr(receiver, 1)).isEqualTo(0x4000);
        assertThat(ArchTestSupport.mr(receiver, 2)).isEqualTo(1);
        assertThat(kit.arch.Arch_handleFaultReply(t, receiver, kit.k.ks.current_fault, 0)).isTrue();
    }

    @Test
    void hypervisorTrapsOnX86AreUserExceptions() {
        kit.arch.handleVCPUFault(0x1e);
        assertThat(kit.k.ks.current_fault).isEqualTo(new Fault.UserException(0x1e, 0));
    }

    @Test
    void threadSwitchInstallsTheVSpaceAndIdleUsesTheKernels() {
        X86PageTableCap root = kit.pml4(7);
        t.tcbCTE[Tcb.tcbVTable].cap = root;
        kit.arch.Arch_switchToThread(t);
        assertThat(kit.hw.vmx().cr3Root()).isSameAs(root.pt());
        assertThat(kit.hw.vmx().cr3Asid()).isEqualTo(7);
        kit.k.ks.ksIdleThread = new Tcb(ArchTestSupport.addr(11), 0);
        kit.arch.Arch_switchToIdleThread();
        assertThat(kit.hw.vmx().cr3Root()).isNull();
    }
}
