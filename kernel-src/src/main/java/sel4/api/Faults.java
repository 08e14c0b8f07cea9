package sel4.api;

import static sel4.api.MessageInfo.messageInfoFromWord;
import static sel4.machine.Registers.msgInfoRegister;
import static sel4.machine.Registers.msgRegisters;
import static sel4.machine.Registers.n_msgRegisters;

import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.machine.Registers;
import sel4.model.Arch;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.ArchTcb;
import sel4.object.tcb.Tcb;

/**
 * Models seL4's src/api/faults.c and the syscall-error encoder of src/object/tcb.c (Haskell
 * API/Faults): fault and error messages, and fault-reply handling.
 *
 * <p>Message layouts are libsel4's ({@code seL4_CapFault_*}, {@code seL4_UnknownSyscall_*},
 * {@code seL4_UserException_*}, {@code seL4_Timeout_*}, {@code seL4_TimeoutReply_*},
 * {@code seL4_DebugException_*}); the register lists behind the UnknownSyscall, UserException
 * and TimeoutReply messages are per architecture ({@link FaultMessages}). Arch faults (VM, VCPU,
 * VGIC maintenance, VPPI) are encoded and decoded by the architecture hooks.
 */
public final class Faults extends KernelModule {
    // seL4_CapFault_Msg word indices.
    public static final int seL4_CapFault_IP = 0;
    public static final int seL4_CapFault_Addr = 1;
    public static final int seL4_CapFault_InRecvPhase = 2;
    public static final int seL4_CapFault_LookupFailureType = 3;
    public static final int seL4_CapFault_BitsLeft = 4;
    public static final int seL4_CapFault_DepthMismatch_BitsFound = 5;
    public static final int seL4_CapFault_GuardMismatch_GuardFound = 5;
    public static final int seL4_CapFault_GuardMismatch_BitsFound = 6;
    // seL4_Timeout_Msg word indices.
    public static final int seL4_Timeout_Data = 0;
    public static final int seL4_Timeout_Consumed = 1;
    // seL4_DebugException_Msg word indices.
    public static final int seL4_DebugException_FaultIP = 0;
    public static final int seL4_DebugException_ExceptionReason = 1;
    public static final int seL4_DebugException_TriggerAddress = 2;
    public static final int seL4_DebugException_BreakpointNumber = 3;
    // seL4_BreakpointType values that matter for debug-exception messages and replies.
    public static final int seL4_DataBreakpoint = 0;
    public static final int seL4_InstructionBreakpoint = 1;
    public static final int seL4_SingleStep = 2;
    public static final int seL4_SoftwareBreakRequest = 3;
    /** DEBUG_REPLY_N_EXPECTED_REGISTERS: a single-step reply carries the instruction count. */
    public static final int DEBUG_REPLY_N_EXPECTED_REGISTERS = 1;

    private final FaultMessages layout;

    public Faults(Kernel k) {
        super(k);
        this.layout = k.config.arch() == Arch.X86_64 ? FaultMessages.X86_64 : FaultMessages.AARCH64;
    }

    /** The fault-message register lists of this kernel's architecture. */
    public FaultMessages faultMessages() {
        return layout;
    }

