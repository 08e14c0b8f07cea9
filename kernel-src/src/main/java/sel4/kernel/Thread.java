package sel4.kernel;

import sel4.machine.Registers;
import sel4.model.SchedulerAction;
import sel4.object.reply.Reply;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;
import sel4.object.tcb.ThreadStateType;

/**
 * Models the thread-state part of seL4's src/kernel/thread.c and include/kernel/thread.h (Haskell
 * Kernel/Thread): thread state changes, activation, suspend / restart and priority / domain
 * changes, in their MCS form.
 *
 * <p>{@link #setThreadState} carries the Q12 check that seL4 lacks: a thread that becomes blocked
 * or inactive must already be out of the ready and release queues. seL4's scheduleTCB never
 * dequeues, so a thread blocked while queued stays queued — the state of bug B
 * (LEGACY-REPLY-BUGS part B); the check reports it at the transition that creates it.
 */
public final class Thread extends KernelModule {
    public Thread(Kernel k) {
        super(k);
    }

    // ---- predicates ----

    public boolean isRunnable(Tcb thread) {
        return thread.tcbState.isRunnable();
    }

    /**
     * Runnable with an active SC and not waiting in the release queue. Deliberately ignores
     * {@code tcbQueued}: a thread just appended by endTimeslice is still schedulable, which is
     * what lets bug B through the S2 guard.
     */
    public boolean isSchedulable(Tcb thread) {
        return isRunnable(thread)
                && thread.tcbSchedContext != null
                && k.refills.sc_active(thread.tcbSchedContext)
                && !thread.tcbInReleaseQueue;
    }

    public boolean isBlocked(Tcb thread) {
        return thread.tcbState.isBlocked();
    }

    public boolean isStopped(Tcb thread) {
        return thread.tcbState.isStopped();
    }

    // ---- state changes ----

    /** Sets the thread's state and lets the scheduler react if the current thread stops running. */
    public void setThreadState(Tcb tptr, ThreadState ts) {
        tptr.tcbState = ts;
        checkStoppedNotQueued(tptr);
        scheduleTCB(tptr);
    }

    /** MCS: blocks the thread on {@code reply} (the caller's side of a Call). */
    public void setThreadStateBlockedOnReply(Tcb tptr, Reply reply) {
        tptr.tcbState = ThreadState.BlockedOnReply(reply);
        checkStoppedNotQueued(tptr);
        scheduleTCB(tptr);
    }

    private void checkStoppedNotQueued(Tcb tptr) {
        if (tptr.tcbState.isStopped()) {
            assertion(!tptr.tcbQueued && !tptr.tcbInReleaseQueue,
                    "Q12 blocked thread not in ready or release queue", tptr);
        }
    }

    /**
     * If the current thread can no longer run and the scheduler was going to resume it, ask for a
     * new choice. Never dequeues: removing a stopped thread from its queue is the caller's job.
     */
    public void scheduleTCB(Tcb tptr) {
        if (tptr == ks.ksCurThread
                && ks.ksSchedulerAction == SchedulerAction.ResumeCurrentThread
                && !isSchedulable(tptr)) {
            ks.ksSchedulerAction = SchedulerAction.ChooseNewThread;
        }
    }

    // ---- activation ----

    /**
     * Prepares the chosen thread for the return to user level: completes a YieldTo whose target
     * has run, rewinds a Restart thread to its restart PC, idles the idle thread, and halts the
     * kernel if the scheduler chose a thread that cannot run (Q19).
     */
    public void activateThread() {
        if (ks.ksCurThread.tcbYieldTo != null) {
            k.schedContexts.schedContext_completeYieldTo(ks.ksCurThread);
        }

        switch (ks.ksCurThread.tcbState.tsType()) {
            case Running:
                break;
            case Restart: {
                long pc = getRestartPC(ks.ksCurThread);
                setNextPC(ks.ksCurThread, pc);
                setThreadState(ks.ksCurThread, ThreadState.Running);
                break;
            }
            case IdleThreadState:
                k.arch.Arch_activateIdleThread(ks.ksCurThread);
                break;
            default:
                fail("Current thread is blocked");
        }
    }

