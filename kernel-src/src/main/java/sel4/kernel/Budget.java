package sel4.kernel;

import sel4.api.ExceptionT;
import sel4.api.Fault;
import sel4.model.Config;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.ThreadState;

/**
 * Models the MCS time-accounting part of seL4's src/kernel/thread.c, include/kernel/thread.h,
 * src/model/preemption.c and the MCS preemption point of src/api/syscall.c (Haskell Kernel/Thread,
 * Object/SchedContext): updateTimestamp, checkBudget, checkBudgetRestart, chargeBudget,
 * endTimeslice, commitTime, postpone and the preemption points.
 *
 * <p>Time consumed since the last commit accumulates in {@code ksConsumed}; it is charged to the
 * current SC when the SC changes or the timer must be reprogrammed (commitTime), or immediately
 * when the head refill cannot cover it any more (checkBudget → chargeBudget). Charging the budget
 * of a schedulable current thread ends its timeslice, and endTimeslice decides where the thread
 * goes: to its timeout handler, to the back of its ready queue, or to the release queue. The last
 * two put the current thread into a queue while it is still the current thread; that is the
 * enqueue half of bug B (LEGACY-REPLY-BUGS §B2).
 */
public final class Budget extends KernelModule {
    public Budget(Kernel k) {
        super(k);
    }

    /** Reads the clock at kernel entry; the time since the last entry counts as consumed. */
    public void updateTimestamp() {
        long prev = ks.ksCurTime;
        ks.ksCurTime = machine.getCurrentTime();
        long consumed = ks.ksCurTime - prev;
        ks.ksConsumed += consumed;
        if (config.numDomains() > 1) {
            // A domain that cannot fit another kernel entry is treated as expired.
            if (consumed + config.minBudget() >= ks.ksDomainTime) {
                ks.ksDomainTime = 0;
            } else {
                ks.ksDomainTime -= consumed;
            }
        }
    }

    public boolean isCurDomainExpired() {
        return config.numDomains() > 1 && ks.ksDomainTime == 0;
    }

    /**
     * True when the current thread may go on: its head refill still covers the consumed time plus
     * a kernel entry, and its domain has time left. When the refill is exhausted the consumed time
     * is charged (which may requeue or block the current thread) and the answer is false.
     */
    public boolean checkBudget() {
        if (k.refills.refill_sufficient(ks.ksCurSC, ks.ksConsumed)) {
            if (isCurDomainExpired()) {
                return false;
            }
            return true;
        }
        chargeBudget(ks.ksConsumed, true);
        return false;
    }

    /**
     * The synchronous-entry budget check: if the budget is gone, a still-runnable current thread
     * is left in Restart so that its system call is re-executed when it next runs.
     */
    public boolean checkBudgetRestart() {
        boolean result = checkBudget();
        if (!result && k.thread.isRunnable(ks.ksCurThread)) {
            k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        }
        return result;
    }

    /**
     * Charges {@code consumed} to the current SC (the idle SC is never charged). A round-robin SC
     * starts a full new timeslice; a sporadic SC goes through refill_budget_check. If the current
     * thread is still schedulable its timeslice ends (endTimeslice) and a new choice is forced.
     */
    public void chargeBudget(long consumed, boolean canTimeoutFault) {
        if (ks.ksCurSC != ks.ksIdleSC) {
            if (k.refills.isRoundRobin(ks.ksCurSC)) {
                k.refills.refill_reset_rr(ks.ksCurSC);
            } else {
                k.refills.refill_budget_check(consumed);
            }
            ks.ksCurSC.scConsumed += consumed;
        }
        ks.ksConsumed = 0;
        if (k.thread.isSchedulable(ks.ksCurThread)) {
            endTimeslice(canTimeoutFault);
            k.sched.rescheduleRequired();
            ks.ksReprogram = true;
        }
    }

    /**
     * Where the current thread goes when its timeslice ends: (a) if allowed, for a sporadic SC
     * with a valid timeout handler, a timeout fault blocks it on the handler; (b) if the head
     * refill is ready and sufficient (always so for round-robin), it is appended to its ready
     * queue; (c) otherwise it waits in the release queue.
     */
    public void endTimeslice(boolean can_timeout_fault) {
        boolean round_robin = k.refills.isRoundRobin(ks.ksCurSC);
        // validTimeoutHandler is a pure test of the timeout-handler slot; evaluating it last (C
        // evaluates it first) changes nothing but the number of calls.
        if (can_timeout_fault && !round_robin && k.faultHandler.validTimeoutHandler(ks.ksCurThread)) {
            ks.current_fault = new Fault.Timeout(ks.ksCurSC.scBadge);
            k.faultHandler.handleTimeout(ks.ksCurThread);
        } else if (k.refills.refill_ready(ks.ksCurSC) && k.refills.refill_sufficient(ks.ksCurSC, 0)) {
            assertion(!ks.ksCurThread.tcbQueued, "Q10 endTimeslice current thread not queued before the append",
                    ks.ksCurThread);
            k.tcbQueues.tcbSchedAppend(ks.ksCurThread);
        } else {
            postpone(ks.ksCurSC);
        }
    }

    /**
     * Charges the time consumed so far to the current SC (called when the SC changes or the timer
     * is reprogrammed, because the kernel has then acted on the new time).
     */
    public void commitTime() {
        SchedContext sc = ks.ksCurSC;
        if (sc != null && k.refills.sc_active(sc) && sc != ks.ksIdleSC) {
            if (ks.ksConsumed > 0) {
                if (k.refills.isRoundRobin(sc)) {
                    k.refills.refill_budget_check_round_robin(ks.ksConsumed);
                } else {
                    k.refills.refill_budget_check(ks.ksConsumed);
                }
            }
            sc.scConsumed += ks.ksConsumed;
        }
        ks.ksConsumed = 0;
    }

    /** Moves the SC's thread from the ready queue to the release queue until its next refill. */
    public void postpone(SchedContext sc) {
        k.tcbQueues.tcbSchedDequeue(sc.scTcb);
        k.tcbQueues.tcbReleaseEnqueue(sc.scTcb);
        ks.ksReprogram = true;
    }

    /**
     * The budget step of a preempted long-running operation, before the pending interrupt is
     * handled. The operation may have deleted the current thread's SC binding or the SC itself, so
     * only a schedulable thread goes through checkBudget; an unbound but active SC is still
     * charged; time of an SC that no longer exists is dropped.
     */
    public void mcsPreemptionPoint() {
        if (k.thread.isSchedulable(ks.ksCurThread)) {
            checkBudget();
        } else if (k.refills.sc_active(ks.ksCurSC)) {
            chargeBudget(ks.ksConsumed, false);
        } else {
            ks.ksConsumed = 0;
        }
    }

    /**
     * Called in the loops of long-running operations (delete, revoke, untyped reset): every
     * {@link Config#workUnitsLimit} units of work, preempt if an interrupt is pending, the domain
     * has expired or the current SC can no longer cover the time spent.
     */
    public ExceptionT preemptionPoint() {
        ks.ksWorkUnitsCompleted++;
        if (ks.ksWorkUnitsCompleted >= Config.workUnitsLimit) {
            ks.ksWorkUnitsCompleted = 0;
            updateTimestamp();
            if (machine.isIRQPending() || isCurDomainExpired()
                    || !(k.refills.sc_active(ks.ksCurSC) && k.refills.refill_sufficient(ks.ksCurSC, ks.ksConsumed))) {
                return ExceptionT.EXCEPTION_PREEMPTED;
            }
        }
        return ExceptionT.EXCEPTION_NONE;
    }
}
