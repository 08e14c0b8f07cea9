// contract: the x86_64 data-returning invocations leave exactly their model forms' effects: legacy PageGetAddress (C G B), ReadVMCS / ReadMSR (C G B O R~), WriteVMCS / WriteMSR (C I G B O R~), conforming PortIn and silent PortOut as the caller sees them through the syscall entry, and the perform-stage register read of VCPU WriteRegisters.
package sel4.arch.x86_64;

import static org.assertj.core.api.Assertions.assertThat;
import static sel4.api.EntryTestSupport.badge;
import static sel4.api.EntryTestSupport.caps;
import static sel4.api.EntryTestSupport.info;
import static sel4.arch.ArchTestSupport.args;
import static sel4.arch.ArchTestSupport.extraCaps;
import static sel4.arch.ArchTestSupport.mr;
import static sel4.arch.ArchTestSupport.msgInfo;
import static sel4.arch.ArchTestSupport.noExtraCaps;
import static sel4.arch.ArchTestSupport.reg;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import sel4.api.EntryTestSupport;
import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.MessageInfo;
import sel4.api.Syscall;
import sel4.arch.ArchTestSupport;
import sel4.kernel.KernelModule;
import sel4.machine.Registers;
import sel4.model.Config;
import sel4.object.cap.Cap;
import sel4.object.cap.FrameCap;
import sel4.object.cap.ThreadCap;
import sel4.object.cnode.Cte;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;

class X86ReplyFormsTest {
    private static final long CALLER_BADGE = 0x55;
    private static final long CALLER_INFO = MessageInfo.wordFromMessageInfo(MessageInfo.seL4_MessageInfo_new(4, 0, 0, 2));

    private final X86Kit kit = new X86Kit();
    private final Tcb ct = kit.ct;
    private FrameCap bufferFrame;
    private X86Vcpu vcpu;

    @BeforeEach
    void caller() {
        bufferFrame = kit.smallFrame();
        ct.tcbCTE[Tcb.tcbBuffer].cap = bufferFrame;
        ct.tcbIPCBuffer = 0x10_0000L;
        KernelModule.setRegister(ct, Registers.badgeRegister, CALLER_BADGE);
        KernelModule.setRegister(ct, Registers.msgInfoRegister, CALLER_INFO);
        noExtraCaps(kit.k);
        vcpu = kit.vcpu();
    }

    private IpcBuffer decodeBuffer() {
        return kit.arch.lookupIPCBuffer(false, ct);
    }

    private ExceptionT invoke(InvocationLabel l, int length, Cap cap, boolean call) {
        ct.tcbState = ThreadState.Running;
        Cte slot = ArchTestSupport.slotWith(cap);
        return kit.arch.Arch_decodeInvocation(l.label(), length, 0, slot, cap, call, decodeBuffer());
    }

    // legacy-form: pins C and B of performPageGetAddress (x86_64): badge not zeroed, the decoder's Restart left in place
    @Tag("legacy-form")
    @Test
    void performPageGetAddressWritesRegistersOnly() {
        FrameCap f = kit.smallFrame();
        ct.tcbState = ThreadState.Restart;
        kit.arch.mmu.performPageGetAddress(f.frame().ptr());
        assertThat(mr(ct, 0)).isEqualTo(X86Layout.pptr_to_paddr(f.frame().ptr()));
        assertThat(msgInfo(ct)).isEqualTo(MessageInfo.seL4_MessageInfo_new(0, 0, 0, 1));
        assertThat(reg(ct, Registers.badgeRegister)).isEqualTo(CALLER_BADGE);
        assertThat(ct.tcbState).isSameAs(ThreadState.Restart);
        assertThat(bufferFrame.frame().kernelWrites()).isZero();
    }

    // legacy-form: pins G of performPageGetAddress (x86_64): the reply is written on a non-Call
    @Tag("legacy-form")
    @Test
    void pageGetAddressThroughModeDecodeSetsRestartAndWritesOnSend() {
        FrameCap f = kit.smallFrame();
        assertThat(invoke(InvocationLabel.X86PageGetAddress, 0, f, false)).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(ct.tcbState).isSameAs(ThreadState.Restart);
        assertThat(mr(ct, 0)).isEqualTo(f.frame().ptr());
        assertThat(msgInfo(ct).length()).isEqualTo(1);
    }

    // legacy-form: pins O, G and B of invokeReadVMCS: written on Send too, badge kept, Restart set after the writes
    @Tag("legacy-form")
    @Test
    void readVmcsWritesMr0AndLengthOneThenSetsRestartEvenOnSend() {
        for (boolean call : new boolean[] {true, false}) {
            KernelModule.setRegister(ct, Registers.msgInfoRegister, CALLER_INFO);
            args(ct, VmcsFields.VMX_GUEST_CR4);
            assertThat(invoke(InvocationLabel.X86VCPUReadVMCS, 1, new X86VCPUCap(vcpu), call))
                    .isEqualTo(ExceptionT.EXCEPTION_NONE);
            assertThat(mr(ct, 0)).isEqualTo(VmxHardware.cr4_high & VmxHardware.cr4_low);
            assertThat(msgInfo(ct)).isEqualTo(MessageInfo.seL4_MessageInfo_new(0, 0, 0, 1));
            assertThat(reg(ct, Registers.badgeRegister)).isEqualTo(CALLER_BADGE);
            assertThat(ct.tcbState).as("O").isSameAs(ThreadState.Restart);
        }
        assertThat(bufferFrame.frame().kernelWrites()).as("R~: index 0 is a register").isZero();
    }

