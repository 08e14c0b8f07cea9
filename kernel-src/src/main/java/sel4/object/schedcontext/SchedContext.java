package sel4.object.schedcontext;

import sel4.model.Config;
import sel4.object.KernelObject;
import sel4.object.notification.Notification;
import sel4.object.reply.Reply;
import sel4.object.tcb.Tcb;

/**
 * Models seL4's MCS {@code sched_context_t} (include/object/structures.h; Haskell SchedContext in
 * Object/Structures) with its circular refill buffer.
 *
 * <p>The refills are kept in two parallel arrays ({@link #rTime}, {@link #rAmount}) sized from the
 * object size exactly as {@code refill_absolute_max}: (2^bits − core size) / 16 bytes.
 */
public final class SchedContext extends KernelObject {
    public long scPeriod;
    public long scConsumed;
    public Tcb scTcb;
    public Reply scReply;
    public Notification scNotification;
    public long scBadge;
    public boolean scSporadic;
    public Tcb scYieldFrom;
    /** Refill slots in use; 0 means the SC is inactive. */
    public int scRefillMax;
    public int scRefillHead;
    public int scRefillTail;
    public final long[] rTime;
    public final long[] rAmount;

    public SchedContext(long ptr, int sizeBits) {
        super(ptr, sizeBits);
        int n = refillAbsoluteMax(sizeBits);
        this.rTime = new long[n];
        this.rAmount = new long[n];
    }

    /** refill_absolute_max: how many refills fit an SC of 2^bits bytes. */
    public static int refillAbsoluteMax(int sizeBits) {
        return (int) (((1L << sizeBits) - Config.seL4_CoreSchedContextBytes) / Config.refillSizeBytes);
    }

    public int refillCapacity() {
        return rTime.length;
    }

    @Override
    public String typeName() {
        return "SchedContext";
    }
}