    /**
     * Writes the message of {@code sender}'s pending fault into {@code receiver}'s message
     * registers (and buffer, if there is one) and returns the message length; the caller puts the
     * fault label into the msgInfo word.
     */
    public int setMRs_fault(Tcb sender, Tcb receiver, IpcBuffer receiveIPCBuffer) {
        Fault fault = sender.tcbFault;
        if (fault instanceof Fault.CapFault capFault) {
            setMR(receiver, receiveIPCBuffer, seL4_CapFault_IP, getRestartPC(sender));
            setMR(receiver, receiveIPCBuffer, seL4_CapFault_Addr, capFault.address());
            setMR(receiver, receiveIPCBuffer, seL4_CapFault_InRecvPhase, capFault.inReceivePhase() ? 1 : 0);
            // C reads the lookup failure saved in the TCB by sendFaultIPC; a fault built without
            // going through sendFaultIPC still carries its own.
            LookupFault luf = sender.tcbLookupFailure != null ? sender.tcbLookupFailure : capFault.lookupFailure();
            return setMRs_lookup_failure(receiver, receiveIPCBuffer, luf, seL4_CapFault_LookupFailureType);
        }
        if (fault instanceof Fault.UnknownSyscall unknownSyscall) {
            copyMRsFault(sender, receiver, layout.syscallMessage, receiveIPCBuffer);
            return setMR(receiver, receiveIPCBuffer, layout.syscallMessage.length, unknownSyscall.syscallNumber());
        }
        if (fault instanceof Fault.UserException userException) {
            int n = layout.exceptionMessage.length;
            copyMRsFault(sender, receiver, layout.exceptionMessage, receiveIPCBuffer);
            setMR(receiver, receiveIPCBuffer, n, userException.number());
            return setMR(receiver, receiveIPCBuffer, n + 1, userException.code());
        }
        if (fault instanceof Fault.Timeout timeout) {
            if (sender.tcbSchedContext != null) {
                // Reporting the consumed time also resets the SC's counter.
                long consumed = k.schedContexts.schedContext_updateConsumed(sender.tcbSchedContext);
                int len = setMR(receiver, receiveIPCBuffer, seL4_Timeout_Data, timeout.badge());
                return mode_setTimeArg(len, consumed, receiveIPCBuffer, receiver);
            }
            return setMR(receiver, receiveIPCBuffer, seL4_Timeout_Data, timeout.badge());
        }
        if (fault instanceof Fault.DebugException debug) {
            setMR(receiver, receiveIPCBuffer, seL4_DebugException_FaultIP, getRestartPC(sender));
            int ret = setMR(receiver, receiveIPCBuffer, seL4_DebugException_ExceptionReason,
                    debug.exceptionReason());
            // Single steps and software break requests have no trigger address or register.
            if (debug.exceptionReason() != seL4_SingleStep && debug.exceptionReason() != seL4_SoftwareBreakRequest) {
                setMR(receiver, receiveIPCBuffer, seL4_DebugException_TriggerAddress, debug.breakpointAddress());
                ret = setMR(receiver, receiveIPCBuffer, seL4_DebugException_BreakpointNumber,
                        debug.breakpointNumber());
            }
            return ret;
        }
        if (fault == null) {
            fail("Invalid fault");
        }
        return k.arch.Arch_setMRs_fault(sender, receiver, receiveIPCBuffer, fault);
    }

    /**
     * Writes a lookup failure starting at message word {@code offset}: the libsel4 failure type
     * (C's lufType + 1) followed by its detail words. Returns the message length.
     */
    public int setMRs_lookup_failure(Tcb receiver, IpcBuffer receiveIPCBuffer, LookupFault luf, int offset) {
        if (luf == null) {
            fail("Invalid lookup failure");
        }
        int i = setMR(receiver, receiveIPCBuffer, offset, luf.type());
        if (luf instanceof LookupFault.InvalidRoot) {
            return i;
        }
        if (luf instanceof LookupFault.MissingCapability missing) {
            return setMR(receiver, receiveIPCBuffer, offset + 1, missing.bitsLeft());
        }
        if (luf instanceof LookupFault.DepthMismatch depth) {
            setMR(receiver, receiveIPCBuffer, offset + 1, depth.bitsLeft());
            return setMR(receiver, receiveIPCBuffer, offset + 2, depth.bitsFound());
        }
        LookupFault.GuardMismatch guard = (LookupFault.GuardMismatch) luf;
        setMR(receiver, receiveIPCBuffer, offset + 1, guard.bitsLeft());
        setMR(receiver, receiveIPCBuffer, offset + 2, guard.guardFound());
        return setMR(receiver, receiveIPCBuffer, offset + 3, guard.bitsFound());
    }

