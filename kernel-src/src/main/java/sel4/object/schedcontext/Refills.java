package sel4.object.schedcontext;

import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.model.Config;

/**
 * Models seL4's src/kernel/sporadic.c and include/kernel/sporadic.h (Haskell
 * Object/SchedContext refill functions): the circular refill buffer of a scheduling context.
 *
 * <p>A refill is a pair (release time, amount) kept at the same index of {@link SchedContext#rTime}
 * and {@link SchedContext#rAmount}. The live refills run from {@code scRefillHead} to
 * {@code scRefillTail} (inclusive), wrapping at {@code scRefillMax}; the buffer is never empty while
 * the SC is active. Round-robin SCs (period 0) always hold exactly two refills: the head is the
 * budget still to be consumed, the tail what has been consumed in this timeslice.
 *
 * <p>Ticks are 64-bit unsigned in seL4. The model keeps every time value below
 * {@link Config#maxReleaseTime()} (far below 2^63), so signed Java arithmetic never wraps: a
 * refill time plus a period (at most {@code maxPeriodUs}) always stays positive.
 *
 * <p>With checks on, the C debug sanity checks (REFILL_SANITY_*) run around the operations that
 * must preserve the sum of the refills and their order.
 */
public final class Refills extends KernelModule {
    public Refills(Kernel k) {
        super(k);
    }

    // ---- predicates (include/kernel/sporadic.h) ----

    /** An SC is active (configured) when it has at least one refill slot in use. */
    public boolean sc_active(SchedContext sc) {
        return sc.scRefillMax > 0;
    }

    /** Active and its head refill can be used now. */
    public boolean sc_released(SchedContext sc) {
        if (sc_active(sc)) {
            return refill_ready(sc);
        }
        return false;
    }

    /** Null-tolerant, as in C: callers pass a thread's possibly absent SC. */
    public boolean sc_sporadic(SchedContext sc) {
        return sc != null && sc.scSporadic;
    }

    public boolean sc_constant_bandwidth(SchedContext sc) {
        return !sc.scSporadic;
    }

    /** A period of 0 encodes round-robin (budget = period in ConfigureFlags). */
    public boolean isRoundRobin(SchedContext sc) {
        return sc.scPeriod == 0;
    }

    public long refill_head_time(SchedContext sc) {
        return sc.rTime[sc.scRefillHead];
    }

    public long refill_head_amount(SchedContext sc) {
        return sc.rAmount[sc.scRefillHead];
    }

    public long refill_tail_time(SchedContext sc) {
        return sc.rTime[sc.scRefillTail];
    }

    public long refill_tail_amount(SchedContext sc) {
        return sc.rAmount[sc.scRefillTail];
    }

    /** The head refill's release time has passed. */
    public boolean refill_ready(SchedContext sc) {
        return refill_head_time(sc) <= ks.ksCurTime;
    }

    /** What is left of the head refill after {@code usage}; 0 if usage exceeds it. */
    public long refill_capacity(SchedContext sc, long usage) {
        long head_amount = refill_head_amount(sc);
        if (usage > head_amount) {
            return 0;
        }
        return head_amount - usage;
    }

    /** The head refill still covers {@code usage} plus the minimum budget (a kernel entry and exit). */
    public boolean refill_sufficient(SchedContext sc, long usage) {
        return refill_capacity(sc, usage) >= config.minBudget();
    }

    /** Number of refills in use. */
    public int refill_size(SchedContext sc) {
        if (sc.scRefillHead <= sc.scRefillTail) {
            return sc.scRefillTail - sc.scRefillHead + 1;
        }
        return sc.scRefillTail + 1 + (sc.scRefillMax - sc.scRefillHead);
    }

    public boolean refill_full(SchedContext sc) {
        return refill_size(sc) == sc.scRefillMax;
    }

    public boolean refill_single(SchedContext sc) {
        return sc.scRefillHead == sc.scRefillTail;
    }

    /** The slot after {@code index}, wrapping at scRefillMax (seL4 avoids the modulo operator). */
    public int refill_next(SchedContext sc, int index) {
        return index == sc.scRefillMax - 1 ? 0 : index + 1;
    }

    /** Sum of all refill amounts: the SC's budget, which every operation preserves. */
    public long refill_sum(SchedContext sc) {
        long sum = sc.rAmount[sc.scRefillHead];
        int current = sc.scRefillHead;
        int guard = sc.scRefillMax;
        while (current != sc.scRefillTail && guard-- > 0) {
            current = refill_next(sc, current);
            sum += sc.rAmount[current];
        }
        return sum;
    }

    /** Each refill ends no later than the next one starts (round-robin SCs are exempt). */
    public boolean refill_ordered(SchedContext sc) {
        if (isRoundRobin(sc)) {
            return true;
        }
        int current = sc.scRefillHead;
        int guard = sc.scRefillMax;
        while (current != sc.scRefillTail && guard-- > 0) {
            int next = refill_next(sc, current);
            if (sc.rTime[current] + sc.rAmount[current] > sc.rTime[next]) {
                return false;
            }
            current = next;
        }
        return true;
    }

