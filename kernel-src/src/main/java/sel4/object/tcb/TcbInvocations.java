package sel4.object.tcb;

import static sel4.api.ExceptionT.EXCEPTION_NONE;
import static sel4.api.MessageInfo.seL4_MessageInfo_new;
import static sel4.api.MessageInfo.wordFromMessageInfo;
import static sel4.machine.Registers.badgeRegister;
import static sel4.machine.Registers.msgInfoRegister;

import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.SyscallError;
import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.machine.Registers;
import sel4.machine.Words;
import sel4.model.Arch;
import sel4.object.ObjectType;
import sel4.object.cap.ArchCap;
import sel4.object.cap.CNodeCap;
import sel4.object.cap.Cap;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.FrameCap;
import sel4.object.cap.NotificationCap;
import sel4.object.cap.NullCap;
import sel4.object.cap.SchedContextCap;
import sel4.object.cap.ThreadCap;
import sel4.object.cnode.Cte;
import sel4.object.frame.IpcBuffer;
import sel4.object.notification.Notification;
import sel4.object.schedcontext.SchedContext;

/**
 * Models the TCB invocations of seL4's src/object/tcb.c (Haskell Object/TCB decodeTCBInvocation,
 * invokeTCB), MCS configuration: a decoder and an invoke function for every TCB label, including
 * the hardware-debug labels of CONFIG_HARDWARE_DEBUG_API.
 *
 * <p>The C reply protocol applies (KERNEL-REFERENCE §6.2): a decoder that succeeds sets the
 * current thread to Restart immediately before calling its invoke function and returns the
 * result. Invocations that return no data leave that Restart in place and touch no message
 * register, msgInfo or badge; handleInvocation then sends the empty reply on Call. The
 * data-returning functions have the exact forms of LEGACY-REPLY-BUGS §A6–A8:
 * {@link #invokeTCB_ReadRegisters} and {@link #invokeSetFlags} are the conforming references,
 * {@link #invokeTCB_WriteRegisters} reads its arguments in the perform stage (P),
 * {@link #invokeConfigureSingleStepping} keeps its pre-4ce6cbe9e form (C I G B R~) and
 * {@link #invokeGetBreakpoint} its post-4ce6cbe9e form (R L).
 *
 * <p>The MCS first-phase rule (thread caps rejected in phase 1 of ReplyRecv and friends) is applied
 * by the dispatcher decodeInvocation, not here.
 */
public final class TcbInvocations extends KernelModule {

    // ---- flag words of the invocations (libsel4 / tcb.c enums) ----

    /** CopyRegisters flag bits. */
    public static final int CopyRegisters_suspendSource = 0;
    public static final int CopyRegisters_resumeTarget = 1;
    public static final int CopyRegisters_transferFrame = 2;
    public static final int CopyRegisters_transferInteger = 3;
    /** ReadRegisters flag bit. */
    public static final int ReadRegisters_suspend = 0;
    /** WriteRegisters flag bit. */
    public static final int WriteRegisters_resume = 0;

    /** MCS thread_control_caps_flag (include/object/tcb.h). */
    public static final int thread_control_caps_update_ipc_buffer = 0x1;
    public static final int thread_control_caps_update_space = 0x2;
    public static final int thread_control_caps_update_fault = 0x4;
    public static final int thread_control_caps_update_timeout = 0x8;
    /** MCS thread_control_sched_flag (include/object/tcb.h). */
    public static final int thread_control_sched_update_priority = 0x1;
    public static final int thread_control_sched_update_mcp = 0x2;
    public static final int thread_control_sched_update_sc = 0x4;
    public static final int thread_control_sched_update_fault = 0x8;

    /** seL4_MinPrio. */
    public static final int seL4_MinPrio = 0;

    // ---- hardware debug API (libsel4 constants.h, arch debug_conf) ----

    /** seL4_BreakpointType. */
    public static final int seL4_DataBreakpoint = 0;
    public static final int seL4_InstructionBreakpoint = 1;
    public static final int seL4_SingleStep = 2;
    public static final int seL4_SoftwareBreakRequest = 3;
    /** seL4_BreakpointAccess. */
    public static final int seL4_BreakOnRead = 0;
    public static final int seL4_BreakOnWrite = 1;
    public static final int seL4_BreakOnReadWrite = 2;
    /**
     * The model's debug unit: the {@link ArchTcb.DebugState#numBreakpoints} register pairs of a
     * thread are split into exclusive instruction breakpoints (API numbers 0..3) followed by
     * exclusive data watchpoints (API numbers 4..5), the layout the ARM cores of seL4 use (with
     * fewer registers). Both modelled architectures share it.
     */
    public static final int seL4_FirstBreakpoint = 0;
    public static final int seL4_NumExclusiveBreakpoints = 4;
    public static final int seL4_FirstWatchpoint = 4;
    public static final int seL4_NumExclusiveWatchpoints = ArchTcb.DebugState.numBreakpoints - seL4_NumExclusiveBreakpoints;
    /** USER_TOP of both architectures: breakpoints may only name user addresses (below 2^47). */
    public static final long USER_TOP = 1L << 47;

    /** AArch64 PSTATE_USER (FIQ masked, EL0t); x86 FLAGS bits (cpu_registers.h). */
    private static final long PSTATE_USER = 0x40;
    private static final long FLAGS_TF = 1L << 8;
    private static final long FLAGS_IF = 1L << 9;
    private static final long FLAGS_HIGH = 1L << 1;
    private static final long FLAGS_LOW = (1L << 3) | (1L << 5);
    private static final long FLAGS_MASK = (1L << 12) - 1;

    public TcbInvocations(Kernel k) {
        super(k);
    }

    // ---- dispatcher -----------------------------------------------------------------------------