    /**
     * Writes the words of {@code ks.current_syscall_error} (KERNEL-REFERENCE §6.3) and returns
     * the message length; the error number becomes the label (see replyFromKernel_error).
     */
    public int setMRs_syscall_error(Tcb thread, IpcBuffer receiveIPCBuffer) {
        SyscallError error = ks.current_syscall_error;
        if (error == null) {
            fail("Invalid syscall error");
        }
        switch (error.type()) {
            case SyscallError.seL4_InvalidArgument:
                return setMR(thread, receiveIPCBuffer, 0, error.invalidArgumentNumber());
            case SyscallError.seL4_InvalidCapability:
                return setMR(thread, receiveIPCBuffer, 0, error.invalidCapNumber());
            case SyscallError.seL4_RangeError:
                setMR(thread, receiveIPCBuffer, 0, error.rangeErrorMin());
                return setMR(thread, receiveIPCBuffer, 1, error.rangeErrorMax());
            case SyscallError.seL4_FailedLookup: {
                setMR(thread, receiveIPCBuffer, 0, error.failedLookupWasSource() ? 1 : 0);
                // C reads the global current_lookup_fault; the model's error may carry it too.
                LookupFault luf = error.lookupFault() != null ? error.lookupFault() : ks.current_lookup_fault;
                return setMRs_lookup_failure(thread, receiveIPCBuffer, luf, 1);
            }
            case SyscallError.seL4_NotEnoughMemory:
                return setMR(thread, receiveIPCBuffer, 0, error.memoryLeft());
            case SyscallError.seL4_IllegalOperation:
            case SyscallError.seL4_AlignmentError:
            case SyscallError.seL4_TruncatedMessage:
            case SyscallError.seL4_DeleteFirst:
            case SyscallError.seL4_RevokeFirst:
                return 0;
            default:
                fail("Invalid syscall error");
                return 0;
        }
    }

    /**
     * Applies a fault handler's reply (from {@code sender}) to the faulted {@code receiver} and
     * says whether the receiver restarts. Capability faults always restart; for unknown
     * syscalls, user exceptions and timeouts the reply words are copied (sanitised) into the
     * registers of the fault's layout and the thread restarts iff the reply label is 0.
     */
    public boolean handleFaultReply(Tcb receiver, Tcb sender) {
        MessageInfo tag = messageInfoFromWord(getRegister(sender, msgInfoRegister));
        long label = tag.label();
        int length = tag.length();
        Fault fault = receiver.tcbFault;
        if (fault instanceof Fault.CapFault) {
            return true;
        }
        if (fault instanceof Fault.UnknownSyscall) {
            copyMRsFaultReply(sender, receiver, layout.syscallMessage, Math.min(length, layout.syscallMessage.length));
            return label == 0;
        }
        if (fault instanceof Fault.UserException) {
            copyMRsFaultReply(sender, receiver, layout.exceptionMessage,
                    Math.min(length, layout.exceptionMessage.length));
            return label == 0;
        }
        if (fault instanceof Fault.Timeout) {
            copyMRsFaultReply(sender, receiver, layout.timeoutReplyMessage,
                    Math.min(length, layout.timeoutReplyMessage.length));
            return label == 0;
        }
        if (fault instanceof Fault.DebugException debug) {
            return handleDebugFaultReply(receiver, sender, debug, label, length);
        }
        if (fault == null) {
            fail("Invalid fault");
        }
        return k.arch.Arch_handleFaultReply(receiver, sender, fault, length);
    }

    /**
     * The CONFIG_HARDWARE_DEBUG_API case of handleFaultReply. Only single-step replies carry
     * data (the number of instructions to step next); a reply to a thread that is not
     * single-stepping cannot re-arm stepping and leaves the thread stopped, as the arch
     * decoder's IllegalOperation does in C.
     */
    private boolean handleDebugFaultReply(Tcb receiver, Tcb sender, Fault.DebugException debug, long label,
                                          int length) {
        if (debug.exceptionReason() != seL4_SingleStep) {
            return label == 0;
        }
        long nInstrs = length < DEBUG_REPLY_N_EXPECTED_REGISTERS ? 1 : getRegister(sender, msgRegisters[0]);
        ArchTcb.DebugState state = receiver.tcbArch.debug;
        if (!state.singleStepEnabled) {
            return false;
        }
        state.singleStepEnabled = nInstrs != 0;
        state.singleStepInstructions = nInstrs;
        return label == 0;
    }

