// contract: x86_64 subset objects have seL4's type numbers and sizes; a new VT-x VCPU comes up with its fixed controls, all ports trapping and its VMCS current; x86 caps derive, compare and revoke as in seL4's x86 objecttype.c.
package sel4.arch.x86_64;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import sel4.api.ExceptionT;
import sel4.api.ObjectTypes;
import sel4.api.SyscallError;
import sel4.arch.ArchTestSupport;
import sel4.arch.common.ASIDControlCap;
import sel4.arch.common.PageTable;
import sel4.object.ObjectType;
import sel4.object.cap.CapRights;
import sel4.object.cap.FrameCap;
import sel4.object.cap.NullCap;
import sel4.object.cap.VMRights;
import sel4.object.tcb.Tcb;

class X86ArchObjectsTest {
    private final X86Kit kit = new X86Kit();

    @Test
    void typeNumbersAndSizes() {
        assertThat(X86Layout.seL4_X86_PDPTObject).isEqualTo(ObjectTypes.seL4_NonArchObjectTypeCount);
        assertThat(new int[] {X86Layout.seL4_X64_PML4Object, X86Layout.seL4_X64_HugePageObject, X86Layout.seL4_X86_4K,
            X86Layout.seL4_X86_LargePageObject, X86Layout.seL4_X86_PageTableObject,
            X86Layout.seL4_X86_PageDirectoryObject, X86Layout.seL4_X86_VCPUObject}).containsExactly(8, 9, 10, 11, 12, 13, 14);
        assertThat(kit.arch.Arch_getObjectSize(X86Layout.seL4_X86_4K)).isEqualTo(12);
        assertThat(kit.arch.Arch_getObjectSize(X86Layout.seL4_X86_LargePageObject)).isEqualTo(21);
        assertThat(kit.arch.Arch_getObjectSize(X86Layout.seL4_X64_HugePageObject)).isEqualTo(30);
        assertThat(kit.arch.Arch_getObjectSize(X86Layout.seL4_X64_PML4Object)).isEqualTo(12);
        assertThat(kit.arch.Arch_getObjectSize(X86Layout.seL4_X86_VCPUObject)).isEqualTo(14);
        assertThat(kit.arch.Arch_getObjectSize(X86Layout.seL4_ObjectTypeCount)).isEqualTo(-1);
        assertThat(kit.arch.Arch_getObjectSize(ObjectTypes.seL4_EndpointObject)).isEqualTo(-1);
        assertThat(kit.arch.Arch_isFrameType(X86Layout.seL4_X64_HugePageObject)).isTrue();
        assertThat(kit.arch.Arch_isFrameType(X86Layout.seL4_X86_PageTableObject)).isFalse();
    }

    @Test
    void pagingStructuresAreCreatedPerLevel() {
        X86PageTableCap pd = (X86PageTableCap) kit.arch.Arch_createObject(X86Layout.seL4_X86_PageDirectoryObject,
                ArchTestSupport.addr(12), 0, false);
        assertThat(pd.pt().ptType()).isEqualTo(PageTable.PtType.X86_PageDirectory);
        assertThat(pd.pt().numEntries()).isEqualTo(512);
        assertThat(kit.k.ks.ksPSpace.get(pd.pt().ptr())).isSameAs(pd.pt());
        assertThat(pd.isMapped()).isFalse();
    }

    @Test
    void newVcpuIsInitialisedAndCurrent() {
        X86Vcpu v = kit.vcpu();
        assertThat(kit.state.x86KSCurrentVCPU).isSameAs(v);
        assertThat(kit.hw.vmx().currentVmcs()).isSameAs(v);
        assertThat(v.cr0).isEqualTo(VmxHardware.cr0_high & VmxHardware.cr0_low);
        assertThat(v.vmcs.get(VmcsFields.VMX_CONTROL_ENTRY_CONTROLS) & (1L << 9)).as("IA-32e guest").isNotZero();
        assertThat(v.vmcs.get(VmcsFields.VMX_GUEST_CR0)).isEqualTo(v.cr0);
        assertThat(v.portTraps(0)).isTrue();
        assertThat(v.portTraps(0xffff)).isTrue();
        assertThat(v.vpid).isEqualTo(X86Vcpu.VPID_INVALID);
        assertThat(v.vcpuTCB).isNull();
    }