    // ---- buffer primitives ----

    /** Removes the head refill (the buffer never becomes empty) and returns its slot index. */
    private int refill_pop_head(SchedContext sc) {
        assertion(!refill_single(sc), "refill_pop_head: refill buffer has more than one refill", sc.scTcb);
        int old = sc.scRefillHead;
        sc.scRefillHead = refill_next(sc, sc.scRefillHead);
        return old;
    }

    /** Appends a refill after the tail. */
    private void refill_add_tail(SchedContext sc, long rTime, long rAmount) {
        assertion(refill_size(sc) < sc.scRefillMax, "refill_add_tail: refill buffer not full", sc.scTcb);
        int new_tail = refill_next(sc, sc.scRefillTail);
        sc.scRefillTail = new_tail;
        sc.rTime[new_tail] = rTime;
        sc.rAmount[new_tail] = rAmount;
    }

    /** Round-robin SCs track consumed time in an empty second refill. */
    private void maybe_add_empty_tail(SchedContext sc) {
        if (isRoundRobin(sc)) {
            refill_add_tail(sc, refill_head_time(sc), 0);
        }
    }

    // ---- configuration ----

    /**
     * Gives the SC a fresh budget: one refill of {@code budget} usable from now (plus the empty
     * tail for round-robin). Used when the SC's old budget is not being consumed.
     */
    public void refill_new(SchedContext sc, int max_refills, long budget, long period) {
        sc.scPeriod = period;
        sc.scRefillHead = 0;
        sc.scRefillTail = 0;
        sc.scRefillMax = max_refills;
        sc.rAmount[0] = budget;
        sc.rTime[0] = ks.ksCurTime;
        maybe_add_empty_tail(sc);
        sanityCheck(sc, budget, "refill_new");
    }

    /**
     * Reconfigures an SC whose budget is in use without letting it exceed the new budget within
     * the new period (the sliding-window constraint): only the head refill survives, clamped to
     * the new budget, and the rest of the new budget is released one period after the head.
     */
    public void refill_update(SchedContext sc, long new_period, long new_budget, int new_max_refills) {
        // Moving the head to slot 0 keeps it at a valid index once scRefillMax shrinks.
        sc.rTime[0] = refill_head_time(sc);
        sc.rAmount[0] = refill_head_amount(sc);
        sc.scRefillHead = 0;
        sc.scRefillTail = 0;
        sc.scRefillMax = new_max_refills;
        sc.scPeriod = new_period;

        if (refill_ready(sc)) {
            sc.rTime[0] = ks.ksCurTime;
        }

        if (sc.rAmount[0] >= new_budget) {
            sc.rAmount[0] = new_budget;
            maybe_add_empty_tail(sc);
        } else {
            refill_add_tail(sc, sc.rTime[0] + new_period, new_budget - sc.rAmount[0]);
        }
        sanityCheck(sc, new_budget, "refill_update");
    }

    // ---- charging (sporadic servers) ----

    /**
     * Schedules a used amount for release: merged into the tail if they touch or overlap, else
     * added as a new tail, else (buffer full) folded into the tail by delaying the tail so that it
     * still ends when the new refill would have ended.
     */
    private void schedule_used(SchedContext sc, long newTime, long newAmount) {
        long tailTime = refill_tail_time(sc);
        long tailAmount = refill_tail_amount(sc);
        if (tailTime + tailAmount >= newTime) {
            sc.rAmount[sc.scRefillTail] = tailAmount + newAmount;
        } else if (!refill_full(sc)) {
            refill_add_tail(sc, newTime, newAmount);
        } else {
            sc.rTime[sc.scRefillTail] = newTime - tailAmount;
            sc.rAmount[sc.scRefillTail] = tailAmount + newAmount;
        }
    }

    private boolean head_refill_overrun(SchedContext sc, long usage) {
        return refill_head_amount(sc) <= usage && refill_head_time(sc) < config.maxReleaseTime();
    }

    /** Charges the whole head refill: it is released again one period later. Returns the usage left. */
    private long charge_entire_head_refill(SchedContext sc, long usage) {
        long headAmount = refill_head_amount(sc);
        if (refill_single(sc)) {
            sc.rTime[sc.scRefillHead] += sc.scPeriod;
        } else {
            int old = refill_pop_head(sc);
            schedule_used(sc, sc.rTime[old] + sc.scPeriod, sc.rAmount[old]);
        }
        return usage - headAmount;
    }

    /**
     * Charges whole head refills while the usage covers them, stopping before refill times could
     * approach the overflow point (MAX_RELEASE_TIME).
     */
    private long handle_overrun(SchedContext sc, long usage) {
        long current_usage = usage;
        while (head_refill_overrun(sc, current_usage)) {
            current_usage = charge_entire_head_refill(sc, current_usage);
        }
        return current_usage;
    }