    /** Copies fault registers of {@code sender} into {@code receiver}'s message (registers, then buffer). */
    private void copyMRsFault(Tcb sender, Tcb receiver, int[] regs, IpcBuffer receiveIPCBuffer) {
        int length = regs.length;
        int i = 0;
        for (; i < Math.min(length, n_msgRegisters); i++) {
            setRegister(receiver, msgRegisters[i], getRegister(sender, regs[i]));
        }
        if (receiveIPCBuffer != null) {
            for (; i < length; i++) {
                receiveIPCBuffer.set(i + 1, getRegister(sender, regs[i]));
            }
        }
    }

    /**
     * Copies the first {@code length} reply words of {@code sender} into the registers listed in
     * {@code regs} of {@code receiver}, sanitising each value. Words beyond the message registers
     * come from the sender's buffer, read with read authority; without a buffer they are dropped.
     */
    private void copyMRsFaultReply(Tcb sender, Tcb receiver, int[] regs, int length) {
        boolean archInfo = getSanitiseRegisterInfo(receiver);
        int i = 0;
        for (; i < Math.min(length, n_msgRegisters); i++) {
            int r = regs[i];
            setRegister(receiver, r, sanitiseRegister(r, getRegister(sender, msgRegisters[i]), archInfo));
        }
        if (i < length) {
            IpcBuffer sendBuf = k.arch.lookupIPCBuffer(false, sender);
            if (sendBuf != null) {
                for (; i < length; i++) {
                    int r = regs[i];
                    setRegister(receiver, r, sanitiseRegister(r, sendBuf.get(i + 1), archInfo));
                }
            }
        }
    }

    /**
     * Arch_getSanitiseRegisterInfo: on AArch64 with hypervisor support a thread with a VCPU may
     * run at EL1, so its saved SPSR may name EL1 modes; x86_64 has no such case.
     */
    private boolean getSanitiseRegisterInfo(Tcb thread) {
        return layout == FaultMessages.AARCH64 && thread.tcbArch.tcbVCPU != null;
    }

    /** sanitiseRegister of the current architecture: user values must not grant privilege. */
    public long sanitiseRegister(int reg, long v, boolean archInfo) {
        return layout.sanitise(reg, v, archInfo);
    }

    /**
     * The per-architecture register lists of the fault messages (C's fault_messages table, from
     * the SYSCALL_MESSAGE, EXCEPTION_MESSAGE and TIMEOUT_REPLY_MESSAGE lists of the arch
     * registerset.h), in libsel4 message order, plus the architecture's register sanitiser.
     */
    public static final class FaultMessages {
        /** AArch64 PSTATE mode bits (PMODE_*) and the user PSTATE of a debug build. */
        static final long PMODE_FIRQ = 1L << 6;
        static final long PMODE_EL0t = 0;
        static final long PMODE_EL1t = 4;
        static final long PMODE_EL1h = 5;
        /** PSTATE_USER = PMODE_FIRQ | PMODE_EL0t (debug build: no extra SError mask bit). */
        static final long PSTATE_USER = PMODE_FIRQ | PMODE_EL0t;
        /** x86 FLAGS bits forced by sanitiseRegister. */
        static final long FLAGS_TF = 1L << 8;
        static final long FLAGS_IF = 1L << 9;
        static final long FLAGS_HIGH = 1L << 1;
        static final long FLAGS_LOW = (1L << 3) | (1L << 5);
        static final long FLAGS_MASK = (1L << 12) - 1;

        private static final int X0 = 0;