    @Test
    void derivation() {
        X86PageTableCap root = kit.pml4(1);
        assertThat(kit.arch.Arch_deriveCap(null, root).cap()).isSameAs(root);
        ObjectType.DeriveCapRet bad = kit.arch.Arch_deriveCap(null, X86PageTableCap.unmapped(root.pt()));
        assertThat(bad.status()).isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
        assertThat(kit.k.ks.current_syscall_error.type()).isEqualTo(SyscallError.seL4_IllegalOperation);
        FrameCap f = kit.smallFrame().withMapping(1, 0x1000);
        assertThat(((FrameCap) kit.arch.Arch_deriveCap(null, f).cap()).isMapped()).isFalse();
        assertThat(kit.arch.Arch_deriveCap(null, new IOPortControlCap()).cap()).isEqualTo(NullCap.INSTANCE);
        assertThat(kit.arch.Arch_deriveCap(null, new IOPortCap(1, 2, 0)).cap()).isEqualTo(new IOPortCap(1, 2, 0));
        assertThat(kit.arch.Arch_deriveCap(null, new ASIDControlCap()).cap()).isEqualTo(new ASIDControlCap());
    }

    @Test
    void comparisonsAndRevocability() {
        assertThat(kit.arch.Arch_sameRegionAs(new IOPortControlCap(), new IOPortCap(1, 2, 0))).isTrue();
        assertThat(kit.arch.Arch_sameObjectAs(new IOPortControlCap(), new IOPortCap(1, 2, 0))).isFalse();
        assertThat(kit.arch.Arch_sameRegionAs(new IOPortCap(1, 2, 0), new IOPortCap(1, 2, 5))).isTrue();
        assertThat(kit.arch.Arch_sameRegionAs(new IOPortCap(1, 2, 0), new IOPortCap(1, 3, 0))).isFalse();
        assertThat(kit.arch.Arch_isCapRevocable(new IOPortCap(1, 2, 0), new IOPortControlCap())).isTrue();
        assertThat(kit.arch.Arch_isCapRevocable(new IOPortCap(1, 2, 0), new IOPortCap(1, 2, 0))).isFalse();
        X86Vcpu v = kit.vcpu();
        assertThat(kit.arch.Arch_sameObjectAs(new X86VCPUCap(v), new X86VCPUCap(v))).isTrue();
        assertThat(kit.arch.cap_get_archCapPtr(new X86VCPUCap(v))).isEqualTo(v.ptr());
        assertThat(kit.arch.cap_get_archCapSizeBits(new X86VCPUCap(v))).isEqualTo(14);
        FrameCap f = kit.smallFrame();
        assertThat(((FrameCap) kit.arch.Arch_maskCapRights(new CapRights(false, false, true, false), f)).vmRights())
                .isEqualTo(VMRights.VMReadOnly);
        assertThat(kit.arch.Arch_updateCapData(false, 9, f)).isSameAs(f);
    }

    @Test
    void finalisingAVcpuUnloadsItAndDropsItsThread() {
        X86Vcpu v = kit.vcpu();
        Tcb t = new Tcb(ArchTestSupport.addr(11), 0);
        kit.arch.vcpus.associateVcpuTcb(t, v);
        kit.arch.Arch_finaliseCap(new X86VCPUCap(v), true);
        assertThat(kit.state.x86KSCurrentVCPU).isNull();
        assertThat(kit.hw.vmx().currentVmcs()).isNull();
        assertThat(t.tcbArch.tcbVCPU).isNull();
        assertThat(v.vcpuTCB).isNull();
    }

    @Test
    void deletingAThreadDropsItsVcpuAssociation() {
        X86Vcpu v = kit.vcpu();
        Tcb t = new Tcb(ArchTestSupport.addr(11), 0);
        kit.arch.vcpus.associateVcpuTcb(t, v);
        kit.arch.Arch_prepareThreadDelete(t);
        assertThat(v.vcpuTCB).isNull();
        assertThat(t.tcbArch.tcbVCPU).isNull();
    }
}
