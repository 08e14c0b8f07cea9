// contract: fault messages, lookup-failure and syscall-error words and fault-reply decoding follow the libsel4 layouts (C numbering) on AArch64 and x86_64, truncate without a buffer, and never let a Java exception escape.
package sel4.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static sel4.kernel.IpcTestSupport.mr;
import static sel4.kernel.IpcTestSupport.reg;
import static sel4.kernel.IpcTestSupport.setReg;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import sel4.kernel.IpcTestSupport;
import sel4.kernel.KernelHalt;
import sel4.machine.Registers;
import sel4.model.Config;
import sel4.object.cap.VMRights;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.BoundVcpu;
import sel4.object.tcb.Tcb;

class FaultsTest {
    private final IpcTestSupport s = IpcTestSupport.aarch64();
    private final Faults faults = s.k.faults;
    private final Tcb faulter = s.thread("faulter", 10);
    private final Tcb handler = s.thread("handler", 20);

    private void fillRegisters(Tcb t, long base) {
        for (int r = 0; r < Registers.n_contextRegisters; r++) {
            setReg(t, r, base + r);
        }
    }

    // ---- setMRs_fault ----

    @Test
    void capFaultCarriesRestartPcAddressPhaseAndLookupFailure() {
        IpcBuffer buf = s.looseBuffer();
        setReg(faulter, Registers.FaultIP, 0x1234);
        faulter.tcbFault = new Fault.CapFault(0x77, true, new LookupFault.GuardMismatch(9, 0x5, 3));

        int len = faults.setMRs_fault(faulter, handler, buf);

        assertThat(len).isEqualTo(7);
        assertThat(mr(handler, buf, Faults.seL4_CapFault_IP)).isEqualTo(0x1234);
        assertThat(mr(handler, buf, Faults.seL4_CapFault_Addr)).isEqualTo(0x77);
        assertThat(mr(handler, buf, Faults.seL4_CapFault_InRecvPhase)).isEqualTo(1);
        assertThat(mr(handler, buf, Faults.seL4_CapFault_LookupFailureType)).isEqualTo(LookupFault.seL4_GuardMismatch);
        assertThat(buf.get(Faults.seL4_CapFault_BitsLeft + 1)).isEqualTo(9);
        assertThat(buf.get(Faults.seL4_CapFault_GuardMismatch_GuardFound + 1)).isEqualTo(5);
        assertThat(buf.get(Faults.seL4_CapFault_GuardMismatch_BitsFound + 1)).isEqualTo(3);
    }

    @Test
    void capFaultPrefersTheLookupFailureSavedInTheTcb() {
        faulter.tcbFault = new Fault.CapFault(0x10, false, new LookupFault.InvalidRoot());
        faulter.tcbLookupFailure = new LookupFault.MissingCapability(12);
        IpcBuffer buf = s.looseBuffer();

        int len = faults.setMRs_fault(faulter, handler, buf);

        assertThat(len).isEqualTo(5);
        assertThat(mr(handler, buf, 2)).isZero();
        assertThat(mr(handler, buf, 3)).isEqualTo(LookupFault.seL4_MissingCapability);
        assertThat(buf.get(5)).isEqualTo(12);
    }

    @Test
    void capFaultWithoutReceiveBufferIsTruncatedToTheMessageRegisters() {
        faulter.tcbFault = new Fault.CapFault(0x10, false, new LookupFault.DepthMismatch(4, 7));

        int len = faults.setMRs_fault(faulter, handler, null);

        assertThat(len).isEqualTo(Registers.n_msgRegisters);
        assertThat(mr(handler, null, 3)).isEqualTo(LookupFault.seL4_DepthMismatch);
    }