        public static final FaultMessages AARCH64 = new FaultMessages(
                new int[] {X0, 1, 2, 3, 4, 5, 6, 7, Registers.FaultIP, Registers.SP, Registers.NextIP, Registers.SPSR},
                new int[] {Registers.FaultIP, Registers.SP, Registers.SPSR},
                new int[] {Registers.FaultIP, Registers.SP, Registers.SPSR,
                    X0, 1, 2, 3, 4, 5, 6, 7, 8, 16, 17, 18, 29, 30,
                    9, 10, 11, 12, 13, 14, 15, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28},
                false);

        /** x86_64 with the model's register numbering (see {@link Registers}). */
        public static final FaultMessages X86_64 = new FaultMessages(
                new int[] {Registers.RAX, Registers.RBX, Registers.RCX, Registers.RDX, x86("RSI"), x86("RDI"),
                    Registers.RBP, x86("R8"), x86("R9"), x86("R10"), Registers.R11, x86("R12"), x86("R13"),
                    Registers.R14, x86("R15"), Registers.FaultIP, Registers.SP, Registers.SPSR},
                new int[] {Registers.FaultIP, Registers.SP, Registers.SPSR},
                new int[] {Registers.FaultIP, Registers.SP, Registers.SPSR, Registers.RAX, Registers.RBX,
                    Registers.RCX, Registers.RDX, x86("RSI"), x86("RDI"), Registers.RBP, x86("R8"), x86("R9"),
                    x86("R10"), Registers.R11, x86("R12"), x86("R13"), Registers.R14, x86("R15"),
                    Registers.TLS_BASE},
                true);

        /** seL4_UnknownSyscall_* registers (n_syscallMessage words before the syscall number). */
        public final int[] syscallMessage;
        /** seL4_UserException_* registers (n_exceptionMessage words before number and code). */
        public final int[] exceptionMessage;
        /** seL4_TimeoutReply_* registers (n_timeoutMessage words). */
        public final int[] timeoutReplyMessage;
        private final boolean x86;

        private FaultMessages(int[] syscallMessage, int[] exceptionMessage, int[] timeoutReplyMessage, boolean x86) {
            this.syscallMessage = syscallMessage;
            this.exceptionMessage = exceptionMessage;
            this.timeoutReplyMessage = timeoutReplyMessage;
            this.x86 = x86;
        }

        /** The register number of an x86_64 register named in {@link Registers#X86_64_NAMES}. */
        private static int x86(String name) {
            for (int i = 0; i < Registers.X86_64_NAMES.length; i++) {
                if (name.equals(Registers.X86_64_NAMES[i])) {
                    return i;
                }
            }
            throw new IllegalStateException("no x86_64 register " + name);
        }

        long sanitise(int reg, long v, boolean archInfo) {
            return x86 ? sanitiseX86_64(reg, v) : sanitiseAArch64(reg, v, archInfo);
        }

        /** AArch64: a thread may only return to EL0 (or, with a VCPU, to EL1) with its flags kept. */
        private static long sanitiseAArch64(int reg, long v, boolean archInfo) {
            if (reg != Registers.SPSR) {
                return v;
            }
            if (archInfo) {
                long mode = v & 0x1f;
                if (mode == PMODE_EL0t || mode == PMODE_EL1t || mode == PMODE_EL1h) {
                    return v;
                }
            }
            return (v & 0xf0000000L) | PSTATE_USER;
        }

        /** x86_64: instruction and TLS addresses must be canonical; FLAGS keep only user bits. */
        private static long sanitiseX86_64(int reg, long v) {
            if (reg == Registers.FaultIP || reg == Registers.NextIP || reg == Registers.TLS_BASE
                    || reg == Registers.TLS_BASE_2) {
                if (Long.compareUnsigned(v, 0x00007fffffffffffL) > 0
                        && Long.compareUnsigned(v, 0xffff800000000000L) < 0) {
                    v = 0;
                }
            }
            if (reg == Registers.SPSR) {
                v |= FLAGS_HIGH;
                v &= ~FLAGS_LOW;
                v |= FLAGS_IF;
                v &= ~FLAGS_TF;
                v &= FLAGS_MASK;
            }
            return v;
        }
    }
}
