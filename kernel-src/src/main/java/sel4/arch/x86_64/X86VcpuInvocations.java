package sel4.arch.x86_64;

import static sel4.api.ExceptionT.EXCEPTION_NONE;
import static sel4.api.MessageInfo.seL4_MessageInfo_new;
import static sel4.api.MessageInfo.wordFromMessageInfo;
import static sel4.arch.x86_64.VmcsFields.IA32_CSTAR_MSR;
import static sel4.arch.x86_64.VmcsFields.IA32_FMASK_MSR;
import static sel4.arch.x86_64.VmcsFields.IA32_LSTAR_MSR;
import static sel4.arch.x86_64.VmcsFields.IA32_STAR_MSR;
import static sel4.arch.x86_64.VmcsFields.IA32_VMX_MISC_MSR;
import static sel4.machine.Registers.msgInfoRegister;

import sel4.api.ExceptionT;
import sel4.api.SyscallError;
import sel4.object.cap.Cap;
import sel4.object.cap.ThreadCap;
import sel4.object.cnode.Cte;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;

/**
 * Models the VT-x VCPU invocations of seL4's src/arch/x86/object/vcpu.c: SetTCB, ReadVMCS,
 * WriteVMCS, EnableIOPort, DisableIOPort, WriteRegisters, ReadMSR and WriteMSR.
 *
 * <p>Legacy forms (LEGACY-REPLY-BUGS §A6, §A8): the dispatcher has {@code call} but passes it to
 * none of its sub-decoders. ReadVMCS / ReadMSR write MR0 through the decode-time buffer and set
 * msgInfo to length 1; WriteVMCS / WriteMSR echo the value into MR0 through the same buffer and
 * write no msgInfo; all four then set the current thread to Restart themselves, after the writes
 * (their decoders do not). WriteRegisters reads the guest registers from the decode-time buffer
 * in the perform stage; SetTCB and DisableIOPort set Restart themselves after their work.
 */
public final class X86VcpuInvocations extends X86Module {
    X86VcpuInvocations(X86_64 arch) {
        super(arch);
    }

    public ExceptionT decodeX86VCPUInvocation(long invLabel, int length, long cptr, Cte slot, X86VCPUCap cap,
                                              boolean call, IpcBuffer buffer) {
        switch (sel4.api.InvocationLabel.genInvocationType(invLabel)) {
            case X86VCPUSetTCB:
                return decodeSetTCB(cap, length, buffer);
            case X86VCPUReadVMCS:
                return decodeReadVMCS(cap, length, buffer);
            case X86VCPUWriteVMCS:
                return decodeWriteVMCS(cap, length, buffer);
            case X86VCPUEnableIOPort:
                return decodeEnableIOPort(cap, length, buffer);
            case X86VCPUDisableIOPort:
                return decodeDisableIOPort(cap, length, buffer);
            case X86VCPUWriteRegisters:
                return decodeVCPUWriteRegisters(cap, length, buffer);
            case X86VCPUWriteMSR:
                return decodeVCPUWriteMSR(cap, length, buffer);
            case X86VCPUReadMSR:
                return decodeVCPUReadMSR(cap, length, buffer);
            default:
                return syscallError(SyscallError.illegalOperation());
        }
    }

    // ---- SetTCB ----

    public ExceptionT decodeSetTCB(X86VCPUCap cap, int length, IpcBuffer buffer) {
        if (ks.current_extra_caps[0] == null) {
            return syscallError(SyscallError.truncatedMessage());
        }
        Cap tcbCap = ks.current_extra_caps[0].cap;
        if (!(tcbCap instanceof ThreadCap tc)) {
            return syscallError(SyscallError.illegalOperation());
        }
        return invokeSetTCB(cap.vcpu(), tc.tcb());
    }

    /** invokeSetTCB: associates, then sets Restart itself (tolerated: it writes no reply). */
    public ExceptionT invokeSetTCB(X86Vcpu vcpu, Tcb tcb) {
        arch.vcpus.associateVcpuTcb(tcb, vcpu);
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return EXCEPTION_NONE;
    }