    @Test
    void unknownSyscallSendsTheSyscallRegistersThenTheNumber() {
        fillRegisters(faulter, 100);
        IpcBuffer buf = s.looseBuffer();
        faulter.tcbFault = new Fault.UnknownSyscall(-42);

        int len = faults.setMRs_fault(faulter, handler, buf);

        int[] layout = faults.faultMessages().syscallMessage;
        assertThat(layout).hasSize(12);
        assertThat(len).isEqualTo(13);
        for (int i = 0; i < layout.length; i++) {
            assertThat(mr(handler, buf, i)).as("word %d", i).isEqualTo(100 + layout[i]);
        }
        // X0..X7, then FaultIP, SP, LR (ELR_EL1) and SPSR, then the syscall number.
        assertThat(mr(handler, buf, 7)).isEqualTo(107);
        assertThat(mr(handler, buf, 8)).isEqualTo(100 + Registers.FaultIP);
        assertThat(mr(handler, buf, 10)).isEqualTo(100 + Registers.NextIP);
        assertThat(mr(handler, buf, 12)).isEqualTo(-42);
    }

    @Test
    void userExceptionSendsFaultIpSpSpsrNumberAndCode() {
        fillRegisters(faulter, 1000);
        IpcBuffer buf = s.looseBuffer();
        faulter.tcbFault = new Fault.UserException(3, 0x2f);

        int len = faults.setMRs_fault(faulter, handler, buf);

        assertThat(len).isEqualTo(5);
        assertThat(mr(handler, buf, 0)).isEqualTo(1000 + Registers.FaultIP);
        assertThat(mr(handler, buf, 1)).isEqualTo(1000 + Registers.SP);
        assertThat(mr(handler, buf, 2)).isEqualTo(1000 + Registers.SPSR);
        assertThat(mr(handler, buf, 3)).isEqualTo(3);
        assertThat(buf.get(5)).isEqualTo(0x2f);
    }

    @Test
    void userExceptionWithoutBufferDropsTheCodeAndSaysSo() {
        faulter.tcbFault = new Fault.UserException(3, 0x2f);

        assertThat(faults.setMRs_fault(faulter, handler, null)).isEqualTo(Registers.n_msgRegisters);
    }

    @Test
    void timeoutOfAThreadWithoutScSendsOnlyTheBadge() {
        faulter.tcbFault = new Fault.Timeout(0xbad);

        int len = faults.setMRs_fault(faulter, handler, null);

        assertThat(len).isEqualTo(1);
        assertThat(mr(handler, null, Faults.seL4_Timeout_Data)).isEqualTo(0xbad);
    }

    @Test
    void debugBreakpointSendsFourWordsAndSingleStepTwo() {
        setReg(faulter, Registers.FaultIP, 0x4000);
        faulter.tcbFault = new Fault.DebugException(0x5000, Faults.seL4_InstructionBreakpoint, 2);
        assertThat(faults.setMRs_fault(faulter, handler, null)).isEqualTo(4);
        assertThat(mr(handler, null, 0)).isEqualTo(0x4000);
        assertThat(mr(handler, null, 1)).isEqualTo(Faults.seL4_InstructionBreakpoint);
        assertThat(mr(handler, null, 2)).isEqualTo(0x5000);
        assertThat(mr(handler, null, 3)).isEqualTo(2);

        setReg(handler, Registers.msgRegisters[2], 0xdead);
        faulter.tcbFault = new Fault.DebugException(0x5000, Faults.seL4_SingleStep, 0);
        assertThat(faults.setMRs_fault(faulter, handler, null)).isEqualTo(2);
        assertThat(mr(handler, null, 2)).as("no trigger address for a single step").isEqualTo(0xdead);
    }

    @Test
    void aThreadWithoutFaultHasNoFaultMessage() {
        faulter.tcbFault = null;

        assertThatThrownBy(() -> faults.setMRs_fault(faulter, handler, null))
                .isInstanceOf(KernelHalt.class).hasMessageContaining("Invalid fault");
    }

    // ---- setMRs_syscall_error / setMRs_lookup_failure ----

    private int errorReply(SyscallError e, IpcBuffer buf) {
        s.k.ks.current_syscall_error = e;
        return faults.setMRs_syscall_error(handler, buf);
    }

