package sel4.arch.aarch64;

import static sel4.api.ExceptionT.EXCEPTION_NONE;
import static sel4.api.MessageInfo.seL4_MessageInfo_new;
import static sel4.api.MessageInfo.wordFromMessageInfo;
import static sel4.machine.Registers.badgeRegister;
import static sel4.machine.Registers.msgInfoRegister;

import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.SyscallError;
import sel4.machine.Words;
import sel4.object.cap.Cap;
import sel4.object.cap.ThreadCap;
import sel4.object.cnode.Cte;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;

/**
 * Models the VCPU invocations of seL4's src/arch/arm/object/vcpu.c (Haskell Object/VCPU/AARCH64
 * decodeARMVCPUInvocation, performARMVCPUInvocation): SetTCB, ReadReg, WriteReg, InjectIRQ and
 * AckVPPI. ReadReg is the conforming data reply of LEGACY-REPLY-BUGS §A7: the result is sent only
 * on Call, through the caller's own write-authority buffer, with badge 0 and the length setMR
 * returns, and the caller is left Running.
 */
public final class VcpuInvocations extends ArmModule {
    VcpuInvocations(AArch64 arch) {
        super(arch);
    }

    public ExceptionT decodeARMVCPUInvocation(long label, int length, long cptr, Cte slot, VCPUCap cap,
                                              boolean call, IpcBuffer buffer) {
        switch (InvocationLabel.genInvocationType(label)) {
            case ARMVCPUSetTCB:
                return decodeVCPUSetTCB(cap);
            case ARMVCPUReadReg:
                return decodeVCPUReadReg(cap, length, call, buffer);
            case ARMVCPUWriteReg:
                return decodeVCPUWriteReg(cap, length, buffer);
            case ARMVCPUInjectIRQ:
                return decodeVCPUInjectIRQ(cap, length, buffer);
            case ARMVCPUAckVPPI:
                return decodeVCPUAckVPPI(cap, length, buffer);
            default:
                return syscallError(SyscallError.illegalOperation());
        }
    }

    // ---- SetTCB ----

    public ExceptionT decodeVCPUSetTCB(VCPUCap cap) {
        if (ks.current_extra_caps[0] == null) {
            return syscallError(SyscallError.truncatedMessage());
        }
        Cap tcbCap = ks.current_extra_caps[0].cap;
        if (!(tcbCap instanceof ThreadCap tc)) {
            return syscallError(SyscallError.illegalOperation());
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeVCPUSetTCB(cap.vcpu(), tc.tcb());
    }

    public ExceptionT invokeVCPUSetTCB(Vcpu vcpu, Tcb tcb) {
        arch.vcpus.associateVCPUTCB(vcpu, tcb);
        return EXCEPTION_NONE;
    }

    // ---- ReadReg / WriteReg ----

    public ExceptionT decodeVCPUReadReg(VCPUCap cap, int length, boolean call, IpcBuffer buffer) {
        if (length < 1) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long field = getSyscallArg(0, buffer);
        if (Words.uge(field, VcpuReg.seL4_VCPUReg_Num)) {
            return syscallError(SyscallError.invalidArgument(1));
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeVCPUReadReg(cap.vcpu(), (int) field, call);
    }

    /** invokeVCPUReadReg: conforming reference (badge 0, own buffer, length from setMR, Running). */
    public ExceptionT invokeVCPUReadReg(Vcpu vcpu, int field, boolean call) {
        Tcb thread = ks.ksCurThread;
        long value = arch.vcpus.readVCPUReg(vcpu, field);
        if (call) {
            IpcBuffer ipcBuffer = k.arch.lookupIPCBuffer(true, thread);
            setRegister(thread, badgeRegister, 0);
            int length = setMR(thread, ipcBuffer, 0, value);
            setRegister(thread, msgInfoRegister, wordFromMessageInfo(seL4_MessageInfo_new(0, 0, 0, length)));
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Running);
        return EXCEPTION_NONE;
    }

    public ExceptionT decodeVCPUWriteReg(VCPUCap cap, int length, IpcBuffer buffer) {
        if (length < 2) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long field = getSyscallArg(0, buffer);
        long value = getSyscallArg(1, buffer);
        if (Words.uge(field, VcpuReg.seL4_VCPUReg_Num)) {
            return syscallError(SyscallError.invalidArgument(1));
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeVCPUWriteReg(cap.vcpu(), (int) field, value);
    }

    public ExceptionT invokeVCPUWriteReg(Vcpu vcpu, int field, long value) {
        arch.vcpus.writeVCPUReg(vcpu, field, value);
        return EXCEPTION_NONE;
    }

    // ---- InjectIRQ ----

    /**
     * decodeVCPUInjectIRQ: MR0 packs the virtual IRQ (bits 15:0), priority (23:16), group
     * (31:24) and list-register index (39:32). The LR must exist and must not hold an active
     * interrupt (checked on the VCPU's copy, as seL4 does).
     */
    public ExceptionT decodeVCPUInjectIRQ(VCPUCap cap, int length, IpcBuffer buffer) {
        Vcpu vcpu = cap.vcpu();
        if (length < 1) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long mr0 = getSyscallArg(0, buffer);
        long vid = mr0 & 0xffff;
        long priority = (mr0 >>> 16) & 0xff;
        long group = (mr0 >>> 24) & 0xff;
        long index = (mr0 >>> 32) & 0xff;

        if (vid > (1 << 10) - 1) {
            return syscallError(SyscallError.rangeError(0, (1 << 10) - 1));
        }
        if (priority > 31) {
            return syscallError(SyscallError.rangeError(0, 31));
        }
        if (group > 1) {
            return syscallError(SyscallError.rangeError(0, 1));
        }
        if (index >= state.gic_vcpu_num_list_regs) {
            return syscallError(SyscallError.rangeError(0, state.gic_vcpu_num_list_regs - 1));
        }
        if (Virq.virq_get_virqType(vcpu.vgic.lr[(int) index]) == Virq.virq_virq_active) {
            return syscallError(SyscallError.deleteFirst());
        }
        long virq = Virq.virq_virq_pending_new(group, priority, true, vid);
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeVCPUInjectIRQ(vcpu, (int) index, virq);
    }

    /** invokeVCPUInjectIRQ: into hardware if the VCPU is loaded, else into its saved copy. */
    public ExceptionT invokeVCPUInjectIRQ(Vcpu vcpu, int index, long virq) {
        if (state.armHSCurVCPU == vcpu) {
            hw.gic().set_gic_vcpu_ctrl_lr(index, virq);
        } else {
            vcpu.vgic.lr[index] = virq;
        }
        return EXCEPTION_NONE;
    }

    // ---- AckVPPI ----

    public ExceptionT decodeVCPUAckVPPI(VCPUCap cap, int length, IpcBuffer buffer) {
        Vcpu vcpu = cap.vcpu();
        if (length < 1) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long irq_w = getSyscallArg(0, buffer);
        ExceptionT status = arch.interrupts.Arch_checkIRQ(irq_w);
        if (status != EXCEPTION_NONE) {
            return status;
        }
        int vppi = arch.vcpus.irqVPPIEventIndex(irq_w);
        if (vppi == Vcpu.VPPIEventIRQ_invalid) {
            return syscallError(SyscallError.invalidArgument(0));
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeVCPUAckVPPI(vcpu, vppi);
    }

    /** invokeVCPUAckVPPI: the PPI is unmasked again when the VCPU is next enabled. */
    public ExceptionT invokeVCPUAckVPPI(Vcpu vcpu, int vppi) {
        vcpu.vppi_masked[vppi] = false;
        return EXCEPTION_NONE;
    }
}
