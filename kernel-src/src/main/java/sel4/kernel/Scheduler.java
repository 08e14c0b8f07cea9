package sel4.kernel;

import sel4.model.KernelState;
import sel4.model.SchedulerAction;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.TcbQueue;

/**
 * Models the scheduler part of seL4's src/kernel/thread.c (Haskell Kernel/Thread schedule and
 * friends): schedule, chooseThread, switchToThread, possibleSwitchTo, rescheduleRequired, awaken,
 * domain time, switchSchedContext and setNextInterrupt.
 *
 * <p>The scheduler action records what the next {@link #schedule} must do: resume the current
 * thread, choose the highest-priority ready thread, or switch to one thread that an IPC woke up
 * (which avoids a queue round-trip when that thread is the obvious choice). The current thread is
 * never in a ready queue while it runs; schedule puts it back before choosing.
 */
public final class Scheduler extends KernelModule {
    public Scheduler(Kernel k) {
        super(k);
    }

    /**
     * Picks the thread to run at kernel exit: releases due threads, ends an expired domain, acts
     * on the scheduler action, then switches the current SC and reprograms the timer if needed.
     */
    public void schedule() {
        awaken();
        checkDomainTime();

        if (ks.ksSchedulerAction != SchedulerAction.ResumeCurrentThread) {
            boolean was_runnable;
            if (k.thread.isSchedulable(ks.ksCurThread)) {
                was_runnable = true;
                k.tcbQueues.tcbSchedEnqueue(ks.ksCurThread);
            } else {
                was_runnable = false;
            }

            if (ks.ksSchedulerAction == SchedulerAction.ChooseNewThread) {
                scheduleChooseNewThread();
            } else {
                Tcb candidate = ks.ksSchedulerAction.target();
                assertion(k.thread.isSchedulable(candidate), "Q15 SwitchToThread candidate schedulable", candidate);
                // Mirrors the fastpath: only consult the bitmap when the candidate does not
                // obviously win against the current thread (never compare with idle's priority).
                boolean fastfail = ks.ksCurThread == ks.ksIdleThread
                        || candidate.tcbPriority < ks.ksCurThread.tcbPriority;
                if (fastfail && !k.tcbQueues.isHighestPrio(ks.ksCurDomain, candidate.tcbPriority)) {
                    k.tcbQueues.tcbSchedEnqueue(candidate);
                    ks.ksSchedulerAction = SchedulerAction.ChooseNewThread;
                    scheduleChooseNewThread();
                } else if (was_runnable && candidate.tcbPriority == ks.ksCurThread.tcbPriority) {
                    // The current thread went to the front of its queue; appending the candidate
                    // behind it lets the current thread keep the processor (round-robin order).
                    k.tcbQueues.tcbSchedAppend(candidate);
                    ks.ksSchedulerAction = SchedulerAction.ChooseNewThread;
                    scheduleChooseNewThread();
                } else {
                    switchToThread(candidate);
                }
            }
        }
        ks.ksSchedulerAction = SchedulerAction.ResumeCurrentThread;

        switchSchedContext();
        if (ks.ksReprogram) {
            setNextInterrupt();
            ks.ksReprogram = false;
        }
    }

    /** Moves to the next domain if the current one's time is up, then chooses a thread. */
    public void scheduleChooseNewThread() {
        if (ks.ksDomainTime == 0) {
            prepareNextDomain();
            nextDomain();
        }
        chooseThread();
    }

    /** Arch work before a domain switch (VCPU flush, FPU release). */
    private void prepareNextDomain() {
        k.arch.Arch_prepareNextDomain();
    }

    /** Switches to the head of the highest non-empty ready queue of the current domain, or to idle. */
    public void chooseThread() {
        int dom = config.numDomains() > 1 ? ks.ksCurDomain : 0;
        if (ks.ksReadyQueuesL1Bitmap[dom] != 0) {
            int prio = k.tcbQueues.getHighestPrio(dom);
            Tcb thread = ks.ksReadyQueues[KernelState.ready_queues_index(dom, prio)].head;
            SchedContext sc = thread == null ? null : thread.tcbSchedContext;
            assertion(thread != null && k.thread.isSchedulable(thread)
                            && k.refills.refill_sufficient(sc, 0) && k.refills.refill_ready(sc),
                    "Q14 chooseThread head schedulable with sufficient, ready refill", thread);
            if (thread == null) {
                // Bitmap without a queue: only a corrupted state gets here (C would crash).
                switchToIdleThread();
                return;
            }
            switchToThread(thread);
        } else {
            switchToIdleThread();
        }
    }

    /** Makes {@code thread} current: arch switch (VCPU, VSpace, FPU), out of its ready queue. */
    public void switchToThread(Tcb thread) {
        SchedContext sc = thread.tcbSchedContext;
        assertion(sc != null && !thread.tcbInReleaseQueue,
                "Q14 switchToThread target has an SC and is not in the release queue", thread);
        assertion(sc != null && k.refills.refill_sufficient(sc, 0) && k.refills.refill_ready(sc),
                "Q14 switchToThread target has a sufficient, ready refill", thread);
        k.arch.Arch_switchToThread(thread);
        k.tcbQueues.tcbSchedDequeue(thread);
        setCurThread(thread);
    }

    public void switchToIdleThread() {
        k.arch.Arch_switchToIdleThread();
        setCurThread(ks.ksIdleThread);
    }