    // ---- ReadVMCS / WriteVMCS ----

    /** decodeReadVMCS: no Restart here; invokeReadVMCS sets it after writing its reply. */
    public ExceptionT decodeReadVMCS(X86VCPUCap cap, int length, IpcBuffer buffer) {
        if (length < 1) {
            return syscallError(SyscallError.illegalOperation());
        }
        long field = getSyscallArg(0, buffer);
        if (!VmcsFields.isReadable(field)) {
            return syscallError(SyscallError.illegalOperation());
        }
        return invokeReadVMCS(cap.vcpu(), field, buffer);
    }

    /**
     * invokeReadVMCS, legacy form (codes C G B O R~): MR0 := the field through the decode-time
     * buffer, msgInfo := length 1, then Restart, so on Call the empty success reply replaces the
     * msgInfo and on Send the caller's MR0 and msgInfo are overwritten.
     */
    public ExceptionT invokeReadVMCS(X86Vcpu vcpu, long field, IpcBuffer buffer) {
        Tcb thread = ks.ksCurThread;
        setMR(thread, buffer, 0, arch.vcpus.readVMCSField(vcpu, field));
        setRegister(thread, msgInfoRegister, wordFromMessageInfo(seL4_MessageInfo_new(0, 0, 0, 1)));
        k.thread.setThreadState(thread, ThreadState.Restart);
        return EXCEPTION_NONE;
    }

    /**
     * decodeWriteVMCS: control fields, CR0 and CR4 get the CPU's fixed bits applied; other
     * writable fields pass unchanged; anything else is an illegal operation.
     */
    public ExceptionT decodeWriteVMCS(X86VCPUCap cap, int length, IpcBuffer buffer) {
        if (length < 2) {
            return syscallError(SyscallError.illegalOperation());
        }
        long field = getSyscallArg(0, buffer);
        long value = getSyscallArg(1, buffer);
        if (field == VmcsFields.VMX_CONTROL_PIN_EXECUTION_CONTROLS) {
            value = X86Vcpus.applyFixedBits(value, VmxHardware.pin_control_high, VmxHardware.pin_control_low);
        } else if (field == VmcsFields.VMX_CONTROL_PRIMARY_PROCESSOR_CONTROLS) {
            value = X86Vcpus.applyFixedBits(value, VmxHardware.primary_control_high, VmxHardware.primary_control_low);
        } else if (field == VmcsFields.VMX_CONTROL_SECONDARY_PROCESSOR_CONTROLS) {
            value = X86Vcpus.applyFixedBits(value, VmxHardware.secondary_control_high,
                    VmxHardware.secondary_control_low);
        } else if (field == VmcsFields.VMX_CONTROL_ENTRY_CONTROLS) {
            value = X86Vcpus.applyFixedBits(value, VmxHardware.entry_control_high, VmxHardware.entry_control_low);
        } else if (field == VmcsFields.VMX_CONTROL_EXIT_CONTROLS) {
            value = X86Vcpus.applyFixedBits(value, VmxHardware.exit_control_high, VmxHardware.exit_control_low);
        } else if (field == VmcsFields.VMX_GUEST_CR0) {
            value = X86Vcpus.cr0Fixed(value);
        } else if (field == VmcsFields.VMX_GUEST_CR4) {
            value = X86Vcpus.cr4Fixed(value);
        } else if (!VmcsFields.isWritablePlain(field)) {
            return syscallError(SyscallError.illegalOperation());
        }
        return invokeWriteVMCS(cap.vcpu(), buffer, field, value);
    }