    private boolean head_refill_insufficient(SchedContext sc) {
        return refill_head_amount(sc) < config.minBudget();
    }

    /** Folds the head into the next refill, delaying that one so it does not end later. */
    private void merge_nonoverlapping_head_refill(SchedContext sc) {
        int old = refill_pop_head(sc);
        sc.rAmount[sc.scRefillHead] += sc.rAmount[old];
        sc.rTime[sc.scRefillHead] -= sc.rAmount[old];
    }

    /**
     * Charges {@code usage} ticks to the current SC (sporadic, not round-robin): whole refills are
     * consumed by {@link #handle_overrun}, a partially used head is split (the used part released
     * one period after the head's start), and finally the head is merged forward until it holds at
     * least the minimum budget.
     */
    public void refill_budget_check(long usage) {
        SchedContext sc = ks.ksCurSC;
        assertion(!isRoundRobin(sc), "refill_budget_check: current SC not round-robin", ks.ksCurThread);
        long sum = config.checks() ? refill_sum(sc) : 0;

        usage = handle_overrun(sc, usage);

        long headTime = refill_head_time(sc);
        long headAmount = refill_head_amount(sc);
        if (usage > 0 && headTime < config.maxReleaseTime()) {
            long usedTime = headTime + sc.scPeriod;
            sc.rAmount[sc.scRefillHead] = headAmount - usage;
            // Keeping the head no more than a period before the tail keeps later refills ordered.
            sc.rTime[sc.scRefillHead] = headTime + usage;
            schedule_used(sc, usedTime, usage);
        }

        // A single refill cannot be insufficient here (its budget is at least the minimum); the
        // single-refill guard only keeps a corrupted buffer from looping forever.
        while (head_refill_insufficient(sc) && !refill_single(sc)) {
            merge_nonoverlapping_head_refill(sc);
        }
        sanityCheck(sc, sum, "refill_budget_check");
    }

    // ---- charging (round-robin) ----

    /** Moves {@code usage} from the head (budget left) to the tail (budget used) of the current SC. */
    public void refill_budget_check_round_robin(long usage) {
        SchedContext sc = ks.ksCurSC;
        sc.rAmount[sc.scRefillHead] -= usage;
        sc.rAmount[sc.scRefillTail] += usage;
    }

    /** Ends a round-robin timeslice: the whole budget is available again. */
    public void refill_reset_rr(SchedContext sc) {
        sc.rAmount[sc.scRefillHead] += sc.rAmount[sc.scRefillTail];
        sc.rAmount[sc.scRefillTail] = 0;
    }

    // ---- unblocking ----

    private boolean refill_head_overlapping(SchedContext sc) {
        if (!refill_single(sc)) {
            long headEnd = refill_head_time(sc) + refill_head_amount(sc);
            return sc.rTime[refill_next(sc, sc.scRefillHead)] <= headEnd;
        }
        return false;
    }

    private void merge_overlapping_head_refill(SchedContext sc) {
        int old = refill_pop_head(sc);
        sc.rTime[sc.scRefillHead] = sc.rTime[old];
        sc.rAmount[sc.scRefillHead] += sc.rAmount[old];
    }

    /**
     * A sporadic thread that was blocked resumes: if its head refill is already due, it starts
     * now (the time spent blocked is not credited as budget) and every refill that has become
     * available by the end of the head is merged into it.
     */
    public void refill_unblock_check(SchedContext sc) {
        if (isRoundRobin(sc)) {
            return;
        }
        long sum = config.checks() ? refill_sum(sc) : 0;
        if (refill_ready(sc)) {
            sc.rTime[sc.scRefillHead] = ks.ksCurTime;
            ks.ksReprogram = true;
            while (refill_head_overlapping(sc)) {
                merge_overlapping_head_refill(sc);
            }
        }
        sanityCheck(sc, sum, "refill_unblock_check");
    }

    /**
     * The guarded unblock check used after wake-ups (Haskell ifCondRefillUnblockCheck; the C
     * callers spell the guard out). Does nothing for a null SC; otherwise requires the SC to be
     * sporadic, and additionally active when {@code act} is set (Haskell {@code Just True}) and
     * different from the current SC when {@code ast} is set (the current SC's refills are being
     * charged and must not be moved).
     */
    public void ifCondRefillUnblockCheck(SchedContext sc, boolean act, boolean ast) {
        if (sc == null) {
            return;
        }
        boolean guard = sc.scSporadic && (!act || sc_active(sc));
        if (guard && (!ast || sc != ks.ksCurSC)) {
            refill_unblock_check(sc);
        }
    }

    // ---- debug sanity (REFILL_SANITY_CHECK) ----

    private void sanityCheck(SchedContext sc, long expectedSum, String where) {
        if (!config.checks()) {
            return;
        }
        assertion(refill_sum(sc) == expectedSum, where + ": refill sum equals the budget", sc.scTcb);
        assertion(refill_ordered(sc), where + ": refills ordered", sc.scTcb);
    }
}