    @Test
    void readVmcsAnswersCr0FromTheOwnersValue() {
        // Through the syscall entry: the caller reads the answer whichever part of the kernel writes it.
        EntryTestSupport w = new EntryTestSupport(Config.x86_64());
        X86Vcpu v = vcpuIn(w);
        v.cr0 = 0x8000_0031L;
        int cap = w.put(new X86VCPUCap(v));
        w.invoke(Syscall.SysCall, cap, InvocationLabel.X86VCPUReadVMCS.label(), caps(), VmcsFields.VMX_GUEST_CR0);
        assertThat(EntryTestSupport.mr(w.client, 0)).isEqualTo(0x8000_0031L);
    }

    /** A VCPU of the kernel of {@code w}. */
    private static X86Vcpu vcpuIn(EntryTestSupport w) {
        return ((X86VCPUCap) ((X86_64) w.k.arch).Arch_createObject(X86Layout.seL4_X86_VCPUObject,
                w.alloc(X86Layout.seL4_X86_VCPUBits), 0, false)).vcpu();
    }

    // legacy-form: pins I, O and B of invokeWriteVMCS (echo without msgInfo, badge kept, Restart after the writes)
    @Tag("legacy-form")
    @Test
    void writeVmcsEchoesTheValueWithoutMsgInfoAndUpdatesTheCaches() {
        X86Vcpu other = kit.vcpu();
        assertThat(kit.state.x86KSCurrentVCPU).isSameAs(other);
        args(ct, VmcsFields.VMX_GUEST_CR0, 0x1L);
        assertThat(invoke(InvocationLabel.X86VCPUWriteVMCS, 2, new X86VCPUCap(vcpu), true))
                .isEqualTo(ExceptionT.EXCEPTION_NONE);
        long fixed = X86Vcpus.applyFixedBits(1, VmxHardware.cr0_high, VmxHardware.cr0_low);
        assertThat(mr(ct, 0)).as("echo of the value actually written").isEqualTo(fixed);
        assertThat(reg(ct, Registers.msgInfoRegister)).as("I: no msgInfo").isEqualTo(CALLER_INFO);
        assertThat(reg(ct, Registers.badgeRegister)).isEqualTo(CALLER_BADGE);
        assertThat(ct.tcbState).isSameAs(ThreadState.Restart);
        assertThat(vcpu.cr0).isEqualTo(fixed);
        assertThat(vcpu.cached_cr0).isEqualTo(fixed);
        assertThat(kit.state.x86KSCurrentVCPU).as("switched to the target VCPU").isSameAs(vcpu);
        assertThat(vcpu.vmcs.get(VmcsFields.VMX_GUEST_CR0)).isEqualTo(fixed);

        args(ct, VmcsFields.VMX_GUEST_RIP, 0xfff0);
        invoke(InvocationLabel.X86VCPUWriteVMCS, 2, new X86VCPUCap(vcpu), false);
        assertThat(vcpu.vmcs.get(VmcsFields.VMX_GUEST_RIP)).isEqualTo(0xfff0);
        assertThat(mr(ct, 0)).isEqualTo(0xfff0);
        args(ct, VmcsFields.VMX_GUEST_RIP);
        invoke(InvocationLabel.X86VCPUReadVMCS, 1, new X86VCPUCap(vcpu), true);
        assertThat(mr(ct, 0)).isEqualTo(0xfff0);
    }

    // legacy-form: pins I, O, G and B of invokeWriteMSR / invokeReadMSR (no msgInfo, Restart after the writes, written on Send, badge kept)
    @Tag("legacy-form")
    @Test
    void syscallMsrsRoundTripWithTheLegacyReplyShapes() {
        args(ct, VmcsFields.IA32_LSTAR_MSR, 0xffff_8000_0010_0000L);
        assertThat(invoke(InvocationLabel.X86VCPUWriteMSR, 2, new X86VCPUCap(vcpu), true))
                .isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(vcpu.syscall_registers[X86Vcpu.VCPU_LSTAR]).isEqualTo(0xffff_8000_0010_0000L);
        assertThat(mr(ct, 0)).isEqualTo(0xffff_8000_0010_0000L);
        assertThat(reg(ct, Registers.msgInfoRegister)).isEqualTo(CALLER_INFO);
        assertThat(ct.tcbState).isSameAs(ThreadState.Restart);

        args(ct, VmcsFields.IA32_LSTAR_MSR);
        invoke(InvocationLabel.X86VCPUReadMSR, 1, new X86VCPUCap(vcpu), false);
        assertThat(mr(ct, 0)).isEqualTo(0xffff_8000_0010_0000L);
        assertThat(msgInfo(ct)).isEqualTo(MessageInfo.seL4_MessageInfo_new(0, 0, 0, 1));
        assertThat(ct.tcbState).isSameAs(ThreadState.Restart);

        args(ct, VmcsFields.IA32_VMX_MISC_MSR);
        invoke(InvocationLabel.X86VCPUReadMSR, 1, new X86VCPUCap(vcpu), true);
        assertThat(mr(ct, 0)).isEqualTo(VmxHardware.IA32_VMX_MISC_VALUE);
        assertThat(reg(ct, Registers.badgeRegister)).as("B").isEqualTo(CALLER_BADGE);
    }