    /**
     * invokeWriteVMCS, legacy form (codes C I G B O R~): the cached copies of CR0, its mask and
     * shadow and the exception bitmap follow the write; MR0 := the value through the decode-time
     * buffer; the VMCS field is written; no msgInfo; then Restart.
     */
    public ExceptionT invokeWriteVMCS(X86Vcpu vcpu, IpcBuffer buffer, long field, long value) {
        Tcb thread = ks.ksCurThread;
        if (state.x86KSCurrentVCPU != vcpu) {
            arch.vcpus.switchVCPU(vcpu);
        }
        if (field == VmcsFields.VMX_CONTROL_EXCEPTION_BITMAP) {
            vcpu.exception_bitmap = vcpu.cached_exception_bitmap = value;
        } else if (field == VmcsFields.VMX_GUEST_CR0) {
            vcpu.cr0 = vcpu.cached_cr0 = value;
        } else if (field == VmcsFields.VMX_CONTROL_CR0_MASK) {
            vcpu.cr0_mask = vcpu.cached_cr0_mask = value;
        } else if (field == VmcsFields.VMX_CONTROL_CR0_READ_SHADOW) {
            vcpu.cr0_shadow = vcpu.cached_cr0_shadow = value;
        }
        setMR(thread, buffer, 0, value);
        arch.vcpus.vmwrite(field, value);
        k.thread.setThreadState(thread, ThreadState.Restart);
        return EXCEPTION_NONE;
    }

    // ---- I/O port permissions ----