    @Test
    void syscallErrorWordsFollowTheErrorType() {
        assertThat(errorReply(SyscallError.invalidArgument(2), null)).isEqualTo(1);
        assertThat(mr(handler, null, 0)).isEqualTo(2);

        assertThat(errorReply(SyscallError.invalidCapability(1), null)).isEqualTo(1);
        assertThat(mr(handler, null, 0)).isEqualTo(1);

        assertThat(errorReply(SyscallError.rangeError(20, 5000), null)).isEqualTo(2);
        assertThat(mr(handler, null, 0)).isEqualTo(20);
        assertThat(mr(handler, null, 1)).isEqualTo(5000);

        assertThat(errorReply(SyscallError.notEnoughMemory(4096), null)).isEqualTo(1);
        assertThat(mr(handler, null, 0)).isEqualTo(4096);

        for (SyscallError e : new SyscallError[] {SyscallError.illegalOperation(), SyscallError.alignmentError(),
            SyscallError.truncatedMessage(), SyscallError.deleteFirst(), SyscallError.revokeFirst()}) {
            assertThat(errorReply(e, null)).as("error %d", e.type()).isZero();
        }
    }

    @Test
    void failedLookupErrorSendsSourceFlagAndLookupFailureFromWordOne() {
        IpcBuffer buf = s.looseBuffer();
        int len = errorReply(SyscallError.failedLookup(true, new LookupFault.GuardMismatch(7, 0x3, 2)), buf);

        assertThat(len).isEqualTo(5);
        assertThat(mr(handler, buf, 0)).isEqualTo(1);
        assertThat(mr(handler, buf, 1)).isEqualTo(LookupFault.seL4_GuardMismatch);
        assertThat(mr(handler, buf, 2)).isEqualTo(7);
        assertThat(mr(handler, buf, 3)).isEqualTo(3);
        assertThat(buf.get(5)).isEqualTo(2);
    }

    @Test
    void failedLookupWithoutLookupFaultInTheErrorUsesCurrentLookupFault() {
        s.k.ks.current_lookup_fault = new LookupFault.InvalidRoot();
        int len = errorReply(SyscallError.failedLookup(false, null), null);

        assertThat(len).isEqualTo(2);
        assertThat(mr(handler, null, 0)).isZero();
        assertThat(mr(handler, null, 1)).isEqualTo(LookupFault.seL4_InvalidRoot);
    }

    @Test
    void noCurrentSyscallErrorHaltsInsteadOfThrowingNullPointer() {
        s.k.ks.current_syscall_error = null;

        assertThatThrownBy(() -> faults.setMRs_syscall_error(handler, null)).isInstanceOf(KernelHalt.class);
    }

    // ---- handleFaultReply ----

    private void reply(Tcb from, long label, long... words) {
        IpcTestSupport.setMessage(from, null, label, 0, words);
    }

    @Test
    void capFaultReplyAlwaysRestartsAndTouchesNoRegister() {
        fillRegisters(faulter, 50);
        faulter.tcbFault = new Fault.CapFault(1, false, new LookupFault.InvalidRoot());
        reply(handler, 9, 1, 2, 3);

        assertThat(faults.handleFaultReply(faulter, handler)).isTrue();
        assertThat(reg(faulter, 0)).isEqualTo(50);
        assertThat(reg(faulter, Registers.FaultIP)).isEqualTo(50 + Registers.FaultIP);
    }

    @Test
    void unknownSyscallReplyWritesTheSyscallRegistersAndRestartsOnLabelZero() {
        faulter.tcbFault = new Fault.UnknownSyscall(7);
        reply(handler, 0, 11, 12, 13);

        assertThat(faults.handleFaultReply(faulter, handler)).isTrue();
        assertThat(reg(faulter, 0)).isEqualTo(11);
        assertThat(reg(faulter, 1)).isEqualTo(12);
        assertThat(reg(faulter, 2)).isEqualTo(13);
        assertThat(reg(faulter, 3)).as("beyond the reply length").isZero();
    }

