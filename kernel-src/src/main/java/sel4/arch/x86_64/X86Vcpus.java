package sel4.arch.x86_64;

import static sel4.arch.x86_64.VmcsFields.VMX_CONTROL_CR0_MASK;
import static sel4.arch.x86_64.VmcsFields.VMX_CONTROL_CR0_READ_SHADOW;
import static sel4.arch.x86_64.VmcsFields.VMX_CONTROL_ENTRY_CONTROLS;
import static sel4.arch.x86_64.VmcsFields.VMX_CONTROL_EXCEPTION_BITMAP;
import static sel4.arch.x86_64.VmcsFields.VMX_CONTROL_EXIT_CONTROLS;
import static sel4.arch.x86_64.VmcsFields.VMX_CONTROL_IOA_ADDRESS;
import static sel4.arch.x86_64.VmcsFields.VMX_CONTROL_IOB_ADDRESS;
import static sel4.arch.x86_64.VmcsFields.VMX_CONTROL_PIN_EXECUTION_CONTROLS;
import static sel4.arch.x86_64.VmcsFields.VMX_CONTROL_PRIMARY_PROCESSOR_CONTROLS;
import static sel4.arch.x86_64.VmcsFields.VMX_CONTROL_SECONDARY_PROCESSOR_CONTROLS;
import static sel4.arch.x86_64.VmcsFields.VMX_GUEST_CR0;
import static sel4.arch.x86_64.VmcsFields.VMX_GUEST_CR4;
import static sel4.arch.x86_64.VmcsFields.VMX_GUEST_VMCS_LINK_POINTER;
import static sel4.arch.x86_64.VmcsFields.VMX_GUEST_VMCS_LINK_POINTER_HIGH;
import static sel4.arch.x86_64.VmxHardware.cr0_high;
import static sel4.arch.x86_64.VmxHardware.cr0_low;
import static sel4.arch.x86_64.VmxHardware.cr4_high;
import static sel4.arch.x86_64.VmxHardware.cr4_low;

import java.util.Arrays;
import sel4.object.tcb.Tcb;

/**
 * Models the VT-x VCPU core of seL4's src/arch/x86/object/vcpu.c: VCPU initialisation, making a
 * VCPU's VMCS current, VMCS field reads that prefer the values the VCPU owner asked for, the
 * VCPU-TCB association and finalisation, and the VPID side of I/O port permissions.
 */
public final class X86Vcpus extends X86Module {
    X86Vcpus(X86_64 arch) {
        super(arch);
    }

    /** applyFixedBits: force the bits the CPU requires and clear those it does not support. */
    public static long applyFixedBits(long original, long high, long low) {
        original |= high;
        original &= low;
        return original;
    }

    /** switchVCPU: vmptrld the VCPU's VMCS and remember it as current. */
    public void switchVCPU(X86Vcpu vcpu) {
        hw.vmx().vmptrld(vcpu);
        state.x86KSCurrentVCPU = vcpu;
    }

    /** clearCurrentVCPU: vmclear; no VCPU is current. */
    public void clearCurrentVCPU() {
        if (state.x86KSCurrentVCPU != null) {
            hw.vmx().vmclear();
            state.x86KSCurrentVCPU = null;
        }
    }

    public long vmread(long field) {
        return hw.vmx().vmread(field);
    }

    public void vmwrite(long field, long value) {
        hw.vmx().vmwrite(field, value);
    }