    /** ksCurThread := thread (Haskell setCurThread, which asserts the idle thread is never queued). */
    public void setCurThread(Tcb thread) {
        assertion(ks.ksIdleThread == null || !ks.ksIdleThread.tcbQueued, "Q7 idle thread never queued",
                ks.ksIdleThread);
        ks.ksCurThread = thread;
    }

    /**
     * A thread that an operation has just made runnable may run at kernel exit. It is recorded as
     * the SwitchToThread candidate unless another thread already is (then both go through the
     * queues) or it belongs to another domain. Threads without an SC or waiting for a release
     * cannot run and are left alone.
     */
    public void possibleSwitchTo(Tcb target) {
        if (target.tcbSchedContext != null && !target.tcbInReleaseQueue) {
            if (ks.ksCurDomain != target.tcbDomain) {
                k.tcbQueues.tcbSchedEnqueue(target);
            } else if (ks.ksSchedulerAction != SchedulerAction.ResumeCurrentThread) {
                rescheduleRequired();
                k.tcbQueues.tcbSchedEnqueue(target);
            } else {
                ks.ksSchedulerAction = SchedulerAction.SwitchToThread(target);
            }
        }
    }

    /** Forces a full choice at the next schedule; a pending SwitchTo candidate goes to its queue. */
    public void rescheduleRequired() {
        Tcb candidate = ks.ksSchedulerAction.target();
        if (candidate != null && k.thread.isSchedulable(candidate)) {
            SchedContext sc = candidate.tcbSchedContext;
            assertion(k.refills.refill_sufficient(sc, 0) && k.refills.refill_ready(sc),
                    "Q15 SwitchToThread candidate has a sufficient, ready refill", candidate);
            k.tcbQueues.tcbSchedEnqueue(candidate);
        }
        ks.ksSchedulerAction = SchedulerAction.ChooseNewThread;
    }

    /**
     * Releases every thread at the head of the release queue whose refill is due.
     *
     * <p>Deviation: if the head does not leave the queue — only possible when a thread was
     * release-enqueued twice (the issue #1104 state, reachable with checks off), which leaves its
     * flag clear while it stays linked — seL4 would loop here forever. The model halts instead of
     * hanging the simulation.
     */
    public void awaken() {
        while (release_q_non_empty_and_ready()) {
            Tcb awakened = k.tcbQueues.tcbReleaseDequeue();
            if (ks.ksReleaseQueue.head == awakened) {
                fail("awaken: release queue head " + awakened + " cannot be dequeued (corrupted release queue)");
            }
            possibleSwitchTo(awakened);
        }
    }

    private boolean release_q_non_empty_and_ready() {
        TcbQueue q = ks.ksReleaseQueue;
        return q.head != null && k.refills.refill_ready(q.head.tcbSchedContext);
    }

    /** With several domains, an expired domain forces a reschedule (and a new timer deadline). */
    public void checkDomainTime() {
        if (k.budget.isCurDomainExpired()) {
            ks.ksReprogram = true;
            rescheduleRequired();
        }
    }

    /** Advances the domain schedule, wrapping at the end marker to the configured start entry. */
    public void nextDomain() {
        ks.ksDomScheduleIdx++;
        if (k.domains.dschedule_is_end_marker(ks.ksDomScheduleIdx)) {
            ks.ksDomScheduleIdx = ks.ksDomScheduleStart;
        }
        ks.ksReprogram = true;
        ks.ksWorkUnitsCompleted = 0;
        ks.ksCurDomain = k.domains.dschedule_domain(ks.ksDomScheduleIdx);
        ks.ksDomainTime = k.domains.dschedule_duration(ks.ksDomScheduleIdx);
    }

    /**
     * Makes the new current thread's SC the current SC. Changing SC means acting on the time of
     * this kernel entry, so the time consumed so far is committed to the old SC first; a
     * constant-bandwidth SC that was not running gets its unblock check.
     */
    public void switchSchedContext() {
        SchedContext sc = ks.ksCurThread.tcbSchedContext;
        if (ks.ksCurSC != sc) {
            ks.ksReprogram = true;
            if (sc != null && k.refills.sc_constant_bandwidth(sc)) {
                k.refills.refill_unblock_check(sc);
            }
        }

        if (ks.ksReprogram) {
            k.budget.commitTime();
        }

        ks.ksCurSC = sc;
    }

    /**
     * Programs the deadline timer for the earliest event: the end of the current thread's head
     * refill, the end of the domain (with several domains) or the next release.
     */
    public void setNextInterrupt() {
        SchedContext ctSc = ks.ksCurThread.tcbSchedContext;
        long next_interrupt = ctSc == null ? Long.MAX_VALUE : ks.ksCurTime + k.refills.refill_head_amount(ctSc);

        if (config.numDomains() > 1) {
            next_interrupt = Math.min(next_interrupt, ks.ksCurTime + ks.ksDomainTime);
        }

        Tcb rlq_head = ks.ksReleaseQueue.head;
        if (rlq_head != null) {
            next_interrupt = Math.min(k.refills.refill_head_time(rlq_head.tcbSchedContext), next_interrupt);
        }

        // The deadline may land in the past after subtracting the precision: the IRQ then fires
        // as soon as the kernel returns to user level.
        machine.setDeadline(next_interrupt - config.timerPrecision());
    }
}