    @Test
    void nonZeroReplyLabelStopsTheThreadButStillAppliesTheRegisters() {
        faulter.tcbFault = new Fault.UserException(1, 1);
        reply(handler, 1, 0x8000);

        assertThat(faults.handleFaultReply(faulter, handler)).isFalse();
        assertThat(reg(faulter, Registers.FaultIP)).isEqualTo(0x8000);
    }

    @Test
    void replySpsrIsSanitisedToUserMode() {
        faulter.tcbFault = new Fault.UserException(1, 1);
        reply(handler, 0, 0x8000, 0x9000, 0xffff_ffff_ffff_ffc5L);

        faults.handleFaultReply(faulter, handler);

        assertThat(reg(faulter, Registers.SP)).isEqualTo(0x9000);
        // Only the condition flags survive; the mode becomes EL0t with FIQs masked.
        assertThat(reg(faulter, Registers.SPSR)).isEqualTo(0xf000_0040L);
    }

    @Test
    void threadWithVcpuMayBeRepliedIntoEl1() {
        faulter.tcbArch.tcbVCPU = new BoundVcpu() {
        };
        faulter.tcbFault = new Fault.UserException(1, 1);
        reply(handler, 0, 0x8000, 0x9000, 0x3c5);

        faults.handleFaultReply(faulter, handler);

        assertThat(reg(faulter, Registers.SPSR)).as("EL1h kept for a guest").isEqualTo(0x3c5);
    }

    @Test
    void timeoutReplyUsesTheTimeoutReplyLayout() {
        faulter.tcbFault = new Fault.Timeout(5);
        reply(handler, 0, 0x100, 0x200, 0x0, 0x77);

        assertThat(faults.handleFaultReply(faulter, handler)).isTrue();
        assertThat(reg(faulter, Registers.FaultIP)).isEqualTo(0x100);
        assertThat(reg(faulter, Registers.SP)).isEqualTo(0x200);
        assertThat(reg(faulter, 0)).as("X0 is TimeoutReply word 3").isEqualTo(0x77);
        assertThat(faults.faultMessages().timeoutReplyMessage).hasSize(34);
    }

    @Test
    void replyLongerThanTheLayoutIsCutToTheLayout() {
        faulter.tcbFault = new Fault.UserException(1, 1);
        // Three words is the whole UserException reply; a fourth must not land anywhere.
        reply(handler, 0, 1, 2, 3, 0x4444);

        faults.handleFaultReply(faulter, handler);

        for (int r = 0; r < Registers.n_contextRegisters; r++) {
            assertThat(reg(faulter, r)).as("register %d", r).isNotEqualTo(0x4444);
        }
    }

    @Test
    void singleStepReplySetsTheInstructionCountOnlyWhileStepping() {
        faulter.tcbFault = new Fault.DebugException(0, Faults.seL4_SingleStep, 0);
        faulter.tcbArch.debug.singleStepEnabled = true;
        reply(handler, 0, 3);

        assertThat(faults.handleFaultReply(faulter, handler)).isTrue();
        assertThat(faulter.tcbArch.debug.singleStepInstructions).isEqualTo(3);

        faulter.tcbArch.debug.singleStepEnabled = false;
        assertThat(faults.handleFaultReply(faulter, handler)).as("stepping not configured").isFalse();
    }

    @Test
    void breakpointReplyRestartsOnLabelZero() {
        faulter.tcbFault = new Fault.DebugException(0x10, Faults.seL4_DataBreakpoint, 4);
        reply(handler, 0);
        assertThat(faults.handleFaultReply(faulter, handler)).isTrue();
        reply(handler, 3);
        assertThat(faults.handleFaultReply(faulter, handler)).isFalse();
    }

    @Nested
    class X86 {
        private final IpcTestSupport x = new IpcTestSupport(Config.x86_64());
        private final Tcb f = x.thread("f", 1);
        private final Tcb h = x.thread("h", 1);