    /**
     * decodeTCBInvocation: second-level decode of a thread-cap invocation. {@code buffer} is the
     * decode-time IPC buffer of handleInvocation (read authority) and {@code call} the call flag.
     */
    public ExceptionT decodeTCBInvocation(long invLabel, int length, Cap cap, Cte slot, boolean call, IpcBuffer buffer) {
        if (!(cap instanceof ThreadCap tc)) {
            // The dispatcher only sends thread caps here; anything else is not invocable as a TCB.
            return syscallError(SyscallError.invalidCapability(0));
        }
        Tcb thread = tc.tcb();
        InvocationLabel label = InvocationLabel.genInvocationType(invLabel);
        switch (label) {
            case TCBReadRegisters:
                return decodeReadRegisters(cap, length, call, buffer);
            case TCBWriteRegisters:
                return decodeWriteRegisters(cap, length, buffer);
            case TCBCopyRegisters:
                return decodeCopyRegisters(cap, length, buffer);
            case TCBSuspend:
                k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
                return invokeTCB_Suspend(thread);
            case TCBResume:
                k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
                return invokeTCB_Resume(thread);
            case TCBConfigure:
                return decodeTCBConfigure(cap, length, slot, buffer);
            case TCBSetPriority:
                return decodeSetPriority(cap, length, buffer);
            case TCBSetMCPriority:
                return decodeSetMCPriority(cap, length, buffer);
            case TCBSetSchedParams:
                return decodeSetSchedParams(cap, length, slot, buffer);
            case TCBSetIPCBuffer:
                return decodeSetIPCBuffer(cap, length, slot, buffer);
            case TCBSetSpace:
                return decodeSetSpace(cap, length, slot, buffer);
            case TCBBindNotification:
                return decodeBindNotification(cap);
            case TCBUnbindNotification:
                return decodeUnbindNotification(cap);
            case TCBSetTimeoutEndpoint:
                return decodeSetTimeoutEndpoint(cap, slot);
            case TCBSetTLSBase:
                return decodeSetTLSBase(cap, length, buffer);
            case TCBSetFlags:
                return decodeSetFlags(cap, length, call, buffer);
            case TCBConfigureSingleStepping:
                if (config.hardwareDebugApi()) {
                    return decodeConfigureSingleStepping(cap, length, buffer);
                }
                break;
            case TCBSetBreakpoint:
                if (config.hardwareDebugApi()) {
                    return decodeSetBreakpoint(cap, length, buffer);
                }
                break;
            case TCBGetBreakpoint:
                if (config.hardwareDebugApi()) {
                    return decodeGetBreakpoint(cap, length, call, buffer);
                }
                break;
            case TCBUnsetBreakpoint:
                if (config.hardwareDebugApi()) {
                    return decodeUnsetBreakpoint(cap, length, buffer);
                }
                break;
            default:
                break;
        }
        return syscallError(SyscallError.illegalOperation());
    }

    // ---- registers ------------------------------------------------------------------------------

