package sel4.object.reply;

import sel4.api.ExceptionT;
import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.object.tcb.Tcb;

/** Models seL4's MCS src/object/reply.c (Haskell Object/Reply): the SC call stack of reply objects. */
public final class Replies extends KernelModule {
    public Replies(Kernel k) {
        super(k);
    }

    public void reply_push(Tcb tcb_caller, Tcb tcb_callee, Reply reply, boolean canDonate) { throw new UnsupportedOperationException("PENDING"); }
    public void reply_pop(Reply reply, Tcb tcb) { throw new UnsupportedOperationException("PENDING"); }
    public void reply_remove(Reply reply, Tcb tcb) { throw new UnsupportedOperationException("PENDING"); }
    public void reply_remove_tcb(Tcb tcb) { throw new UnsupportedOperationException("PENDING"); }
    public void reply_unlink(Reply reply, Tcb tcb) { throw new UnsupportedOperationException("PENDING"); }
    public ExceptionT performInvocation_Reply(Tcb thread, Reply reply, boolean canGrant) { throw new UnsupportedOperationException("PENDING"); }
}