    @Test
    void portInRepliesOnlyOnCallAndPortOutNever() {
        // The conforming PortIn as the caller sees it through the syscall entry, whichever part of
        // the kernel writes the reply.
        EntryTestSupport w = new EntryTestSupport(Config.x86_64());
        Tcb client = w.client;
        X86Hardware hw = ((X86_64) w.k.arch).hardware();
        int port = w.put(new IOPortCap(0x60, 0x67, 0));
        hw.ioPorts().deviceSets(0x64, 4, 0x1234_5678L);

        w.invoke(Syscall.SysCall, port, InvocationLabel.X86IOPortIn16.label(), caps(), 0x64);
        assertThat(EntryTestSupport.mr(client, 0)).isEqualTo(0x5678);
        assertThat(badge(client)).isZero();
        assertThat(info(client)).isEqualTo(new MessageInfo(0, 0, 0, 1));
        assertThat(client.tcbState).isSameAs(ThreadState.Running);

        long in32 = InvocationLabel.X86IOPortIn32.label();
        w.invoke(Syscall.SysSend, port, in32, caps(), 0x64);
        assertThat(EntryTestSupport.mr(client, 0)).as("nothing written on Send").isEqualTo(0x64);
        assertThat(info(client)).as("the request's own msgInfo").isEqualTo(new MessageInfo(in32, 0, 0, 1));
        assertThat(client.tcbState).isSameAs(ThreadState.Running);

        w.invoke(Syscall.SysCall, port, InvocationLabel.X86IOPortOut8.label(), caps(), 0x60, 0xAABB_CCDDL);
        assertThat(hw.ioPorts().writes()).containsExactly(new IoPortDevices.PortWrite(0x60, 1, 0xDD));
        assertThat(EntryTestSupport.mr(client, 0)).isEqualTo(0x60);
        assertThat(info(client)).as("the empty reply of handleInvocation").isEqualTo(new MessageInfo(0, 0, 0, 0));
        assertThat(client.tcbState).isSameAs(ThreadState.Running);
        assertThat(hw.ioPorts().in8(0x60)).isEqualTo(0xDD);
    }

    @Test
    void writeRegistersReadsFifteenWordsInThePerformStage() {
        long[] regs = new long[15];
        for (int i = 0; i < 15; i++) {
            regs[i] = 0x100 + i;
        }
        args(ct, decodeBuffer(), regs);
        assertThat(invoke(InvocationLabel.X86VCPUWriteRegisters, 15, new X86VCPUCap(vcpu), true))
                .isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(vcpu.gp_registers).containsExactly(regs);
        assertThat(ct.tcbState).isSameAs(ThreadState.Restart);
        assertThat(reg(ct, Registers.msgInfoRegister)).isEqualTo(CALLER_INFO);
    }

    @Test
    void setTcbAndIoPortPermissions() {
        Tcb guest = new Tcb(ArchTestSupport.addr(11), 0);
        extraCaps(kit.k, new ThreadCap(guest));
        assertThat(invoke(InvocationLabel.X86VCPUSetTCB, 0, new X86VCPUCap(vcpu), true)).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(guest.tcbArch.tcbVCPU).isSameAs(vcpu);
        assertThat(ct.tcbState).isSameAs(ThreadState.Restart);

        Cte[] io = extraCaps(kit.k, new IOPortCap(0x60, 0x6f, 0));
        args(ct, 0x62, 0x64);
        assertThat(invoke(InvocationLabel.X86VCPUEnableIOPort, 2, new X86VCPUCap(vcpu), true))
                .isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(vcpu.portTraps(0x61)).isTrue();
        assertThat(vcpu.portTraps(0x62)).isFalse();
        assertThat(vcpu.portTraps(0x64)).isFalse();
        assertThat(vcpu.portTraps(0x65)).isTrue();
        assertThat(((IOPortCap) io[0].cap).vpid()).isEqualTo(vcpu.vpid);

        noExtraCaps(kit.k);
        args(ct, 0x63, 0x63);
        assertThat(invoke(InvocationLabel.X86VCPUDisableIOPort, 2, new X86VCPUCap(vcpu), true))
                .isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(vcpu.portTraps(0x63)).isTrue();
        assertThat(vcpu.portTraps(0x62)).isFalse();
        assertThat(ct.tcbState).isSameAs(ThreadState.Restart);
    }
}
