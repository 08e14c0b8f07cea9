// contract: the AArch64 data-returning invocations leave exactly the register, buffer and thread-state effects of their model forms: legacy PageGetAddress and SMMU GetFault (C G B / O) at the decoder, and conforming VCPUReadReg and SMC Call as the caller sees them through the syscall entry.
package sel4.arch.aarch64;

import static org.assertj.core.api.Assertions.assertThat;
import static sel4.api.EntryTestSupport.badge;
import static sel4.api.EntryTestSupport.caps;
import static sel4.api.EntryTestSupport.info;
import static sel4.arch.ArchTestSupport.args;
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
import sel4.object.cap.FrameCap;
import sel4.object.cap.VMRights;
import sel4.object.cnode.Cte;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;

class ArmReplyFormsTest {
    private static final long CALLER_BADGE = 0x77;
    private static final long CALLER_INFO = MessageInfo.wordFromMessageInfo(MessageInfo.seL4_MessageInfo_new(9, 0, 0, 3));

    private final ArmKit kit = new ArmKit();
    private final Tcb ct = kit.ct;
    private FrameCap bufferFrame;

    @BeforeEach
    void callerWithBuffer() {
        bufferFrame = kit.smallFrame();
        ct.tcbCTE[Tcb.tcbBuffer].cap = bufferFrame;
        ct.tcbIPCBuffer = 0x40_0000L;
        KernelModule.setRegister(ct, Registers.badgeRegister, CALLER_BADGE);
        KernelModule.setRegister(ct, Registers.msgInfoRegister, CALLER_INFO);
        args(ct, 0x1111, 0x2222, 0x3333, 0x4444);
        noExtraCaps(kit.k);
    }

    private ExceptionT invoke(InvocationLabel l, int length, sel4.object.cap.Cap cap, boolean call) {
        Cte slot = ArchTestSupport.slotWith(cap);
        return kit.arch.Arch_decodeInvocation(l.label(), length, 0, slot, cap, call, kit.arch.lookupIPCBuffer(false, ct));
    }

    // ---- legacy PageGetAddress (needs only this module) ----

    // legacy-form: pins C and B of performPageGetAddress (AArch64): badge not zeroed, the decoder's Restart left in place
    @Tag("legacy-form")
    @Test
    void performPageGetAddressWritesRegistersOnlyAndLeavesTheState() {
        FrameCap f = kit.smallFrame();
        ct.tcbState = ThreadState.Restart;
        ExceptionT r = kit.arch.vspaceInvocations.performPageGetAddress(f.frame().ptr());
        assertThat(r).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(mr(ct, 0)).isEqualTo(ArmLayout.pptr_to_paddr(f.frame().ptr()));
        assertThat(msgInfo(ct)).isEqualTo(MessageInfo.seL4_MessageInfo_new(0, 0, 0, 1));
        assertThat(reg(ct, Registers.badgeRegister)).as("B: badge not zeroed").isEqualTo(CALLER_BADGE);
        assertThat(mr(ct, 1)).isEqualTo(0x2222);
        assertThat(bufferFrame.frame().kernelWrites()).as("no buffer used").isZero();
        assertThat(ct.tcbState).as("C: decoder's Restart left in place").isSameAs(ThreadState.Restart);
    }

    // legacy-form: pins G of performPageGetAddress (AArch64): the reply is written on a non-Call
    @Tag("legacy-form")
    @Test
    void pageGetAddressThroughTheDecoderWritesEvenWithoutCall() {
        FrameCap f = kit.smallFrame();
        assertThat(invoke(InvocationLabel.ARMPageGetAddress, 0, f, false)).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(ct.tcbState).isSameAs(ThreadState.Restart);
        assertThat(mr(ct, 0)).as("G: written on a non-Call").isEqualTo(f.frame().ptr());
        assertThat(msgInfo(ct).length()).isEqualTo(1);
        assertThat(reg(ct, Registers.badgeRegister)).isEqualTo(CALLER_BADGE);
    }

    // ---- SMMU GetFault (legacy O form) ----

    // legacy-form: pins O, G and B of ARMSIDGetFault: written even without Call, badge kept, Restart set after the writes
    @Tag("legacy-form")
    @Test
    void sidGetFaultWritesThreeRegistersThenSetsRestart() {
        kit.hw.smmu().recordGlobalFault(0x80000002L, 0x1234, 0x5678);
        for (boolean call : new boolean[] {true, false}) {
            ct.tcbState = ThreadState.Running;
            assertThat(invoke(InvocationLabel.ARMSIDGetFault, 0, new SIDControlCap(), call))
                    .isEqualTo(ExceptionT.EXCEPTION_NONE);
            assertThat(mr(ct, 0)).isEqualTo(0x80000002L);
            assertThat(mr(ct, 1)).isEqualTo(0x1234);
            assertThat(mr(ct, 2)).isEqualTo(0x5678);
            assertThat(mr(ct, 3)).isEqualTo(0x4444);
            assertThat(msgInfo(ct)).isEqualTo(MessageInfo.seL4_MessageInfo_new(0, 0, 0, 3));
            assertThat(reg(ct, Registers.badgeRegister)).isEqualTo(CALLER_BADGE);
            assertThat(ct.tcbState).as("O: Restart set after the writes").isSameAs(ThreadState.Restart);
        }
        assertThat(bufferFrame.frame().kernelWrites()).isZero();
    }