    /** The next instruction becomes the restart PC (a Running thread's FaultIP may be stale). */
    public void updateRestartPC(Tcb tcb) {
        setRegister(tcb, Registers.FaultIP, getRegister(tcb, Registers.NextIP));
    }

    /**
     * Stops a thread: aborts its IPC, takes it out of every scheduler queue and cancels a pending
     * YieldTo, and only then makes it Inactive (seL4 82a1a8f48 ordering, so the thread is never
     * stopped while still queued).
     */
    public void suspend(Tcb target) {
        k.endpoints.cancelIPC(target);
        if (target.tcbState.tsType() == ThreadStateType.Running) {
            updateRestartPC(target);
        }
        k.tcbQueues.tcbSchedDequeue(target);
        k.tcbQueues.tcbReleaseRemove(target);
        k.schedContexts.schedContext_cancelYieldTo(target);
        setThreadState(target, ThreadState.Inactive);
    }

    /**
     * Makes a stopped thread re-execute the operation it was stopped in. Any IPC in progress is
     * aborted (cancelIPC also unlinks or removes its reply object); a sporadic SC that was not in
     * use gets its unblock check; an SC whose budget is not available puts the thread in the
     * release queue (schedContext_resume); a schedulable thread is offered to the scheduler.
     */
    public void restart(Tcb target) {
        if (isStopped(target)) {
            k.endpoints.cancelIPC(target);
            setThreadState(target, ThreadState.Restart);
            SchedContext sc = target.tcbSchedContext;
            if (k.refills.sc_sporadic(sc) && sc != ks.ksCurSC) {
                k.refills.refill_unblock_check(sc);
            }
            k.schedContexts.schedContext_resume(sc);
            if (isSchedulable(target)) {
                k.sched.possibleSwitchTo(target);
            }
        }
    }

    // ---- priority and domain ----

    /**
     * Changes a thread's priority keeping every queue it is in ordered: a queued (or current)
     * runnable thread is moved to the new ready queue and a reschedule is requested; a thread
     * blocked on an endpoint or notification is moved within that priority-ordered queue.
     */
    public void setPriority(Tcb tptr, int prio) {
        switch (tptr.tcbState.tsType()) {
            case Running:
            case Restart:
                if (tptr.tcbQueued || tptr == ks.ksCurThread) {
                    k.tcbQueues.tcbSchedDequeue(tptr);
                    tptr.tcbPriority = prio;
                    k.tcbQueues.tcbSchedEnqueue(tptr);
                    k.sched.rescheduleRequired();
                } else {
                    tptr.tcbPriority = prio;
                }
                break;
            case BlockedOnReceive:
            case BlockedOnSend:
                tptr.tcbPriority = prio;
                k.endpoints.reorderEP(tptr.tcbState.blockingEndpoint(), tptr);
                break;
            case BlockedOnNotification:
                tptr.tcbPriority = prio;
                k.notifications.reorderNTFN(tptr.tcbState.blockingNotification(), tptr);
                break;
            default:
                tptr.tcbPriority = prio;
                break;
        }
    }

    public void setMCPriority(Tcb tptr, int mcp) {
        tptr.tcbMCP = mcp;
    }

    /**
     * Architecture and FPU work before a thread moves to another domain (C prepareSetDomain; the
     * model's arch hook also releases the FPU).
     */
    public void prepareSetDomain(Tcb tptr, int dom) {
        if (ks.ksCurDomain != dom) {
            k.arch.Arch_prepareSetDomain(tptr, dom);
        }
    }

    /** Moves a thread to another domain's ready queue. */
    public void setDomain(Tcb tptr, int dom) {
        k.tcbQueues.tcbSchedDequeue(tptr);
        tptr.tcbDomain = dom;
        if (isSchedulable(tptr)) {
            k.tcbQueues.tcbSchedEnqueue(tptr);
        }
        if (tptr == ks.ksCurThread) {
            k.sched.rescheduleRequired();
        }
    }
}
