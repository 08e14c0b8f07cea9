package sel4.api;

import static sel4.api.ExceptionT.EXCEPTION_FAULT;
import static sel4.api.ExceptionT.EXCEPTION_NONE;
import static sel4.api.ExceptionT.EXCEPTION_PREEMPTED;
import static sel4.api.ExceptionT.EXCEPTION_SYSCALL_ERROR;
import static sel4.api.MessageInfo.messageInfoFromWord;
import static sel4.machine.Registers.capRegister;
import static sel4.machine.Registers.msgInfoRegister;
import static sel4.machine.Registers.n_msgRegisters;
import static sel4.machine.Registers.nbsendRecvDest;
import static sel4.machine.Registers.replyRegister;

import sel4.kernel.CSpace;
import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.machine.InterruptController;
import sel4.machine.Words;
import sel4.model.SchedulerAction;
import sel4.object.cap.Cap;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.NotificationCap;
import sel4.object.cap.NullCap;
import sel4.object.cap.ReplyCap;
import sel4.object.frame.IpcBuffer;
import sel4.object.notification.Notification;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;
import sel4.object.tcb.ThreadStateType;

/**
 * Models seL4's src/api/syscall.c (Haskell API/Syscall, Kernel entry): the kernel entry points,
 * handleInvocation with the C reply protocol (KERNEL-REFERENCE §6.2), handleRecv and handleYield.
 *
 * <p>MCS configuration. Every synchronous entry runs the budget prologue (C's MCS_DO_IF_BUDGET:
 * updateTimestamp, then checkBudgetRestart) and skips its body when the current thread's budget is
 * exhausted; the thread is then left in Restart and re-executes the trapping instruction when it
 * next runs. The interrupt entry is the exception: it charges the budget with checkBudget, ignores
 * the result and handles the IRQ anyway (LEGACY-REPLY-BUGS §B2) — the path of seL4 issue #346.
 * Each entry ends with schedule and activateThread.
 */
public final class Syscalls extends KernelModule {
    public Syscalls(Kernel k) {
        super(k);
    }

    // ---- entry points ---------------------------------------------------------------------------

    /**
     * handleSyscall: the eleven MCS system calls (KERNEL-REFERENCE §4.2). A preempted invocation
     * leaves the caller in Restart; the preemption is then handled as in seL4: charge the budget
     * (mcsPreemptionPoint) and take the pending interrupt.
     */
    public ExceptionT handleSyscall(Syscall syscall) {
        k.budget.updateTimestamp();
        if (k.budget.checkBudgetRestart()) {
            if (syscall == null) {
                fail("Invalid syscall");
            }
            ExceptionT ret;
            switch (syscall) {
                case SysSend -> {
                    ret = handleInvocation(false, true, false, false, getRegister(ks.ksCurThread, capRegister));
                    if (ret != EXCEPTION_NONE) {
                        handlePreemption();
                    }
                }
                case SysNBSend -> {
                    ret = handleInvocation(false, false, false, false, getRegister(ks.ksCurThread, capRegister));
                    if (ret != EXCEPTION_NONE) {
                        handlePreemption();
                    }
                }
                case SysCall -> {
                    ret = handleInvocation(true, true, true, false, getRegister(ks.ksCurThread, capRegister));
                    if (ret != EXCEPTION_NONE) {
                        handlePreemption();
                    }
                }
                case SysRecv -> handleRecv(true, true);
                case SysWait -> handleRecv(true, false);
                case SysNBWait -> handleRecv(false, false);
                case SysReplyRecv -> {
                    long reply = getRegister(ks.ksCurThread, replyRegister);
                    ret = handleInvocation(false, false, true, true, reply);
                    if (ret != EXCEPTION_NONE) {
                        // Replies are not preemptible; the check is kept as in seL4.
                        handlePreemption();
                    } else {
                        assertBetweenPhases();
                        handleRecv(true, true);
                    }
                }
                case SysNBSendRecv -> {
                    long dest = getNBSendRecvDest();
                    ret = handleInvocation(false, false, true, true, dest);
                    if (ret != EXCEPTION_NONE) {
                        handlePreemption();
                    } else {
                        assertBetweenPhases();
                        handleRecv(true, true);
                    }
                }
                case SysNBSendWait -> {
                    ret = handleInvocation(false, false, true, true, getRegister(ks.ksCurThread, replyRegister));
                    if (ret != EXCEPTION_NONE) {
                        handlePreemption();
                    } else {
                        assertBetweenPhases();
                        handleRecv(true, false);
                    }
                }
                case SysNBRecv -> handleRecv(false, true);
                case SysYield -> handleYield();
            }
        }
        k.sched.schedule();
        k.thread.activateThread();
        return EXCEPTION_NONE;
    }

