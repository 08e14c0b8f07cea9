// contract: the AArch64 data-returning invocations leave exactly the register, buffer and thread-state effects of their model forms: legacy PageGetAddress and SMMU GetFault (C G B / O), conforming VCPUReadReg and SMC Call.
package sel4.arch.aarch64;

import static org.assertj.core.api.Assertions.assertThat;
import static sel4.arch.ArchTestSupport.args;
import static sel4.arch.ArchTestSupport.mr;
import static sel4.arch.ArchTestSupport.msgInfo;
import static sel4.arch.ArchTestSupport.noExtraCaps;
import static sel4.arch.ArchTestSupport.reg;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.MessageInfo;
import sel4.arch.ArchTestSupport;
import sel4.kernel.KernelModule;
import sel4.machine.Registers;
import sel4.object.cap.FrameCap;
import sel4.object.cnode.Cte;
import sel4.object.frame.IpcBuffer;
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

    // ---- conforming references ----

    @Test
    void vcpuReadRegRepliesOnlyOnCallWithBadgeZeroAndEndsRunning() {
        Vcpu v = kit.vcpu();
        v.regs[VcpuReg.seL4_VCPUReg_TPIDR_EL1] = 0xfeed;
        args(ct, VcpuReg.seL4_VCPUReg_TPIDR_EL1);
        assertThat(invoke(InvocationLabel.ARMVCPUReadReg, 1, new VCPUCap(v), false)).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(ct.tcbState).isSameAs(ThreadState.Running);
        assertThat(mr(ct, 0)).as("nothing written on Send").isEqualTo(VcpuReg.seL4_VCPUReg_TPIDR_EL1);
        assertThat(reg(ct, Registers.msgInfoRegister)).isEqualTo(CALLER_INFO);

        assertThat(invoke(InvocationLabel.ARMVCPUReadReg, 1, new VCPUCap(v), true)).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(mr(ct, 0)).isEqualTo(0xfeed);
        assertThat(reg(ct, Registers.badgeRegister)).isZero();
        assertThat(msgInfo(ct)).isEqualTo(MessageInfo.seL4_MessageInfo_new(0, 0, 0, 1));
        assertThat(ct.tcbState).isSameAs(ThreadState.Running);
    }

    @Test
    void smcCallReturnsEightWordsThroughRegistersAndTheOwnBuffer() {
        IpcBuffer buf = kit.arch.lookupIPCBuffer(false, ct);
        long[] a = {0xC400_0003L, 1, 2, 3, 4, 5, 6, 7};
        args(ct, buf, a);
        long[] expected = SmcFirmware.compute(a);
        assertThat(invoke(InvocationLabel.ARMSMCCall, 8, new SMCCap(0xC400_0003L), true))
                .isEqualTo(ExceptionT.EXCEPTION_NONE);
        for (int i = 0; i < 4; i++) {
            assertThat(mr(ct, i)).isEqualTo(expected[i]);
        }
        for (int i = 4; i < 8; i++) {
            assertThat(buf.get(i + 1)).isEqualTo(expected[i]);
        }
        assertThat(msgInfo(ct)).isEqualTo(MessageInfo.seL4_MessageInfo_new(0, 0, 0, 8));
        assertThat(reg(ct, Registers.badgeRegister)).isZero();
        assertThat(ct.tcbState).isSameAs(ThreadState.Running);
        assertThat(kit.hw.smc().calls()).hasSize(1);
        assertThat(kit.hw.smc().calls().get(0)).containsExactly(a);
    }

    @Test
    void smcCallWithoutAWritableBufferTruncatesToFourAndSendGetsNothing() {
        IpcBuffer buf = kit.arch.lookupIPCBuffer(false, ct);
        long[] a = {7, 1, 2, 3, 4, 5, 6, 7};
        args(ct, buf, a);
        ct.tcbCTE[Tcb.tcbBuffer].cap = bufferFrame.withRights(sel4.object.cap.VMRights.VMReadOnly);
        assertThat(invoke(InvocationLabel.ARMSMCCall, 8, new SMCCap(0), true)).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(msgInfo(ct).length()).as("setMR drops words without a write-authority buffer").isEqualTo(4);
        assertThat(buf.get(5)).as("read-only buffer untouched").isEqualTo(4);

        args(ct, 7, 1, 2, 3);
        KernelModule.setRegister(ct, Registers.msgInfoRegister, CALLER_INFO);
        assertThat(invoke(InvocationLabel.ARMSMCCall, 8, new SMCCap(0), false)).isEqualTo(ExceptionT.EXCEPTION_NONE);
        assertThat(mr(ct, 0)).isEqualTo(7);
        assertThat(reg(ct, Registers.msgInfoRegister)).isEqualTo(CALLER_INFO);
        assertThat(kit.hw.smc().calls()).as("the SMC still executes on Send").hasSize(2);
    }
}
