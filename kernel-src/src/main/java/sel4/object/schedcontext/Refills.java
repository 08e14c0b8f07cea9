package sel4.object.schedcontext;

import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;

/**
 * Models seL4's src/kernel/sporadic.c and include/kernel/sporadic.h (Haskell
 * Object/SchedContext refill functions): the circular refill buffer of a scheduling context.
 */
public final class Refills extends KernelModule {
    public Refills(Kernel k) {
        super(k);
    }

    public boolean sc_active(SchedContext sc) { throw new UnsupportedOperationException("PENDING"); }
    public boolean sc_released(SchedContext sc) { throw new UnsupportedOperationException("PENDING"); }
    public boolean sc_sporadic(SchedContext sc) { throw new UnsupportedOperationException("PENDING"); }
    public boolean isRoundRobin(SchedContext sc) { throw new UnsupportedOperationException("PENDING"); }
    public long refill_head_time(SchedContext sc) { throw new UnsupportedOperationException("PENDING"); }
    public long refill_head_amount(SchedContext sc) { throw new UnsupportedOperationException("PENDING"); }
    public boolean refill_ready(SchedContext sc) { throw new UnsupportedOperationException("PENDING"); }
    public boolean refill_sufficient(SchedContext sc, long usage) { throw new UnsupportedOperationException("PENDING"); }
    public long refill_capacity(SchedContext sc, long usage) { throw new UnsupportedOperationException("PENDING"); }
    public void refill_new(SchedContext sc, int max_refills, long budget, long period) { throw new UnsupportedOperationException("PENDING"); }
    public void refill_update(SchedContext sc, long new_period, long new_budget, int new_max_refills) { throw new UnsupportedOperationException("PENDING"); }
    public void refill_budget_check(long usage) { throw new UnsupportedOperationException("PENDING"); }
    public void refill_budget_check_round_robin(long usage) { throw new UnsupportedOperationException("PENDING"); }
    public void refill_reset_rr(SchedContext sc) { throw new UnsupportedOperationException("PENDING"); }
    public void refill_unblock_check(SchedContext sc) { throw new UnsupportedOperationException("PENDING"); }
    public void ifCondRefillUnblockCheck(SchedContext sc, boolean act, boolean ast) { throw new UnsupportedOperationException("PENDING"); }
}