    /**
     * vcpu_init: a fresh VCPU with the fixed control settings, a CR0 honouring the fixed bits,
     * every I/O port trapping, and its VMCS left current (as seL4 does).
     */
    public void vcpu_init(X86Vcpu vcpu) {
        vcpu.vcpuTCB = null;
        vcpu.launched = false;
        vcpu.fpu_active = false;
        vcpu.cr0 = cr0_high & cr0_low;
        vcpu.cr0_shadow = 0;
        vcpu.cr0_mask = 0;
        vcpu.exception_bitmap = 0;
        vcpu.vpid = X86Vcpu.VPID_INVALID;

        switchVCPU(vcpu);

        vmwrite(VMX_CONTROL_PIN_EXECUTION_CONTROLS, VmxHardware.pin_control_high & VmxHardware.pin_control_low);
        vmwrite(VMX_CONTROL_PRIMARY_PROCESSOR_CONTROLS,
                VmxHardware.primary_control_high & VmxHardware.primary_control_low);
        vmwrite(VMX_CONTROL_SECONDARY_PROCESSOR_CONTROLS,
                VmxHardware.secondary_control_high & VmxHardware.secondary_control_low);
        vmwrite(VMX_CONTROL_EXIT_CONTROLS, VmxHardware.exit_control_high & VmxHardware.exit_control_low);
        // IA-32e guest mode after VM entry (64-bit guests), which the VCPU owner may clear.
        vmwrite(VMX_CONTROL_ENTRY_CONTROLS, (VmxHardware.entry_control_high & VmxHardware.entry_control_low) | (1L << 9));
        vmwrite(VMX_GUEST_CR0, vcpu.cr0);
        vmwrite(VMX_GUEST_CR4, cr4_high & cr4_low);
        vmwrite(VMX_GUEST_VMCS_LINK_POINTER, -1L);
        vmwrite(VMX_GUEST_VMCS_LINK_POINTER_HIGH, -1L);

        Arrays.fill(vcpu.io, -1L);
        long ioBase = X86Layout.pptr_to_paddr(vcpu.ptr()) + 4096;
        vmwrite(VMX_CONTROL_IOA_ADDRESS, ioBase);
        vmwrite(VMX_CONTROL_IOB_ADDRESS, ioBase + X86Vcpu.VCPU_IOBITMAP_SIZE / 2);
    }

    /**
     * readVMCSField: CR0, its mask and shadow and the exception bitmap are answered from what the
     * owner asked for (the VMCS may hold adjusted values); other fields come from the VMCS.
     */
    public long readVMCSField(X86Vcpu vcpu, long field) {
        if (field == VMX_CONTROL_EXCEPTION_BITMAP) {
            return vcpu.exception_bitmap;
        } else if (field == VMX_GUEST_CR0) {
            return vcpu.cr0;
        } else if (field == VMX_CONTROL_CR0_MASK) {
            return vcpu.cr0_mask;
        } else if (field == VMX_CONTROL_CR0_READ_SHADOW) {
            return vcpu.cr0_shadow;
        }
        if (state.x86KSCurrentVCPU != vcpu) {
            switchVCPU(vcpu);
        }
        return vmread(field);
    }

    public void dissociateVcpuTcb(Tcb tcb, X86Vcpu vcpu) {
        assertion(tcb.tcbArch.tcbVCPU == vcpu && vcpu.vcpuTCB == tcb, "dissociateVcpuTcb: associated", tcb);
        vcpu.fpu_active = false;
        tcb.tcbArch.tcbVCPU = null;
        vcpu.vcpuTCB = null;
    }

    public void associateVcpuTcb(Tcb tcb, X86Vcpu vcpu) {
        if (tcb.tcbArch.tcbVCPU instanceof X86Vcpu old) {
            dissociateVcpuTcb(tcb, old);
        }
        if (vcpu.vcpuTCB != null) {
            dissociateVcpuTcb(vcpu.vcpuTCB, vcpu);
        }
        vcpu.vcpuTCB = tcb;
        tcb.tcbArch.tcbVCPU = vcpu;
    }

    /** vcpu_finalise: unload the VMCS if current, then drop the TCB association. */
    public void vcpu_finalise(X86Vcpu vcpu) {
        if (state.x86KSCurrentVCPU == vcpu) {
            clearCurrentVCPU();
        }
        if (vcpu.vcpuTCB != null) {
            dissociateVcpuTcb(vcpu.vcpuTCB, vcpu);
        }
    }

    /**
     * clearVPIDIOPortMappings: the VCPU holding {@code vpid} traps ports first..last again. VPIDs
     * are assigned on VM entry, outside the subset, so no VCPU holds one in the model.
     */
    public void clearVPIDIOPortMappings(int vpid, int first, int last) {
        if (vpid == X86Vcpu.VPID_INVALID || vpid >= state.x86KSVPIDTable.length) {
            return;
        }
        X86Vcpu vcpu = state.x86KSVPIDTable[vpid];
        if (vcpu == null) {
            return;
        }
        IoPorts.setIOPortMask(vcpu.io, first, last, true);
    }

    static long cr4Fixed(long value) {
        return applyFixedBits(value, cr4_high, cr4_low);
    }

    static long cr0Fixed(long value) {
        return applyFixedBits(value, cr0_high, cr0_low);
    }
}
