// contract: every x86_64 decoder answers bad labels, short messages, bad fields, bad ranges and bad caps with seL4's syscall error, without touching the caller's state; non-x86 caps fall through Mode_decodeInvocation to InvalidCapability 0.
package sel4.arch.x86_64;

import static org.assertj.core.api.Assertions.assertThat;
import static sel4.arch.ArchTestSupport.args;
import static sel4.arch.ArchTestSupport.extraCaps;
import static sel4.arch.ArchTestSupport.noExtraCaps;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.SyscallError;
import sel4.arch.ArchTestSupport;
import sel4.arch.common.ASIDControlCap;
import sel4.arch.common.ASIDPoolCap;
import sel4.arch.common.AsidPool;
import sel4.object.cap.Cap;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.NullCap;
import sel4.object.cnode.Cte;
import sel4.object.tcb.ThreadState;

class X86DecoderErrorsTest {
    private final X86Kit kit = new X86Kit();

    @BeforeEach
    void noCaps() {
        noExtraCaps(kit.k);
    }

    private SyscallError decode(InvocationLabel label, int length, Cap cap) {
        kit.k.ks.current_syscall_error = null;
        Cte slot = ArchTestSupport.slotWith(cap);
        assertThat(kit.arch.Arch_decodeInvocation(label.label(), length, 0, slot, cap, true, null))
                .isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
        assertThat(kit.ct.tcbState).isSameAs(ThreadState.Running);
        return kit.k.ks.current_syscall_error;
    }

    private static void type(SyscallError e, int t) {
        assertThat(e.type()).isEqualTo(t);
    }

    @Test
    void foreignAndGenericLabelsAreIllegalOnX86Caps() {
        X86Vcpu v = kit.vcpu();
        Cap[] caps = {kit.smallFrame(), kit.pml4(1), new IOPortControlCap(), new IOPortCap(0x60, 0x64, 0),
            new X86VCPUCap(v), new ASIDControlCap(), new ASIDPoolCap(new AsidPool(ArchTestSupport.addr(12), 12), 0),
            X86PageTableCap.unmapped(((X86PageTableCap) kit.arch.Arch_createObject(X86Layout.seL4_X86_PageTableObject,
                    ArchTestSupport.addr(12), 0, false)).pt())};
        InvocationLabel[] labels = {InvocationLabel.ARMPageGetAddress, InvocationLabel.ARMVCPUReadReg,
            InvocationLabel.CNodeCopy, InvocationLabel.InvalidInvocation};
        for (Cap c : caps) {
            for (InvocationLabel l : labels) {
                type(decode(l, 4, c), SyscallError.seL4_IllegalOperation);
            }
        }
    }

    @Test
    void capsOfTheOtherArchitectureAreInvalidHere() {
        SyscallError e = decode(InvocationLabel.ARMSMCCall, 8, new sel4.arch.aarch64.SMCCap(0));
        type(e, SyscallError.seL4_InvalidCapability);
        assertThat(e.invalidCapNumber()).isZero();
    }

    @Test
    void irqControlHasNoX86ArchLabelsInTheSubset() {
        kit.k.ks.current_syscall_error = null;
        assertThat(kit.arch.Arch_decodeIRQControlInvocation(InvocationLabel.ARMIRQIssueSGISignal.label(), 4, null, null))
                .isEqualTo(ExceptionT.EXCEPTION_SYSCALL_ERROR);
        type(kit.k.ks.current_syscall_error, SyscallError.seL4_IllegalOperation);
    }

    @Test
    void ioPortControlIssueChecks() {
        InvocationLabel l = InvocationLabel.X86IOPortControlIssue;
        type(decode(l, 4, new IOPortControlCap()), SyscallError.seL4_TruncatedMessage);
        extraCaps(kit.k, NullCap.INSTANCE);
        type(decode(l, 3, new IOPortControlCap()), SyscallError.seL4_TruncatedMessage);
        args(kit.ct, 0x70, 0x6f, 0, 64);
        SyscallError e = decode(l, 4, new IOPortControlCap());
        type(e, SyscallError.seL4_InvalidArgument);
        assertThat(e.invalidArgumentNumber()).isEqualTo(1);
        IoPorts.setIOPortMask(kit.state.x86KSAllocatedIOPorts, 0x3f8, 0x3ff, true);
        args(kit.ct, 0x3f0, 0x3f8, 0, 64);
        type(decode(l, 4, new IOPortControlCap()), SyscallError.seL4_RevokeFirst);
        // Port numbers are 16 bits: 0x1_03f9 is port 0x3f9, which is taken.
        args(kit.ct, 0x1_03f9L, 0x1_03f9L, 0, 64);
        type(decode(l, 4, new IOPortControlCap()), SyscallError.seL4_RevokeFirst);
    }