    /** handleUnknownSyscall: an unknown syscall number becomes an UnknownSyscall fault. */
    public ExceptionT handleUnknownSyscall(long w) {
        k.budget.updateTimestamp();
        if (k.budget.checkBudgetRestart()) {
            ks.current_fault = new Fault.UnknownSyscall(w);
            k.faultHandler.handleFault(ks.ksCurThread);
        }
        k.sched.schedule();
        k.thread.activateThread();
        return EXCEPTION_NONE;
    }

    /**
     * handleUserLevelFault: an undefined instruction or other user exception. The fault keeps the
     * widths of seL4's fault fields: 32 bits of the number and 28 bits of the code.
     */
    public ExceptionT handleUserLevelFault(long w_a, long w_b) {
        k.budget.updateTimestamp();
        if (k.budget.checkBudgetRestart()) {
            ks.current_fault = new Fault.UserException(w_a & Words.MASK(32), w_b & Words.MASK(28));
            k.faultHandler.handleFault(ks.ksCurThread);
        }
        k.sched.schedule();
        k.thread.activateThread();
        return EXCEPTION_NONE;
    }

    /** handleVMFaultEvent: the architecture builds the VM fault; the current thread faults. */
    public ExceptionT handleVMFaultEvent(Event.VMFaultType vm_faultType, long address, long fsr) {
        k.budget.updateTimestamp();
        if (k.budget.checkBudgetRestart()) {
            ExceptionT status = k.arch.handleVMFault(ks.ksCurThread, vm_faultType, address, fsr);
            if (status != EXCEPTION_NONE) {
                k.faultHandler.handleFault(ks.ksCurThread);
            }
        }
        k.sched.schedule();
        k.thread.activateThread();
        return EXCEPTION_NONE;
    }

    /**
     * handleVCPUFault (src/arch/arm/object/vcpu.c): a trap of the current thread's VCPU. The
     * architecture either handles it (returns EXCEPTION_NONE) or records the fault to deliver.
     */
    public ExceptionT handleVCPUFault(long hsr) {
        k.budget.updateTimestamp();
        if (k.budget.checkBudgetRestart()) {
            ExceptionT status = k.arch.handleVCPUFault(hsr);
            if (status != EXCEPTION_NONE) {
                k.faultHandler.handleFault(ks.ksCurThread);
            }
        }
        k.sched.schedule();
        k.thread.activateThread();
        return EXCEPTION_NONE;
    }

    /**
     * handleInterruptEntry, MCS order exactly as LEGACY-REPLY-BUGS §B2: update the time stamp,
     * charge the budget with checkBudget — which may already append the current thread to a
     * ready queue or postpone it to the release queue — ignore its result, then handle the IRQ.
     * An IRQ turned into a fault for the current thread (VPPI, VGIC maintenance) can therefore
     * block a thread that is queued (issue #346).
     */
    public ExceptionT handleInterruptEntry() {
        k.budget.updateTimestamp();
        k.budget.checkBudget();
        checkInterrupt();
        k.sched.schedule();
        k.thread.activateThread();
        return EXCEPTION_NONE;
    }

    /**
     * checkInterrupt (factored out of the interrupt entry and the preemption path in seL4
     * 0f78e4e95): handle the controller's active IRQ, if any. Nothing is pending when a
     * preemption was caused by budget or domain time rather than by an IRQ.
     */
    private void checkInterrupt() {
        int irq = machine.getActiveIRQ();
        if (irq != InterruptController.irqInvalid) {
            k.interrupts.handleInterrupt(irq);
        }
    }