        @Test
        void unknownSyscallLayoutStartsWithRaxAndEndsWithFlags() {
            for (int r = 0; r < Registers.n_contextRegisters; r++) {
                setReg(f, r, 0x100 + r);
            }
            IpcBuffer buf = x.looseBuffer();
            f.tcbFault = new Fault.UnknownSyscall(5);

            int len = x.k.faults.setMRs_fault(f, h, buf);

            assertThat(len).isEqualTo(19);
            assertThat(mr(h, buf, 0)).isEqualTo(0x100 + Registers.RAX);
            assertThat(mr(h, buf, 5)).as("RDI").isEqualTo(0x100 + Registers.badgeRegister);
            assertThat(mr(h, buf, 17)).as("FLAGS").isEqualTo(0x100 + Registers.SPSR);
            assertThat(mr(h, buf, 18)).isEqualTo(5);
        }

        @Test
        void replySanitisesFlagsAndNonCanonicalInstructionPointer() {
            f.tcbFault = new Fault.UserException(0, 0);
            IpcTestSupport.setMessage(h, null, 0, 0, 0x0000_8000_0000_0000L, 0x7000, -1L);

            assertThat(x.k.faults.handleFaultReply(f, h)).isTrue();
            assertThat(reg(f, Registers.FaultIP)).as("non-canonical IP").isZero();
            assertThat(reg(f, Registers.SP)).isEqualTo(0x7000);
            // Only the low 12 bits; IF and the reserved bit 1 set; TF and bits 3, 5 clear.
            assertThat(reg(f, Registers.SPSR)).isEqualTo(0xed7L);
        }
    }

    @Test
    void messageInfoLengthFieldIsBoundedBeforeUse() {
        faulter.tcbFault = new Fault.UnknownSyscall(0);
        // A length field of 127 is clamped to 120 and then to the 12-word syscall layout; the
        // words beyond the registers need the sender's buffer (none here: dropped).
        setReg(handler, Registers.msgInfoRegister, MessageInfo.wordFromMessageInfo(new MessageInfo(0, 0, 0, 127)));
        setReg(handler, Registers.msgRegisters[0], 99);
        handler.tcbCTE[Tcb.tcbBuffer].cap = sel4.object.cap.NullCap.INSTANCE; // no buffer

        assertThat(faults.handleFaultReply(faulter, handler)).isTrue();
        assertThat(reg(faulter, 0)).isEqualTo(99);
    }

    @Test
    void timeoutFaultReportsAndResetsConsumedTime() {
        var sc = s.schedContext(faulter, 1000, 5000);
        sc.scConsumed = 321;
        faulter.tcbFault = new Fault.Timeout(0x42);

        int len = faults.setMRs_fault(faulter, handler, null);

        assertThat(len).isEqualTo(2);
        assertThat(mr(handler, null, Faults.seL4_Timeout_Data)).isEqualTo(0x42);
        assertThat(mr(handler, null, Faults.seL4_Timeout_Consumed)).isEqualTo(321);
        assertThat(sc.scConsumed).isZero();
    }

    @Test
    void vmFaultIsEncodedByTheArchitectureWithLabelSix() {
        setReg(faulter, Registers.FaultIP, 0x4400);
        faulter.tcbFault = new Fault.VMFault(0xdead000, 0x93, false);

        int len = faults.setMRs_fault(faulter, handler, null);

        assertThat(faulter.tcbFault.faultLabel()).isEqualTo(6);
        assertThat(len).isEqualTo(4);
        assertThat(mr(handler, null, 0)).isEqualTo(0x4400);
        assertThat(mr(handler, null, 1)).isEqualTo(0xdead000);
    }

    @Test
    void longUnknownSyscallReplyReadsTheRestFromTheSendersBuffer() {
        IpcBuffer hbuf = s.attachBuffer(handler, VMRights.VMReadOnly);
        faulter.tcbFault = new Fault.UnknownSyscall(1);
        IpcTestSupport.setMessage(handler, hbuf, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 0x8888, 0x9999);

        assertThat(faults.handleFaultReply(faulter, handler)).isTrue();
        assertThat(reg(faulter, 7)).isEqualTo(7);
        assertThat(reg(faulter, Registers.FaultIP)).isEqualTo(0x8888);
        assertThat(reg(faulter, Registers.SP)).isEqualTo(0x9999);
    }
}