    public ExceptionT decodeEnableIOPort(X86VCPUCap cap, int length, IpcBuffer buffer) {
        if (length < 2) {
            return syscallError(SyscallError.truncatedMessage());
        }
        if (ks.current_extra_caps[0] == null) {
            return syscallError(SyscallError.truncatedMessage());
        }
        Cte ioSlot = ks.current_extra_caps[0];
        if (!(ioSlot.cap instanceof IOPortCap ioCap)) {
            return syscallError(SyscallError.illegalOperation());
        }
        int low = (int) (getSyscallArg(0, buffer) & 0xffff);
        int high = (int) (getSyscallArg(1, buffer) & 0xffff);
        if (low < ioCap.firstPort() || high > ioCap.lastPort()) {
            return syscallError(SyscallError.invalidArgument(0));
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeEnableIOPort(cap.vcpu(), ioSlot, ioCap, low, high);
    }

    /** invokeEnableIOPort: the guest may use ports low..high directly; the cap remembers the VPID. */
    public ExceptionT invokeEnableIOPort(X86Vcpu vcpu, Cte slot, IOPortCap cap, int low, int high) {
        arch.vcpus.clearVPIDIOPortMappings(cap.vpid(), cap.firstPort(), cap.lastPort());
        slot.cap = cap.withVpid(vcpu.vpid);
        IoPorts.setIOPortMask(vcpu.io, low, high, false);
        return EXCEPTION_NONE;
    }

    public ExceptionT decodeDisableIOPort(X86VCPUCap cap, int length, IpcBuffer buffer) {
        if (length < 2) {
            return syscallError(SyscallError.truncatedMessage());
        }
        int low = (int) (getSyscallArg(0, buffer) & 0xffff);
        int high = (int) (getSyscallArg(1, buffer) & 0xffff);
        return invokeDisableIOPort(cap.vcpu(), low, high);
    }

    /** invokeDisableIOPort: ports low..high trap again; sets Restart itself (no reply written). */
    public ExceptionT invokeDisableIOPort(X86Vcpu vcpu, int low, int high) {
        IoPorts.setIOPortMask(vcpu.io, low, high, true);
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return EXCEPTION_NONE;
    }

    // ---- guest registers ----

    /** decodeVCPUWriteRegisters: only the length is checked; the values are read by the invoke. */
    public ExceptionT decodeVCPUWriteRegisters(X86VCPUCap cap, int length, IpcBuffer buffer) {
        if (length < X86Vcpu.n_vcpu_gp_register) {
            return syscallError(SyscallError.truncatedMessage());
        }
        return invokeVCPUWriteRegisters(cap.vcpu(), buffer);
    }

    /** invokeVCPUWriteRegisters: reads the 15 guest registers through the decode-time buffer (P). */
    public ExceptionT invokeVCPUWriteRegisters(X86Vcpu vcpu, IpcBuffer buffer) {
        for (int i = 0; i < X86Vcpu.n_vcpu_gp_register; i++) {
            vcpu.gp_registers[i] = getSyscallArg(i, buffer);
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return EXCEPTION_NONE;
    }

    // ---- guest syscall MSRs ----

    private static boolean isSyscallMsr(long field) {
        return field == IA32_LSTAR_MSR || field == IA32_STAR_MSR || field == IA32_CSTAR_MSR || field == IA32_FMASK_MSR;
    }

    public ExceptionT decodeVCPUWriteMSR(X86VCPUCap cap, int length, IpcBuffer buffer) {
        if (length < 2) {
            return syscallError(SyscallError.illegalOperation());
        }
        long field = getSyscallArg(0, buffer);
        long value = getSyscallArg(1, buffer);
        if (!isSyscallMsr(field)) {
            return syscallError(SyscallError.illegalOperation());
        }
        return invokeWriteMSR(cap.vcpu(), buffer, field, value);
    }

    /**
     * invokeWriteMSR, legacy form (codes C I G B O R~, still open at HEAD): store the MSR, echo
     * the value into MR0 through the decode-time buffer, no msgInfo, then Restart.
     */
    public ExceptionT invokeWriteMSR(X86Vcpu vcpu, IpcBuffer buffer, long field, long value) {
        Tcb thread = ks.ksCurThread;
        if (state.x86KSCurrentVCPU != vcpu) {
            arch.vcpus.switchVCPU(vcpu);
        }
        if (field == IA32_LSTAR_MSR) {
            vcpu.syscall_registers[X86Vcpu.VCPU_LSTAR] = value;
        } else if (field == IA32_STAR_MSR) {
            vcpu.syscall_registers[X86Vcpu.VCPU_STAR] = value;
        } else if (field == IA32_CSTAR_MSR) {
            vcpu.syscall_registers[X86Vcpu.VCPU_CSTAR] = value;
        } else if (field == IA32_FMASK_MSR) {
            vcpu.syscall_registers[X86Vcpu.VCPU_SYSCALL_MASK] = value;
        }
        setMR(thread, buffer, 0, value);
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return EXCEPTION_NONE;
    }

    public ExceptionT decodeVCPUReadMSR(X86VCPUCap cap, int length, IpcBuffer buffer) {
        if (length < 1) {
            return syscallError(SyscallError.illegalOperation());
        }
        long field = getSyscallArg(0, buffer);
        if (!isSyscallMsr(field) && field != IA32_VMX_MISC_MSR) {
            return syscallError(SyscallError.illegalOperation());
        }
        return invokeReadMSR(cap.vcpu(), field, buffer);
    }

    /**
     * invokeReadMSR, legacy form (codes C G B O R~, still open at HEAD): MR0 := the MSR through
     * the decode-time buffer, msgInfo := length 1, then Restart.
     */
    public ExceptionT invokeReadMSR(X86Vcpu vcpu, long field, IpcBuffer buffer) {
        Tcb thread = ks.ksCurThread;
        long value = 0;
        if (field == IA32_LSTAR_MSR) {
            value = vcpu.syscall_registers[X86Vcpu.VCPU_LSTAR];
        } else if (field == IA32_STAR_MSR) {
            value = vcpu.syscall_registers[X86Vcpu.VCPU_STAR];
        } else if (field == IA32_CSTAR_MSR) {
            value = vcpu.syscall_registers[X86Vcpu.VCPU_CSTAR];
        } else if (field == IA32_FMASK_MSR) {
            value = vcpu.syscall_registers[X86Vcpu.VCPU_SYSCALL_MASK];
        } else if (field == IA32_VMX_MISC_MSR) {
            value = VmxHardware.IA32_VMX_MISC_VALUE;
        }
        setMR(thread, buffer, 0, value);
        setRegister(thread, msgInfoRegister, wordFromMessageInfo(seL4_MessageInfo_new(0, 0, 0, 1)));
        k.thread.setThreadState(thread, ThreadState.Restart);
        return EXCEPTION_NONE;
    }
}