    @Test
    void ioPortAccessMustStayInsideTheCapsRange() {
        IOPortCap cap = new IOPortCap(0x60, 0x63, 0);
        type(decode(InvocationLabel.X86IOPortIn8, 0, cap), SyscallError.seL4_TruncatedMessage);
        type(decode(InvocationLabel.X86IOPortOut8, 1, cap), SyscallError.seL4_TruncatedMessage);
        args(kit.ct, 0x5f);
        type(decode(InvocationLabel.X86IOPortIn8, 1, cap), SyscallError.seL4_IllegalOperation);
        args(kit.ct, 0x63);
        type(decode(InvocationLabel.X86IOPortIn16, 1, cap), SyscallError.seL4_IllegalOperation);
        args(kit.ct, 0x61);
        type(decode(InvocationLabel.X86IOPortIn32, 1, cap), SyscallError.seL4_IllegalOperation);
        args(kit.ct, 0x62, 0xff);
        type(decode(InvocationLabel.X86IOPortOut32, 2, cap), SyscallError.seL4_IllegalOperation);
        type(decode(InvocationLabel.X86IOPortControlIssue, 4, cap), SyscallError.seL4_IllegalOperation);
    }

    @Test
    void vcpuDecodersCheckLengthsFieldsAndCaps() {
        X86VCPUCap cap = new X86VCPUCap(kit.vcpu());
        type(decode(InvocationLabel.X86VCPUSetTCB, 0, cap), SyscallError.seL4_TruncatedMessage);
        extraCaps(kit.k, new EndpointCap(null, 0, true, true, true, true));
        type(decode(InvocationLabel.X86VCPUSetTCB, 0, cap), SyscallError.seL4_IllegalOperation);
        noExtraCaps(kit.k);

        type(decode(InvocationLabel.X86VCPUReadVMCS, 0, cap), SyscallError.seL4_IllegalOperation);
        args(kit.ct, 0x6C16);
        type(decode(InvocationLabel.X86VCPUReadVMCS, 1, cap), SyscallError.seL4_IllegalOperation);
        type(decode(InvocationLabel.X86VCPUWriteVMCS, 1, cap), SyscallError.seL4_IllegalOperation);
        args(kit.ct, VmcsFields.VMX_DATA_EXIT_INSTRUCTION_LENGTH, 3);
        type(decode(InvocationLabel.X86VCPUWriteVMCS, 2, cap), SyscallError.seL4_IllegalOperation);
        args(kit.ct, 0x6C16, 3);
        type(decode(InvocationLabel.X86VCPUWriteVMCS, 2, cap), SyscallError.seL4_IllegalOperation);

        type(decode(InvocationLabel.X86VCPUEnableIOPort, 1, cap), SyscallError.seL4_TruncatedMessage);
        type(decode(InvocationLabel.X86VCPUEnableIOPort, 2, cap), SyscallError.seL4_TruncatedMessage);
        extraCaps(kit.k, new IOPortControlCap());
        type(decode(InvocationLabel.X86VCPUEnableIOPort, 2, cap), SyscallError.seL4_IllegalOperation);
        extraCaps(kit.k, new IOPortCap(0x60, 0x64, 0));
        args(kit.ct, 0x5f, 0x64);
        SyscallError e = decode(InvocationLabel.X86VCPUEnableIOPort, 2, cap);
        type(e, SyscallError.seL4_InvalidArgument);
        assertThat(e.invalidArgumentNumber()).isZero();
        args(kit.ct, 0x60, 0x65);
        type(decode(InvocationLabel.X86VCPUEnableIOPort, 2, cap), SyscallError.seL4_InvalidArgument);
        noExtraCaps(kit.k);

        type(decode(InvocationLabel.X86VCPUDisableIOPort, 1, cap), SyscallError.seL4_TruncatedMessage);
        type(decode(InvocationLabel.X86VCPUWriteRegisters, 14, cap), SyscallError.seL4_TruncatedMessage);

        type(decode(InvocationLabel.X86VCPUWriteMSR, 1, cap), SyscallError.seL4_IllegalOperation);
        args(kit.ct, VmcsFields.IA32_VMX_MISC_MSR, 1);
        type(decode(InvocationLabel.X86VCPUWriteMSR, 2, cap), SyscallError.seL4_IllegalOperation);
        type(decode(InvocationLabel.X86VCPUReadMSR, 0, cap), SyscallError.seL4_IllegalOperation);
        args(kit.ct, 0xC0000100L);
        type(decode(InvocationLabel.X86VCPUReadMSR, 1, cap), SyscallError.seL4_IllegalOperation);
    }
}
