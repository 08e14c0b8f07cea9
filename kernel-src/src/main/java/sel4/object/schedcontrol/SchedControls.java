package sel4.object.schedcontrol;

import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.SyscallError;
import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.model.Config;
import sel4.object.cap.Cap;
import sel4.object.cap.SchedContextCap;
import sel4.object.cnode.Cte;
import sel4.object.frame.IpcBuffer;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;

/**
 * Models seL4's src/object/schedcontrol.c (Haskell Object/SchedContext
 * invokeSchedControlConfigureFlags and Object/SchedControl): SchedControl_ConfigureFlags, which
 * gives a scheduling context its budget, period, refill count, timeout badge and flags.
 *
 * <p>The model has one core, so the SchedControl cap's core is always the SC's core and the SMP
 * branches of seL4 (remote stall, migration) do not exist.
 */
public final class SchedControls extends KernelModule {
    /** seL4_SchedContext_Sporadic: bit 0 of the flags argument. */
    public static final long seL4_SchedContext_Sporadic = 1;

    public SchedControls(Kernel k) {
        super(k);
    }

    public ExceptionT decodeSchedControlInvocation(long label, Cap cap, int length, IpcBuffer buffer) {
        if (InvocationLabel.genInvocationType(label) == InvocationLabel.SchedControlConfigureFlags) {
            return decodeSchedControl_ConfigureFlags(length, cap, buffer);
        }
        return syscallError(SyscallError.illegalOperation());
    }

    /**
     * Arguments: budget (µs), period (µs), extra refills, badge, flags; extra cap 0 is the target
     * SC. Checks, in seL4's order: both times ≤ MAX_PERIOD_US and ≥ MIN_BUDGET, budget ≤ period,
     * the target is an SC cap, and the extra refills fit the SC object. Every value is an unsigned
     * word, compared as such. budget = period selects round-robin.
     */
    public ExceptionT decodeSchedControl_ConfigureFlags(int length, Cap cap, IpcBuffer buffer) {
        Cte targetSlot = ks.current_extra_caps[0];
        if (targetSlot == null) {
            return syscallError(SyscallError.truncatedMessage());
        }
        if (length < (Config.TIME_ARG_SIZE * 2) + 3) {
            return syscallError(SyscallError.truncatedMessage());
        }

        long minBudgetUs = config.minBudgetUs();
        long maxPeriodUs = config.maxPeriodUs();

        long budget_us = mode_parseTimeArg(0, buffer);
        if (Long.compareUnsigned(budget_us, maxPeriodUs) > 0) {
            return syscallError(SyscallError.rangeError(minBudgetUs, maxPeriodUs));
        }
        long budget_ticks = config.usToTicks(budget_us);

        long period_us = mode_parseTimeArg(Config.TIME_ARG_SIZE, buffer);
        if (Long.compareUnsigned(period_us, maxPeriodUs) > 0) {
            return syscallError(SyscallError.rangeError(minBudgetUs, maxPeriodUs));
        }
        long period_ticks = config.usToTicks(period_us);

        if (budget_ticks < config.minBudget()) {
            return syscallError(SyscallError.rangeError(minBudgetUs, maxPeriodUs));
        }
        if (period_ticks < config.minBudget()) {
            return syscallError(SyscallError.rangeError(minBudgetUs, maxPeriodUs));
        }
        if (budget_ticks > period_ticks) {
            return syscallError(SyscallError.rangeError(minBudgetUs, period_us));
        }

        Cap targetCap = targetSlot.cap;
        if (!(targetCap instanceof SchedContextCap scCap)) {
            return syscallError(SyscallError.invalidCapability(1));
        }

        long extra_refills = getSyscallArg(Config.TIME_ARG_SIZE * 2, buffer);
        int max_refills = refill_absolute_max(scCap);
        if (Long.compareUnsigned(extra_refills, max_refills - Config.minRefills) > 0) {
            return syscallError(SyscallError.rangeError(0, max_refills - Config.minRefills));
        }

        long badge = getSyscallArg(Config.TIME_ARG_SIZE * 2 + 1, buffer);
        long flags = getSyscallArg(Config.TIME_ARG_SIZE * 2 + 2, buffer);

        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeSchedControl_ConfigureFlags(scCap.sc(), budget_ticks, period_ticks,
                (int) extra_refills + Config.minRefills, badge, flags);
    }

    /** How many refills the SC named by the cap can hold (bounded by the object's real buffer). */
    private static int refill_absolute_max(SchedContextCap cap) {
        return Math.min(SchedContext.refillAbsoluteMax(cap.sizeBits()), cap.sc().refillCapacity());
    }

    /**
     * Reconfigures the SC. Its thread is first taken out of the scheduler's sorted queues (their
     * order depends on the refills being changed) and, if the SC is the current one, the time
     * consumed so far is charged under the old parameters. An SC in use by a runnable thread keeps
     * its bandwidth promise through refill_update; otherwise it starts afresh with refill_new.
     * Then the thread is put back where it belongs (release queue, ready queue or current).
     */
    public ExceptionT invokeSchedControl_ConfigureFlags(SchedContext target, long budget, long period,
                                                       int max_refills, long badge, long flags) {
        Tcb thread = target.scTcb;

        if (thread != null) {
            k.tcbQueues.tcbReleaseRemove(thread);
            k.tcbQueues.tcbSchedDequeue(thread);
            if (ks.ksCurSC == target) {
                // C asserts checkBudget() here; the side-effect-free part of it is checked.
                assertion(k.refills.refill_sufficient(target, ks.ksConsumed) && !k.budget.isCurDomainExpired(),
                        "invokeSchedControl_ConfigureFlags: current SC covers the consumed time", thread);
                k.budget.commitTime();
            }
        }

        if (budget == period) {
            // Round-robin: period 0 means the budget is always refilled at the end of a timeslice.
            k.refills.refill_new(target, Config.minRefills, budget, 0);
        } else if (k.refills.sc_active(target) && thread != null && k.thread.isRunnable(thread)) {
            k.refills.refill_update(target, period, budget, max_refills);
        } else {
            k.refills.refill_new(target, max_refills, budget, period);
        }

        if (thread != null) {
            k.schedContexts.schedContext_resume(target);
            if (k.thread.isRunnable(thread) && thread != ks.ksCurThread) {
                k.sched.possibleSwitchTo(thread);
            }
            if (thread == ks.ksCurThread) {
                k.sched.rescheduleRequired();
            }
        }

        target.scBadge = badge;
        target.scSporadic = (flags & seL4_SchedContext_Sporadic) != 0;

        return ExceptionT.EXCEPTION_NONE;
    }
}
