package sel4.object.schedcontext;

import sel4.api.ExceptionT;
import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.object.cap.Cap;
import sel4.object.frame.IpcBuffer;
import sel4.object.notification.Notification;
import sel4.object.tcb.Tcb;

/**
 * Models seL4's src/object/schedcontext.c (Haskell Object/SchedContext): binding, donation,
 * yield and the SchedContext invocations. The data-returning invocations (Consumed, YieldTo) and
 * the deferred YieldTo completion are in their legacy form (LEGACY-REPLY-BUGS §A6 rows 9-11).
 */
public final class SchedContexts extends KernelModule {
    public SchedContexts(Kernel k) {
        super(k);
    }

    public void schedContext_bindTCB(SchedContext sc, Tcb tcb) { throw new UnsupportedOperationException("PENDING"); }
    public void schedContext_unbindTCB(SchedContext sc, Tcb tcb) { throw new UnsupportedOperationException("PENDING"); }
    public void schedContext_unbindAllTCBs(SchedContext sc) { throw new UnsupportedOperationException("PENDING"); }
    public void schedContext_donate(SchedContext sc, Tcb to) { throw new UnsupportedOperationException("PENDING"); }
    public void schedContext_resume(SchedContext sc) { throw new UnsupportedOperationException("PENDING"); }
    public void schedContext_bindNtfn(SchedContext sc, Notification ntfn) { throw new UnsupportedOperationException("PENDING"); }
    public void schedContext_unbindNtfn(SchedContext sc) { throw new UnsupportedOperationException("PENDING"); }
    public void schedContext_unbindReply(SchedContext sc) { throw new UnsupportedOperationException("PENDING"); }
    public void schedContext_unbindYieldFrom(SchedContext sc) { throw new UnsupportedOperationException("PENDING"); }
    public long schedContext_updateConsumed(SchedContext sc) { throw new UnsupportedOperationException("PENDING"); }
    public void schedContext_completeYieldTo(Tcb yielder) { throw new UnsupportedOperationException("PENDING"); }
    public void schedContext_cancelYieldTo(Tcb tcb) { throw new UnsupportedOperationException("PENDING"); }
    public void setConsumed(SchedContext sc, IpcBuffer buffer) { throw new UnsupportedOperationException("PENDING"); }
    public ExceptionT decodeSchedContextInvocation(long label, Cap cap, IpcBuffer buffer) { throw new UnsupportedOperationException("PENDING"); }
    public ExceptionT invokeSchedContext_Consumed(SchedContext sc, IpcBuffer buffer) { throw new UnsupportedOperationException("PENDING"); }
    public ExceptionT invokeSchedContext_YieldTo(SchedContext sc, IpcBuffer buffer) { throw new UnsupportedOperationException("PENDING"); }
}