    // legacy-form: pins O and G of ARMCBGetFault: written on a non-Call, Restart set after the writes
    @Tag("legacy-form")
    @Test
    void cbGetFaultWritesTwoRegistersThenSetsRestart() {
        kit.hw.smmu().recordContextBankFault(5, 0x402, 0xdead_b000L);
        assertThat(invoke(InvocationLabel.ARMCBGetFault, 0, new CBCap(5, Smmu.SID_INVALID), false))
                .isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(mr(ct, 0)).isEqualTo(0x402);
        assertThat(mr(ct, 1)).isEqualTo(0xdead_b000L);
        assertThat(mr(ct, 2)).isEqualTo(0x3333);
        assertThat(msgInfo(ct)).isEqualTo(MessageInfo.seL4_MessageInfo_new(0, 0, 0, 2));
        assertThat(ct.tcbState).isSameAs(ThreadState.Restart);
    }

    // ---- conforming references, through the syscall entry ----
    // The caller's view: the same registers, buffer words and state whichever part of the kernel
    // writes the reply (the function itself in the C protocol, the invocation entry in the spec's).

    /** A booted kernel whose current thread (the client) calls caps of its root CNode. */
    private static EntryTestSupport entry() {
        return new EntryTestSupport(Config.aarch64());
    }

    private static AArch64 arch(EntryTestSupport w) {
        return (AArch64) w.k.arch;
    }

    @Test
    void vcpuReadRegRepliesOnlyOnCallWithBadgeZeroAndEndsRunning() {
        EntryTestSupport w = entry();
        Tcb client = w.client;
        Vcpu v = ((VCPUCap) arch(w).Arch_createObject(ArmObjectTypes.seL4_ARM_VCPUObject,
                w.alloc(ArmObjectTypes.VCPU_SIZE_BITS), 0, false)).vcpu();
        v.regs[VcpuReg.seL4_VCPUReg_TPIDR_EL1] = 0xfeed;
        int vcpu = w.put(new VCPUCap(v));
        long label = InvocationLabel.ARMVCPUReadReg.label();

        w.invoke(Syscall.SysSend, vcpu, label, caps(), VcpuReg.seL4_VCPUReg_TPIDR_EL1);
        assertThat(client.tcbState).isSameAs(ThreadState.Running);
        assertThat(EntryTestSupport.mr(client, 0)).as("nothing written on Send").isEqualTo(VcpuReg.seL4_VCPUReg_TPIDR_EL1);
        assertThat(info(client)).as("the request's own msgInfo").isEqualTo(new MessageInfo(label, 0, 0, 1));

        w.invoke(Syscall.SysCall, vcpu, label, caps(), VcpuReg.seL4_VCPUReg_TPIDR_EL1);
        assertThat(EntryTestSupport.mr(client, 0)).isEqualTo(0xfeed);
        assertThat(badge(client)).isZero();
        assertThat(info(client)).isEqualTo(new MessageInfo(0, 0, 0, 1));
        assertThat(client.tcbState).isSameAs(ThreadState.Running);
    }

    @Test
    void smcCallReturnsEightWordsThroughRegistersAndTheOwnBuffer() {
        EntryTestSupport w = entry();
        Tcb client = w.client;
        int smc = w.put(new SMCCap(0xC400_0003L));
        long[] a = {0xC400_0003L, 1, 2, 3, 4, 5, 6, 7};
        long[] expected = SmcFirmware.compute(a);
        long writesBefore = w.bufferFrame(client).kernelWrites();

        w.invoke(Syscall.SysCall, smc, InvocationLabel.ARMSMCCall.label(), caps(), a);

        for (int i = 0; i < 4; i++) {
            assertThat(EntryTestSupport.mr(client, i)).isEqualTo(expected[i]);
        }
        for (int i = 4; i < 8; i++) {
            assertThat(w.bufferWord(client, i + 1)).isEqualTo(expected[i]);
        }
        assertThat(w.bufferFrame(client).kernelWrites()).as("words 4..7 through the caller's own buffer")
                .isEqualTo(writesBefore + 4);
        assertThat(info(client)).isEqualTo(new MessageInfo(0, 0, 0, 8));
        assertThat(badge(client)).isZero();
        assertThat(client.tcbState).isSameAs(ThreadState.Running);
        assertThat(arch(w).hardware().smc().calls()).hasSize(1);
        assertThat(arch(w).hardware().smc().calls().get(0)).containsExactly(a);
    }

    @Test
    void smcCallWithoutAWritableBufferTruncatesToFourAndSendGetsNothing() {
        EntryTestSupport w = entry();
        Tcb client = w.client;
        int smc = w.put(new SMCCap(0));
        long label = InvocationLabel.ARMSMCCall.label();
        long[] a = {7, 1, 2, 3, 4, 5, 6, 7};
        w.giveIpcBuffer(client, VMRights.VMReadOnly);

        w.invoke(Syscall.SysCall, smc, label, caps(), a);
        assertThat(info(client).length()).as("setMR drops words without a write-authority buffer").isEqualTo(4);
        assertThat(w.bufferWord(client, 5)).as("read-only buffer untouched").isEqualTo(4);
        assertThat(w.bufferFrame(client).kernelWrites()).isZero();

        w.invoke(Syscall.SysSend, smc, label, caps(), a);
        assertThat(EntryTestSupport.mr(client, 0)).isEqualTo(7);
        assertThat(info(client)).as("the request's own msgInfo").isEqualTo(new MessageInfo(label, 0, 0, 8));
        assertThat(arch(w).hardware().smc().calls()).as("the SMC still executes on Send").hasSize(2);
    }
}