    /** The tail of a preempted invocation: mcsPreemptionPoint, then the pending interrupt. */
    private void handlePreemption() {
        k.budget.mcsPreemptionPoint();
        checkInterrupt();
    }

    /**
     * The assertions between the phases of ReplyRecv / NBSendRecv / NBSendWait (Haskell
     * handleEvent): the send phase must leave the current thread active, out of the ready queues
     * (Q6 ct_not_ksQ: it is about to block in the receive phase) and not the target of a switch.
     */
    private void assertBetweenPhases() {
        Tcb ct = ks.ksCurThread;
        assertion(!ks.ksSchedulerAction.isSwitchTo(ct), "sch_act_sane (between send and receive phase)", ct);
        assertion(!ct.tcbQueued, "Q6 ct_not_ksQ", ct);
        assertion(ct.tcbState.isRunnable(), "ct_active (between send and receive phase)", ct);
    }

    /** getNBSendRecvDest (arch registerset.c, 64-bit): the destination cptr register of NBSendRecv. */
    private long getNBSendRecvDest() {
        return getRegister(ks.ksCurThread, nbsendRecvDest);
    }

    // ---- invocation -----------------------------------------------------------------------------

    /**
     * handleInvocation (KERNEL-REFERENCE §6.2, LEGACY-REPLY-BUGS §A4): look up the invoked cap
     * and the extra caps (faults: a fault IPC if blocking, never a reply), decode with the
     * decode-time buffer (read authority), then post-process the C reply protocol — an error is
     * answered on Call; a success that left the caller in Restart gets the empty reply on Call and
     * the caller becomes Running; a caller that is Running, blocked or Inactive is left alone.
     */
    public ExceptionT handleInvocation(boolean isCall, boolean isBlocking, boolean canDonate, boolean firstPhase, long cptr) {
        Tcb thread = ks.ksCurThread;
        assertion(!(ks.ksSchedulerAction == SchedulerAction.ResumeCurrentThread && thread.tcbQueued),
                "Q5 ct_not_inQ (handleInvocation entry)", thread);
        assertion(k.thread.isSchedulable(thread), "Q16 schedulable ct (handleInvocation entry)", thread);
        assertion(ks.ksSchedulerAction == SchedulerAction.ResumeCurrentThread,
                "Q16 sch_act_rct (handleInvocation entry)", thread);

        MessageInfo info = messageInfoFromWord(getRegister(thread, msgInfoRegister));

        // Faulting section.
        CSpace.LookupCapAndSlotRet lu_ret = k.cspace.lookupCapAndSlot(thread, cptr);
        if (lu_ret.status() != EXCEPTION_NONE) {
            ks.current_fault = new Fault.CapFault(cptr, false, ks.current_lookup_fault);
            if (isBlocking) {
                k.faultHandler.handleFault(thread);
            }
            return EXCEPTION_NONE;
        }

        IpcBuffer buffer = k.arch.lookupIPCBuffer(false, thread);

        ExceptionT status = k.ipc.lookupExtraCaps(thread, buffer, info);
        if (status != EXCEPTION_NONE) {
            if (isBlocking) {
                k.faultHandler.handleFault(thread);
            }
            return EXCEPTION_NONE;
        }

        // Syscall-error / preemptible section.
        int length = info.length();
        if (length > n_msgRegisters && buffer == null) {
            // Without an IPC buffer only the message registers can carry arguments.
            length = n_msgRegisters;
        }
        status = k.objectType.decodeInvocation(info.label(), length, cptr, lu_ret.slot(), lu_ret.cap(),
                isBlocking, isCall, canDonate, firstPhase, buffer);

        if (status == EXCEPTION_PREEMPTED) {
            return status;
        }
        if (status == EXCEPTION_SYSCALL_ERROR) {
            if (isCall) {
                k.endpoints.replyFromKernel_error(thread);
            }
            return EXCEPTION_NONE;
        }
        if (thread.tcbState.tsType() == ThreadStateType.Restart) {
            if (isCall) {
                k.endpoints.replyFromKernel_success_empty(thread);
            }
            k.thread.setThreadState(thread, ThreadState.Running);
        }
        return EXCEPTION_NONE;
    }