    /** decodeReadRegisters: (flags, n); 1 ≤ n ≤ frame + GP registers; not the caller's own TCB. */
    public ExceptionT decodeReadRegisters(Cap cap, int length, boolean call, IpcBuffer buffer) {
        if (length < 2) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long flags = getSyscallArg(0, buffer);
        long n = getSyscallArg(1, buffer);
        int max = k.arch.frameRegisters().length + k.arch.gpRegisters().length;
        if (n < 1 || Words.ugt(n, max)) {
            return syscallError(SyscallError.rangeError(1, max));
        }
        long transferArch = Arch_decodeTransfer(flags >>> 8);
        Tcb thread = ((ThreadCap) cap).tcb();
        if (thread == ks.ksCurThread) {
            return syscallError(SyscallError.illegalOperation());
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeTCB_ReadRegisters(thread, (flags & (1L << ReadRegisters_suspend)) != 0, n, transferArch, call);
    }

    /**
     * invokeTCB_ReadRegisters — the conforming C-form data reply (LEGACY-REPLY-BUGS §A7): the
     * source's frame registers then its general-purpose registers, {@code n} words in all, sent
     * only on Call, through the caller's own buffer looked up with write authority, badge 0,
     * length from the last setMR; the caller is Running on every success path.
     */
    public ExceptionT invokeTCB_ReadRegisters(Tcb tcb_src, boolean suspendSource, long n, long arch, boolean call) {
        Tcb thread = ks.ksCurThread;
        if (suspendSource) {
            k.thread.suspend(tcb_src);
        }
        ExceptionT e = Arch_performTransfer(arch, tcb_src, ks.ksCurThread);
        if (e != EXCEPTION_NONE) {
            return e;
        }
        if (call) {
            IpcBuffer ipcBuffer = k.arch.lookupIPCBuffer(true, thread);
            setRegister(thread, badgeRegister, 0);
            int[] frameRegisters = k.arch.frameRegisters();
            int[] gpRegisters = k.arch.gpRegisters();
            int length = 0;
            int i;
            for (i = 0; i < n && i < frameRegisters.length; i++) {
                length = setMR(thread, ipcBuffer, i, getRegister(tcb_src, frameRegisters[i]));
            }
            for (i = 0; i < gpRegisters.length && i + frameRegisters.length < n; i++) {
                length = setMR(thread, ipcBuffer, i + frameRegisters.length, getRegister(tcb_src, gpRegisters[i]));
            }
            setRegister(thread, msgInfoRegister, wordFromMessageInfo(seL4_MessageInfo_new(0, 0, 0, length)));
        }
        k.thread.setThreadState(thread, ThreadState.Running);
        return EXCEPTION_NONE;
    }

    /** decodeWriteRegisters: (flags, w, w register values); not the caller's own TCB. */
    public ExceptionT decodeWriteRegisters(Cap cap, int length, IpcBuffer buffer) {
        if (length < 2) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long flags = getSyscallArg(0, buffer);
        long w = getSyscallArg(1, buffer);
        if (Words.ult(length - 2, w)) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long transferArch = Arch_decodeTransfer(flags >>> 8);
        Tcb thread = ((ThreadCap) cap).tcb();
        if (thread == ks.ksCurThread) {
            return syscallError(SyscallError.illegalOperation());
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeTCB_WriteRegisters(thread, (flags & (1L << WriteRegisters_resume)) != 0, w, transferArch, buffer);
    }

    /**
     * invokeTCB_WriteRegisters: no reply. As in seL4 the new register values are read in the
     * perform stage, through the decode-time buffer (argument i + 2) — the structural finding P of
     * LEGACY-REPLY-BUGS §A8. Values are sanitised like seL4's sanitiseRegister.
     */
    public ExceptionT invokeTCB_WriteRegisters(Tcb dest, boolean resumeTarget, long n, long arch, IpcBuffer buffer) {
        ExceptionT e = Arch_performTransfer(arch, ks.ksCurThread, dest);
        if (e != EXCEPTION_NONE) {
            return e;
        }
        int[] frameRegisters = k.arch.frameRegisters();
        int[] gpRegisters = k.arch.gpRegisters();
        if (Words.ugt(n, frameRegisters.length + gpRegisters.length)) {
            n = frameRegisters.length + gpRegisters.length;
        }
        boolean archInfo = Arch_getSanitiseRegisterInfo(dest);
        int i;
        for (i = 0; i < frameRegisters.length && i < n; i++) {
            // Offset of 2: past the flags and count arguments.
            setRegister(dest, frameRegisters[i], sanitiseRegister(frameRegisters[i], getSyscallArg(i + 2, buffer), archInfo));
        }
        for (i = 0; i < gpRegisters.length && i + frameRegisters.length < n; i++) {
            setRegister(dest, gpRegisters[i],
                    sanitiseRegister(gpRegisters[i], getSyscallArg(i + frameRegisters.length + 2, buffer), archInfo));
        }
        alignRestartPC(dest, frameRegisters);
        if (resumeTarget) {
            k.thread.restart(dest);
        }
        if (dest == ks.ksCurThread) {
            // Registers are only reloaded on a switch, so a changed current thread must reschedule.
            k.sched.rescheduleRequired();
        }
        return EXCEPTION_NONE;
    }

    /** decodeCopyRegisters: (flags), extra cap 0 = the source thread. */
    public ExceptionT decodeCopyRegisters(Cap cap, int length, IpcBuffer buffer) {
        if (length < 1 || ks.current_extra_caps[0] == null) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long flags = getSyscallArg(0, buffer);
        long transferArch = Arch_decodeTransfer(flags >>> 8);
        Cap source_cap = ks.current_extra_caps[0].cap;
        if (!(source_cap instanceof ThreadCap src)) {
            return syscallError(SyscallError.invalidCapability(1));
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeTCB_CopyRegisters(((ThreadCap) cap).tcb(), src.tcb(),
                (flags & (1L << CopyRegisters_suspendSource)) != 0,
                (flags & (1L << CopyRegisters_resumeTarget)) != 0,
                (flags & (1L << CopyRegisters_transferFrame)) != 0,
                (flags & (1L << CopyRegisters_transferInteger)) != 0,
                transferArch);
    }

    /** invokeTCB_CopyRegisters: optional suspend of the source, restart of the target, then copy. */
    public ExceptionT invokeTCB_CopyRegisters(Tcb dest, Tcb tcb_src, boolean suspendSource, boolean resumeTarget,
                                              boolean transferFrame, boolean transferInteger, long transferArch) {
        if (suspendSource) {
            k.thread.suspend(tcb_src);
        }
        if (resumeTarget) {
            k.thread.restart(dest);
        }
        int[] frameRegisters = k.arch.frameRegisters();
        if (transferFrame) {
            for (int reg : frameRegisters) {
                setRegister(dest, reg, getRegister(tcb_src, reg));
            }
            alignRestartPC(dest, frameRegisters);
        }
        if (transferInteger) {
            for (int reg : k.arch.gpRegisters()) {
                setRegister(dest, reg, getRegister(tcb_src, reg));
            }
        }
        if (dest == ks.ksCurThread) {
            k.sched.rescheduleRequired();
        }
        return Arch_performTransfer(transferArch, tcb_src, dest);
    }

    /**
     * After a frame-register write the thread must resume at the PC just written, whether it is
     * Running (resumes at NextIP) or Restart (activateThread rewinds to FaultIP). seL4's frame
     * registers hold the restart PC and it copies that to the next PC; the model's user context
     * lists the next PC (docs/kernel-model.md), so the copy goes the other way.
     */
    private static void alignRestartPC(Tcb dest, int[] frameRegisters) {
        if (frameRegisters.length > 0 && frameRegisters[0] == Registers.FaultIP) {
            setNextPC(dest, getRestartPC(dest));
        } else {
            setRegister(dest, Registers.FaultIP, getRegister(dest, Registers.NextIP));
        }
    }

    /**
     * Arch_decodeTransfer / Arch_performTransfer: neither modelled architecture has an
     * architecture-specific register set to transfer (seL4's ARM and x86 versions are no-ops).
     */
    private static long Arch_decodeTransfer(long flags) {
        return 0;
    }

    private static ExceptionT Arch_performTransfer(long arch, Tcb tcb_src, Tcb tcb_dest) {
        return EXCEPTION_NONE;
    }

    /** Arch_getSanitiseRegisterInfo: AArch64 lets a thread with a VCPU run in EL1. */
    private boolean Arch_getSanitiseRegisterInfo(Tcb thread) {
        return config.arch() == Arch.AARCH64 && thread.tcbArch.tcbVCPU != null;
    }

    /**
     * sanitiseRegister: user-written values must not give a thread kernel privileges. AArch64: the
     * saved PSTATE keeps only the condition flags and is forced to EL0 (EL1 modes are allowed for
     * VCPU threads). x86_64: instruction and TLS addresses must be canonical (else 0), FLAGS get
     * the architectural fixed bits, interrupts on and no trap flag.
     */
    private long sanitiseRegister(int reg, long v, boolean archInfo) {
        if (config.arch() == Arch.AARCH64) {
            if (reg == Registers.SPSR) {
                if (archInfo) {
                    int mode = (int) (v & 0x1f);
                    if (mode == 0x0 || mode == 0x4 || mode == 0x5) {
                        return v;
                    }
                }
                return (v & 0xf0000000L) | PSTATE_USER;
            }
            return v;
        }
        if (reg == Registers.NextIP || reg == Registers.FaultIP || reg == Registers.TLS_BASE || reg == Registers.TLS_BASE_2) {
            if (Words.ugt(v, 0x00007fffffffffffL) && Words.ult(v, 0xffff800000000000L)) {
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

    // ---- thread control: caps -------------------------------------------------------------------

    /**
     * decodeTCBConfigure (MCS): (cRootData, vRootData, bufferAddr); extra caps CSpace root,
     * VSpace root, IPC-buffer frame. Batches SetSpace (without the fault handler) and SetIPCBuffer.
     */
    public ExceptionT decodeTCBConfigure(Cap cap, int length, Cte slot, IpcBuffer buffer) {
        if (length < 3 || ks.current_extra_caps[0] == null || ks.current_extra_caps[1] == null
                || ks.current_extra_caps[2] == null) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long cRootData = getSyscallArg(0, buffer);
        long vRootData = getSyscallArg(1, buffer);
        long bufferAddr = getSyscallArg(2, buffer);

        Cte cRootSlot = ks.current_extra_caps[0];
        Cap cRootCap = cRootSlot.cap;
        Cte vRootSlot = ks.current_extra_caps[1];
        Cap vRootCap = vRootSlot.cap;
        Cte bufferSlot = ks.current_extra_caps[2];
        Cap bufferCap = bufferSlot.cap;

        if (bufferAddr == 0) {
            bufferSlot = null;
        } else {
            ObjectType.DeriveCapRet dc_ret = k.objectType.deriveCap(bufferSlot, bufferCap);
            if (dc_ret.status() != EXCEPTION_NONE) {
                return dc_ret.status();
            }
            bufferCap = dc_ret.cap();
            ExceptionT e = k.arch.checkValidIPCBuffer(bufferAddr, bufferCap);
            if (e != EXCEPTION_NONE) {
                return e;
            }
        }

        Tcb target = ((ThreadCap) cap).tcb();
        NewRoots roots = decodeNewRoots(target, cRootData, cRootSlot, cRootCap, vRootData, vRootSlot, vRootCap);
        if (roots.status() != EXCEPTION_NONE) {
            return roots.status();
        }
        cRootCap = roots.cRootCap();
        vRootCap = roots.vRootCap();

        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeTCB_ThreadControlCaps(target, slot,
                NullCap.INSTANCE, null,
                NullCap.INSTANCE, null,
                cRootCap, cRootSlot,
                vRootCap, vRootSlot,
                bufferAddr, bufferCap, bufferSlot,
                thread_control_caps_update_space | thread_control_caps_update_ipc_buffer);
    }

    /** decodeSetTimeoutEndpoint (MCS): extra cap 0 = timeout handler (endpoint or null). */
    public ExceptionT decodeSetTimeoutEndpoint(Cap cap, Cte slot) {
        if (ks.current_extra_caps[0] == null) {
            return syscallError(SyscallError.truncatedMessage());
        }
        Cte thSlot = ks.current_extra_caps[0];
        Cap thCap = thSlot.cap;
        if (!validFaultHandler(thCap)) {
            return syscallError(SyscallError.invalidCapability(1));
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeTCB_ThreadControlCaps(((ThreadCap) cap).tcb(), slot,
                NullCap.INSTANCE, null,
                thCap, thSlot,
                NullCap.INSTANCE, null,
                NullCap.INSTANCE, null,
                0, NullCap.INSTANCE, null,
                thread_control_caps_update_timeout);
    }

    /** decodeSetIPCBuffer: (bufferAddr), extra cap 0 = frame; address 0 removes the buffer. */
    public ExceptionT decodeSetIPCBuffer(Cap cap, int length, Cte slot, IpcBuffer buffer) {
        if (length < 1 || ks.current_extra_caps[0] == null) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long cptr_bufferPtr = getSyscallArg(0, buffer);
        Cte bufferSlot = ks.current_extra_caps[0];
        Cap bufferCap = bufferSlot.cap;
        if (cptr_bufferPtr == 0) {
            bufferSlot = null;
        } else {
            ObjectType.DeriveCapRet dc_ret = k.objectType.deriveCap(bufferSlot, bufferCap);
            if (dc_ret.status() != EXCEPTION_NONE) {
                return dc_ret.status();
            }
            bufferCap = dc_ret.cap();
            ExceptionT e = k.arch.checkValidIPCBuffer(cptr_bufferPtr, bufferCap);
            if (e != EXCEPTION_NONE) {
                return e;
            }
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeTCB_ThreadControlCaps(((ThreadCap) cap).tcb(), slot,
                NullCap.INSTANCE, null,
                NullCap.INSTANCE, null,
                NullCap.INSTANCE, null,
                NullCap.INSTANCE, null,
                cptr_bufferPtr, bufferCap, bufferSlot,
                thread_control_caps_update_ipc_buffer);
    }

    /** decodeSetSpace (MCS): (cRootData, vRootData); extra caps fault handler, CSpace root, VSpace root. */
    public ExceptionT decodeSetSpace(Cap cap, int length, Cte slot, IpcBuffer buffer) {
        if (length < 2 || ks.current_extra_caps[0] == null || ks.current_extra_caps[1] == null
                || ks.current_extra_caps[2] == null) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long cRootData = getSyscallArg(0, buffer);
        long vRootData = getSyscallArg(1, buffer);

        Cte fhSlot = ks.current_extra_caps[0];
        Cap fhCap = fhSlot.cap;
        Cte cRootSlot = ks.current_extra_caps[1];
        Cap cRootCap = cRootSlot.cap;
        Cte vRootSlot = ks.current_extra_caps[2];
        Cap vRootCap = vRootSlot.cap;

        Tcb target = ((ThreadCap) cap).tcb();
        NewRoots roots = decodeNewRoots(target, cRootData, cRootSlot, cRootCap, vRootData, vRootSlot, vRootCap);
        if (roots.status() != EXCEPTION_NONE) {
            return roots.status();
        }
        cRootCap = roots.cRootCap();
        vRootCap = roots.vRootCap();

        if (!validFaultHandler(fhCap)) {
            return syscallError(SyscallError.invalidCapability(1));
        }

        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeTCB_ThreadControlCaps(target, slot,
                fhCap, fhSlot,
                NullCap.INSTANCE, null,
                cRootCap, cRootSlot,
                vRootCap, vRootSlot,
                0, NullCap.INSTANCE, null,
                thread_control_caps_update_space | thread_control_caps_update_fault);
    }

    /** The CSpace and VSpace roots a thread-control decode installs, derived and checked; or its error. */
    private record NewRoots(ExceptionT status, Cap cRootCap, Cap vRootCap) {
        static NewRoots error(ExceptionT status) {
            return new NewRoots(status, null, null);
        }
    }

    /**
     * The checks decodeTCBConfigure and decodeSetSpace share (the C kernel repeats them in both):
     * the target's root slots must not be in a long-running delete; each new root gets its cap
     * data applied, is derived, and must be a CNode (CSpace) or a valid VTable root (VSpace).
     */
    private NewRoots decodeNewRoots(Tcb target, long cRootData, Cte cRootSlot, Cap cRootCap, long vRootData,
                                    Cte vRootSlot, Cap vRootCap) {
        if (k.cnodes.slotCapLongRunningDelete(target.tcbCTE[Tcb.tcbCTable])
                || k.cnodes.slotCapLongRunningDelete(target.tcbCTE[Tcb.tcbVTable])) {
            return NewRoots.error(syscallError(SyscallError.illegalOperation()));
        }

        if (cRootData != 0) {
            cRootCap = k.objectType.updateCapData(false, cRootData, cRootCap);
        }
        ObjectType.DeriveCapRet dc_ret = k.objectType.deriveCap(cRootSlot, cRootCap);
        if (dc_ret.status() != EXCEPTION_NONE) {
            return NewRoots.error(dc_ret.status());
        }
        cRootCap = dc_ret.cap();
        if (!(cRootCap instanceof CNodeCap)) {
            return NewRoots.error(syscallError(SyscallError.illegalOperation()));
        }

        if (vRootData != 0) {
            vRootCap = k.objectType.updateCapData(false, vRootData, vRootCap);
        }
        dc_ret = k.objectType.deriveCap(vRootSlot, vRootCap);
        if (dc_ret.status() != EXCEPTION_NONE) {
            return NewRoots.error(dc_ret.status());
        }
        vRootCap = dc_ret.cap();
        if (!k.arch.isValidVTableRoot(vRootCap)) {
            return NewRoots.error(syscallError(SyscallError.illegalOperation()));
        }
        return new NewRoots(EXCEPTION_NONE, cRootCap, vRootCap);
    }

    /**
     * invokeTCB_ThreadControlCaps (MCS): installs the selected caps in the target's slots. Each
     * slot is emptied first (a preemptible delete) and the new cap inserted as a child of its
     * source only if both the source cap and the invoked thread cap are still in place, since the
     * deletes may have removed them.
     */
    public ExceptionT invokeTCB_ThreadControlCaps(Tcb target, Cte slot,
                                                  Cap fh_newCap, Cte fh_srcSlot,
                                                  Cap th_newCap, Cte th_srcSlot,
                                                  Cap cRoot_newCap, Cte cRoot_srcSlot,
                                                  Cap vRoot_newCap, Cte vRoot_srcSlot,
                                                  long bufferAddr, Cap bufferCap, Cte bufferSrcSlot,
                                                  int updateFlags) {
        ExceptionT e;
        Cap tCap = new ThreadCap(target);

        if ((updateFlags & thread_control_caps_update_fault) != 0) {
            e = installTCBCap(target, tCap, slot, Tcb.tcbFaultHandler, fh_newCap, fh_srcSlot);
            if (e != EXCEPTION_NONE) {
                return e;
            }
        }
        if ((updateFlags & thread_control_caps_update_timeout) != 0) {
            e = installTCBCap(target, tCap, slot, Tcb.tcbTimeoutHandler, th_newCap, th_srcSlot);
            if (e != EXCEPTION_NONE) {
                return e;
            }
        }
        if ((updateFlags & thread_control_caps_update_space) != 0) {
            e = installTCBCap(target, tCap, slot, Tcb.tcbCTable, cRoot_newCap, cRoot_srcSlot);
            if (e != EXCEPTION_NONE) {
                return e;
            }
            e = installTCBCap(target, tCap, slot, Tcb.tcbVTable, vRoot_newCap, vRoot_srcSlot);
            if (e != EXCEPTION_NONE) {
                return e;
            }
        }
        if ((updateFlags & thread_control_caps_update_ipc_buffer) != 0) {
            Cte bufferSlot = target.tcbCTE[Tcb.tcbBuffer];
            e = k.cnodes.cteDelete(bufferSlot, true);
            if (e != EXCEPTION_NONE) {
                return e;
            }
            target.tcbIPCBuffer = bufferAddr;
            if (bufferSrcSlot != null && k.objectType.sameObjectAs(bufferCap, bufferSrcSlot.cap)
                    && k.objectType.sameObjectAs(tCap, slot.cap)) {
                k.cnodes.cteInsert(bufferCap, bufferSrcSlot, bufferSlot);
            }
            if (target == ks.ksCurThread) {
                k.sched.rescheduleRequired();
            }
        }
        return EXCEPTION_NONE;
    }

    /** installTCBCap (MCS): empty one TCB slot, then insert the new cap if it is still valid. */
    private ExceptionT installTCBCap(Tcb target, Cap tCap, Cte slot, int index, Cap newCap, Cte srcSlot) {
        Cte rootSlot = target.tcbCTE[index];
        ExceptionT e = k.cnodes.cteDelete(rootSlot, true);
        if (e != EXCEPTION_NONE) {
            return e;
        }
        if (!(newCap instanceof NullCap)) {
            if (k.objectType.sameObjectAs(newCap, srcSlot.cap) && k.objectType.sameObjectAs(tCap, slot.cap)) {
                k.cnodes.cteInsert(newCap, srcSlot, rootSlot);
            }
        }
        return e;
    }

    /** validFaultHandler (MCS): an endpoint cap with send and (grant or grant-reply), or no handler. */
    public static boolean validFaultHandler(Cap cap) {
        if (cap instanceof EndpointCap ep) {
            return ep.canSend() && (ep.canGrant() || ep.canGrantReply());
        }
        return cap instanceof NullCap;
    }

    // ---- thread control: scheduling ------------------------------------------------------------

    /** checkPrio: a priority (or MCP) may not exceed the authority's MCP. */
    private ExceptionT checkPrio(long prio, Tcb auth) {
        long mcp = auth.tcbMCP;
        if (Words.ugt(prio, mcp)) {
            return syscallError(SyscallError.rangeError(seL4_MinPrio, mcp));
        }
        return EXCEPTION_NONE;
    }

    /** decodeSetPriority: (priority), extra cap 0 = authority thread whose MCP bounds it. */
    public ExceptionT decodeSetPriority(Cap cap, int length, IpcBuffer buffer) {
        if (length < 1 || ks.current_extra_caps[0] == null) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long newPrio = getSyscallArg(0, buffer);
        Cap authCap = ks.current_extra_caps[0].cap;
        if (!(authCap instanceof ThreadCap auth)) {
            return syscallError(SyscallError.invalidCapability(1));
        }
        ExceptionT status = checkPrio(newPrio, auth.tcb());
        if (status != EXCEPTION_NONE) {
            return status;
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeTCB_ThreadControlSched(((ThreadCap) cap).tcb(), null,
                NullCap.INSTANCE, null,
                0, (int) newPrio,
                null, thread_control_sched_update_priority);
    }

    /** decodeSetMCPriority: (mcp), extra cap 0 = authority thread. */
    public ExceptionT decodeSetMCPriority(Cap cap, int length, IpcBuffer buffer) {
        if (length < 1 || ks.current_extra_caps[0] == null) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long newMcp = getSyscallArg(0, buffer);
        Cap authCap = ks.current_extra_caps[0].cap;
        if (!(authCap instanceof ThreadCap auth)) {
            return syscallError(SyscallError.invalidCapability(1));
        }
        ExceptionT status = checkPrio(newMcp, auth.tcb());
        if (status != EXCEPTION_NONE) {
            return status;
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeTCB_ThreadControlSched(((ThreadCap) cap).tcb(), null,
                NullCap.INSTANCE, null,
                (int) newMcp, 0,
                null, thread_control_sched_update_mcp);
    }

    /**
     * decodeSetSchedParams (MCS): (mcp, priority); extra caps authority thread, scheduling context
     * (or null to unbind), fault handler.
     */
    public ExceptionT decodeSetSchedParams(Cap cap, int length, Cte slot, IpcBuffer buffer) {
        if (length < 2 || ks.current_extra_caps[0] == null || ks.current_extra_caps[1] == null
                || ks.current_extra_caps[2] == null) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long newMcp = getSyscallArg(0, buffer);
        long newPrio = getSyscallArg(1, buffer);
        Cap authCap = ks.current_extra_caps[0].cap;
        Cap scCap = ks.current_extra_caps[1].cap;
        Cte fhSlot = ks.current_extra_caps[2];
        Cap fhCap = fhSlot.cap;

        if (!(authCap instanceof ThreadCap auth)) {
            return syscallError(SyscallError.invalidCapability(1));
        }
        ExceptionT status = checkPrio(newMcp, auth.tcb());
        if (status != EXCEPTION_NONE) {
            return status;
        }
        status = checkPrio(newPrio, auth.tcb());
        if (status != EXCEPTION_NONE) {
            return status;
        }

        Tcb tcb = ((ThreadCap) cap).tcb();
        SchedContext sc = null;
        int update_flags = thread_control_sched_update_mcp | thread_control_sched_update_priority
                | thread_control_sched_update_fault;
        if (scCap instanceof SchedContextCap scc) {
            sc = scc.sc();
            if (tcb.tcbSchedContext != sc) {
                if (tcb.tcbSchedContext != null) {
                    return syscallError(SyscallError.illegalOperation());
                }
                if (sc.scTcb != null) {
                    return syscallError(SyscallError.illegalOperation());
                }
            }
            // A blocked thread may only get an SC that is released (8df3c4cd0).
            if (k.thread.isBlocked(tcb) && !k.refills.sc_released(sc)) {
                return syscallError(SyscallError.illegalOperation());
            }
        } else if (scCap instanceof NullCap) {
            if (tcb == ks.ksCurThread) {
                return syscallError(SyscallError.illegalOperation());
            }
        } else {
            return syscallError(SyscallError.invalidCapability(2));
        }

        if (tcb.tcbSchedContext != sc) {
            update_flags |= thread_control_sched_update_sc;
        }

        if (!validFaultHandler(fhCap)) {
            return syscallError(SyscallError.invalidCapability(3));
        }

        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeTCB_ThreadControlSched(tcb, slot,
                fhCap, fhSlot,
                (int) newMcp, (int) newPrio,
                sc, update_flags);
    }

    /**
     * invokeTCB_ThreadControlSched (MCS): fault handler, MCP, priority and SC binding. Priorities
     * were checked against the authority's MCP by the decoder, so they fit a prio_t.
     */
    public ExceptionT invokeTCB_ThreadControlSched(Tcb target, Cte slot, Cap fh_newCap, Cte fh_srcSlot,
                                                   int mcp, int priority, SchedContext sc, int updateFlags) {
        if ((updateFlags & thread_control_sched_update_fault) != 0) {
            Cap tCap = new ThreadCap(target);
            ExceptionT e = installTCBCap(target, tCap, slot, Tcb.tcbFaultHandler, fh_newCap, fh_srcSlot);
            if (e != EXCEPTION_NONE) {
                return e;
            }
        }
        if ((updateFlags & thread_control_sched_update_mcp) != 0) {
            k.thread.setMCPriority(target, mcp);
        }
        if ((updateFlags & thread_control_sched_update_priority) != 0) {
            k.thread.setPriority(target, priority);
        }
        if ((updateFlags & thread_control_sched_update_sc) != 0) {
            if (sc != null) {
                k.schedContexts.schedContext_bindTCB(sc, target);
            } else {
                k.schedContexts.schedContext_unbindTCB(target.tcbSchedContext, target);
            }
        }
        return EXCEPTION_NONE;
    }

    // ---- suspend, resume, notifications, TLS, flags ----------------------------------------------

    /** invokeTCB_Suspend. */
    public ExceptionT invokeTCB_Suspend(Tcb thread) {
        k.thread.suspend(thread);
        return EXCEPTION_NONE;
    }

    /** invokeTCB_Resume. */
    public ExceptionT invokeTCB_Resume(Tcb thread) {
        k.thread.restart(thread);
        return EXCEPTION_NONE;
    }

    /** decodeBindNotification: extra cap 0 = a receivable notification with no waiters and no TCB. */
    public ExceptionT decodeBindNotification(Cap cap) {
        if (ks.current_extra_caps[0] == null) {
            return syscallError(SyscallError.truncatedMessage());
        }
        Tcb tcb = ((ThreadCap) cap).tcb();
        if (tcb.tcbBoundNotification != null) {
            return syscallError(SyscallError.illegalOperation());
        }
        Cap ntfn_cap = ks.current_extra_caps[0].cap;
        if (!(ntfn_cap instanceof NotificationCap nc)) {
            return syscallError(SyscallError.illegalOperation());
        }
        Notification ntfnPtr = nc.ntfn();
        if (!nc.canReceive()) {
            return syscallError(SyscallError.illegalOperation());
        }
        if (ntfnPtr.queue.head != null || ntfnPtr.ntfnBoundTCB != null) {
            return syscallError(SyscallError.illegalOperation());
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeTCB_NotificationControl(tcb, ntfnPtr);
    }

    /** decodeUnbindNotification: the thread must have a bound notification. */
    public ExceptionT decodeUnbindNotification(Cap cap) {
        Tcb tcb = ((ThreadCap) cap).tcb();
        if (tcb.tcbBoundNotification == null) {
            return syscallError(SyscallError.illegalOperation());
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeTCB_NotificationControl(tcb, null);
    }

    /** invokeTCB_NotificationControl: bind, or unbind when {@code ntfnPtr} is null. */
    public ExceptionT invokeTCB_NotificationControl(Tcb tcb, Notification ntfnPtr) {
        if (ntfnPtr != null) {
            k.notifications.bindNotification(tcb, ntfnPtr);
        } else {
            k.notifications.unbindNotification(tcb);
        }
        return EXCEPTION_NONE;
    }

    /** decodeSetTLSBase: (tls_base). */
    public ExceptionT decodeSetTLSBase(Cap cap, int length, IpcBuffer buffer) {
        if (length < 1) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long tls_base = getSyscallArg(0, buffer);
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeSetTLSBase(((ThreadCap) cap).tcb(), tls_base);
    }

    /** invokeSetTLSBase: no reply; a changed current thread reschedules to reload the register. */
    public ExceptionT invokeSetTLSBase(Tcb thread, long tls_base) {
        setRegister(thread, Registers.TLS_BASE, tls_base);
        if (thread == ks.ksCurThread) {
            k.sched.rescheduleRequired();
        }
        return EXCEPTION_NONE;
    }

    /** decodeSetFlags: (clear, set). */
    public ExceptionT decodeSetFlags(Cap cap, int length, boolean call, IpcBuffer buffer) {
        if (length < 2) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long clear = getSyscallArg(0, buffer);
        long set = getSyscallArg(1, buffer);
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeSetFlags(((ThreadCap) cap).tcb(), clear, set, call);
    }

    /**
     * invokeSetFlags — conforming C-form data reply (LEGACY-REPLY-BUGS §A7, docs/kernel-model.md):
     * the new flags word is sent only on Call, through the caller's own buffer with write
     * authority, badge 0, length from setMR; Running on every path. Only defined flags can be set.
     * The model keeps no FPU state, so the FPU release / restore of seL4 has nothing to do.
     */
    public ExceptionT invokeSetFlags(Tcb thread, long clear, long set, boolean call) {
        thread.tcbFlags = (thread.tcbFlags & ~clear) | (set & Tcb.seL4_TCBFlag_MASK);
        if (call) {
            IpcBuffer ipcBuffer = k.arch.lookupIPCBuffer(true, ks.ksCurThread);
            setRegister(ks.ksCurThread, badgeRegister, 0);
            int length = setMR(ks.ksCurThread, ipcBuffer, 0, thread.tcbFlags);
            setRegister(ks.ksCurThread, msgInfoRegister, wordFromMessageInfo(seL4_MessageInfo_new(0, 0, 0, length)));
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Running);
        return EXCEPTION_NONE;
    }

    // ---- hardware debug API ----------------------------------------------------------------------

    /**
     * decodeConfigureSingleStepping: (bp_num, n_instr). seL4 reads both words without a length
     * check; the model answers a short message with TruncatedMessage instead of reading beyond it.
     */
    public ExceptionT decodeConfigureSingleStepping(Cap cap, int length, IpcBuffer buffer) {
        if (length < 2) {
            return syscallError(SyscallError.truncatedMessage());
        }
        Tcb tcb = ((ThreadCap) cap).tcb();
        int bp_num = (int) (getSyscallArg(0, buffer) & 0xffff);
        long n_instrs = getSyscallArg(1, buffer);
        SyscallError syserr = Arch_decodeConfigureSingleStepping(tcb, bp_num, n_instrs, false);
        if (syserr != null) {
            ks.current_syscall_error = syserr;
            return ExceptionT.EXCEPTION_SYSCALL_ERROR;
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeConfigureSingleStepping(buffer, tcb, bp_num, n_instrs);
    }

    /**
     * invokeConfigureSingleStepping — legacy A0 form (LEGACY-REPLY-BUGS §A6, codes C I G B R~):
     * the breakpoint-consumed flag goes into message word 0 of the current thread through the
     * decode-time buffer, whatever the syscall was; no msgInfo, no badge, and the decoder's
     * Restart stays, so on Call handleInvocation then sends an empty reply over it.
     */
    public ExceptionT invokeConfigureSingleStepping(IpcBuffer buffer, Tcb t, int bp_num, long n_instr) {
        boolean bp_was_consumed = configureSingleStepping(t, bp_num, n_instr, false);
        if (n_instr == 0) {
            setMR(ks.ksCurThread, buffer, 0, 0);
        } else {
            setMR(ks.ksCurThread, buffer, 0, bp_was_consumed ? 1 : 0);
        }
        return EXCEPTION_NONE;
    }

    /** Arch_decodeConfigureSingleStepping: single stepping needs no breakpoint register on either architecture. */
    private SyscallError Arch_decodeConfigureSingleStepping(Tcb t, int bp_num, long n_instr, boolean is_reply) {
        if (is_reply && !t.tcbArch.debug.singleStepEnabled) {
            return SyscallError.illegalOperation();
        }
        return null;
    }

    /**
     * configureSingleStepping: enable stepping for {@code n_instr} instructions (0 disables).
     * Returns whether a breakpoint register was consumed, as seL4 reports it: AArch64 returns
     * true (its stepping mode shares the debug unit), x86_64 false (stepping uses the trap flag).
     */
    private boolean configureSingleStepping(Tcb t, int bp_num, long n_instr, boolean is_reply) {
        ArchTcb.DebugState d = t.tcbArch.debug;
        d.singleStepEnabled = n_instr != 0;
        d.singleStepInstructions = n_instr;
        d.singleStepBreakpoint = n_instr != 0 ? bp_num : -1;
        return config.arch() == Arch.AARCH64;
    }

    /** decodeSetBreakpoint: (bp_num, vaddr, type, size, rw) with seL4's checks in seL4's order. */
    public ExceptionT decodeSetBreakpoint(Cap cap, int length, IpcBuffer buffer) {
        if (length < 5) {
            return syscallError(SyscallError.truncatedMessage());
        }
        Tcb tcb = ((ThreadCap) cap).tcb();
        int bp_num = (int) (getSyscallArg(0, buffer) & 0xffff);
        long vaddr = getSyscallArg(1, buffer);
        long type = getSyscallArg(2, buffer);
        long size = getSyscallArg(3, buffer);
        long rw = getSyscallArg(4, buffer);

        if (Words.uge(vaddr, USER_TOP)) {
            return syscallError(SyscallError.invalidArgument(1));
        }
        if (type != seL4_InstructionBreakpoint && type != seL4_DataBreakpoint) {
            return syscallError(SyscallError.invalidArgument(2));
        } else if (type == seL4_InstructionBreakpoint) {
            if (size != 0) {
                return syscallError(SyscallError.invalidArgument(3));
            }
            if (rw != seL4_BreakOnRead) {
                return syscallError(SyscallError.invalidArgument(4));
            }
            if (bp_num >= seL4_FirstWatchpoint) {
                return syscallError(SyscallError.invalidArgument(2));
            }
        } else {
            if (size == 0) {
                return syscallError(SyscallError.invalidArgument(3));
            }
            if (bp_num < seL4_FirstWatchpoint) {
                return syscallError(SyscallError.invalidArgument(2));
            }
        }
        if (rw != seL4_BreakOnRead && rw != seL4_BreakOnWrite && rw != seL4_BreakOnReadWrite) {
            return syscallError(SyscallError.invalidArgument(3));
        }
        if (size != 0 && size != 1 && size != 2 && size != 4 && size != 8) {
            return syscallError(SyscallError.invalidArgument(3));
        }
        if (size > 0 && (vaddr & (size - 1)) != 0) {
            return syscallError(SyscallError.alignmentError());
        }
        SyscallError error = Arch_decodeSetBreakpoint(tcb, bp_num, vaddr, (int) type, (int) size, (int) rw);
        if (error != null) {
            ks.current_syscall_error = error;
            return ExceptionT.EXCEPTION_SYSCALL_ERROR;
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeSetBreakpoint(tcb, bp_num, vaddr, (int) type, (int) size, (int) rw);
    }

    /** Arch_decodeSetBreakpoint (ARM form): the register number must exist for its kind. */
    private SyscallError Arch_decodeSetBreakpoint(Tcb t, int bp_num, long vaddr, int type, int size, int rw) {
        int hw = convertBpNumToArch(bp_num);
        if (type == seL4_DataBreakpoint && hw >= seL4_NumExclusiveWatchpoints) {
            return SyscallError.rangeError(0, seL4_NumExclusiveWatchpoints - 1);
        }
        if (type == seL4_InstructionBreakpoint && hw >= seL4_NumExclusiveBreakpoints) {
            return SyscallError.rangeError(0, seL4_NumExclusiveBreakpoints - 1);
        }
        if (size == 8 && type != seL4_DataBreakpoint) {
            return SyscallError.invalidArgument(3);
        }
        return null;
    }

    /** invokeSetBreakpoint: program and enable the register. No reply. */
    public ExceptionT invokeSetBreakpoint(Tcb tcb, int bp_num, long vaddr, int type, int size, int rw) {
        ArchTcb.DebugState d = tcb.tcbArch.debug;
        d.vaddr[bp_num] = vaddr;
        d.type[bp_num] = type;
        d.size[bp_num] = type == seL4_InstructionBreakpoint ? 0 : size;
        d.rw[bp_num] = type == seL4_InstructionBreakpoint ? seL4_BreakOnRead : rw;
        d.enabled[bp_num] = true;
        return EXCEPTION_NONE;
    }

    /**
     * decodeGetBreakpoint: (bp_num). seL4's Arch_decodeGetBreakpoint lets an out-of-range number
     * through (it sets seL4_NoError); the model reports a RangeError instead of reading past the
     * register bank.
     */
    public ExceptionT decodeGetBreakpoint(Cap cap, int length, boolean call, IpcBuffer buffer) {
        if (length < 1) {
            return syscallError(SyscallError.truncatedMessage());
        }
        Tcb tcb = ((ThreadCap) cap).tcb();
        int bp_num = (int) (getSyscallArg(0, buffer) & 0xffff);
        SyscallError error = Arch_decodeGetBreakpoint(tcb, bp_num);
        if (error != null) {
            ks.current_syscall_error = error;
            return ExceptionT.EXCEPTION_SYSCALL_ERROR;
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeGetBreakpoint(call, buffer, tcb, bp_num);
    }

    /**
     * invokeGetBreakpoint — the model form (after 4ce6cbe9e; LEGACY-REPLY-BUGS §A6, codes R L):
     * guarded by {@code call}, badge 0, the five words through the decode-time buffer (word 4
     * lands in buffer word 5, a buffer that may be read-only), msgInfo length constant 5 even when
     * there is no buffer to hold word 4; Running on every path.
     */
    public ExceptionT invokeGetBreakpoint(boolean call, IpcBuffer buffer, Tcb tcb, int bp_num) {
        Tcb thread = ks.ksCurThread;
        long[] res = getBreakpoint(tcb, bp_num);
        if (call) {
            setRegister(thread, badgeRegister, 0);
            setMR(ks.ksCurThread, buffer, 0, res[0]);
            setMR(ks.ksCurThread, buffer, 1, res[1]);
            setMR(ks.ksCurThread, buffer, 2, res[2]);
            setMR(ks.ksCurThread, buffer, 3, res[3]);
            setMR(ks.ksCurThread, buffer, 4, res[4]);
            setRegister(thread, msgInfoRegister, wordFromMessageInfo(seL4_MessageInfo_new(0, 0, 0, 5)));
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Running);
        return EXCEPTION_NONE;
    }

    private SyscallError Arch_decodeGetBreakpoint(Tcb t, int bp_num) {
        if (bp_num >= seL4_FirstWatchpoint + seL4_NumExclusiveWatchpoints) {
            return SyscallError.rangeError(0, seL4_FirstWatchpoint + seL4_NumExclusiveWatchpoints - 1);
        }
        return null;
    }

    /** getBreakpoint: (vaddr, type, size, rw, enabled) of one register. */
    private long[] getBreakpoint(Tcb t, int bp_num) {
        ArchTcb.DebugState d = t.tcbArch.debug;
        long type = getTypeFromBpNum(bp_num);
        if (type == seL4_InstructionBreakpoint) {
            return new long[] {d.vaddr[bp_num], type, 0, seL4_BreakOnRead, d.enabled[bp_num] ? 1 : 0};
        }
        return new long[] {d.vaddr[bp_num], type, d.size[bp_num], d.rw[bp_num], d.enabled[bp_num] ? 1 : 0};
    }

    /** decodeUnsetBreakpoint: (bp_num); out-of-range numbers get a RangeError (seL4: NoError). */
    public ExceptionT decodeUnsetBreakpoint(Cap cap, int length, IpcBuffer buffer) {
        if (length < 1) {
            return syscallError(SyscallError.truncatedMessage());
        }
        Tcb tcb = ((ThreadCap) cap).tcb();
        int bp_num = (int) (getSyscallArg(0, buffer) & 0xffff);
        SyscallError error = Arch_decodeGetBreakpoint(tcb, bp_num);
        if (error != null) {
            ks.current_syscall_error = error;
            return ExceptionT.EXCEPTION_SYSCALL_ERROR;
        }
        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeUnsetBreakpoint(tcb, bp_num);
    }

    /** invokeUnsetBreakpoint: disable and clear the register. No reply. */
    public ExceptionT invokeUnsetBreakpoint(Tcb tcb, int bp_num) {
        ArchTcb.DebugState d = tcb.tcbArch.debug;
        d.enabled[bp_num] = false;
        d.vaddr[bp_num] = 0;
        return EXCEPTION_NONE;
    }

    private static int convertBpNumToArch(int bp_num) {
        return bp_num >= seL4_NumExclusiveBreakpoints ? bp_num - seL4_NumExclusiveBreakpoints : bp_num;
    }

    private static int getTypeFromBpNum(int bp_num) {
        return bp_num >= seL4_NumExclusiveBreakpoints ? seL4_DataBreakpoint : seL4_InstructionBreakpoint;
    }
}