    // ---- receive ---------------------------------------------------------------------------------

    /**
     * handleRecv (MCS): receive on the endpoint or notification named by the cap register. An
     * endpoint receive offers the reply object named by the reply register when {@code canReply};
     * every lookup failure or unsuitable cap is a capability fault of the receive phase.
     */
    public void handleRecv(boolean isBlocking, boolean canReply) {
        Tcb ct = ks.ksCurThread;
        long epCPtr = getRegister(ct, capRegister);
        CSpace.LookupCapRet lu_ret = k.cspace.lookupCap(ct, epCPtr);
        if (lu_ret.status() != EXCEPTION_NONE) {
            // current_lookup_fault has been set by lookupCap.
            ks.current_fault = new Fault.CapFault(epCPtr, true, ks.current_lookup_fault);
            k.faultHandler.handleFault(ct);
            return;
        }

        if (lu_ret.cap() instanceof EndpointCap epCap) {
            if (!epCap.canReceive()) {
                receivePhaseCapFault(epCPtr);
                return;
            }
            Cap reply_cap = NullCap.INSTANCE;
            if (canReply) {
                CSpace.LookupCapRet reply_ret = lookupReply();
                if (reply_ret.status() != EXCEPTION_NONE) {
                    // current_fault and current_lookup_fault have been set by lookupReply.
                    k.faultHandler.handleFault(ct);
                    return;
                }
                reply_cap = reply_ret.cap();
            }
            k.endpoints.receiveIPC(ct, epCap, isBlocking, reply_cap);
        } else if (lu_ret.cap() instanceof NotificationCap ntfnCap) {
            Notification ntfnPtr = ntfnCap.ntfn();
            Tcb boundTCB = ntfnPtr.ntfnBoundTCB;
            if (!ntfnCap.canReceive() || (boundTCB != null && boundTCB != ct)) {
                receivePhaseCapFault(epCPtr);
                return;
            }
            k.notifications.receiveSignal(ct, ntfnCap, isBlocking);
        } else {
            receivePhaseCapFault(epCPtr);
        }
    }

    /** A receive on a cap that cannot be received on: CapFault(missing capability), receive phase. */
    private void receivePhaseCapFault(long epCPtr) {
        ks.current_lookup_fault = new LookupFault.MissingCapability(0);
        ks.current_fault = new Fault.CapFault(epCPtr, true, ks.current_lookup_fault);
        k.faultHandler.handleFault(ks.ksCurThread);
    }

    /**
     * lookupReply (MCS): the cap named by the reply register must be a reply cap. Failures set
     * current_fault (a receive-phase CapFault) and return a non-NONE status.
     */
    public CSpace.LookupCapRet lookupReply() {
        long replyCPtr = getRegister(ks.ksCurThread, replyRegister);
        CSpace.LookupCapRet lu_ret = k.cspace.lookupCap(ks.ksCurThread, replyCPtr);
        if (lu_ret.status() != EXCEPTION_NONE) {
            ks.current_fault = new Fault.CapFault(replyCPtr, true, ks.current_lookup_fault);
            return lu_ret;
        }
        if (!(lu_ret.cap() instanceof ReplyCap)) {
            ks.current_lookup_fault = new LookupFault.MissingCapability(0);
            ks.current_fault = new Fault.CapFault(replyCPtr, true, ks.current_lookup_fault);
            return new CSpace.LookupCapRet(EXCEPTION_FAULT, lu_ret.cap());
        }
        return lu_ret;
    }

    // ---- yield -----------------------------------------------------------------------------------

    /**
     * handleYield (MCS): give up the rest of the current refill by charging its whole amount. The
     * SC's consumed counter then records only the time really used, not the yielded remainder.
     */
    public void handleYield() {
        SchedContext sc = ks.ksCurSC;
        long consumed = sc.scConsumed + ks.ksConsumed;
        long headAmount = k.refills.refill_head_amount(sc);
        k.budget.chargeBudget(headAmount, false);
        sc.scConsumed = consumed;
    }
}
