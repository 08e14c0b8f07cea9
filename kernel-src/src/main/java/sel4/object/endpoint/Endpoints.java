package sel4.object.endpoint;

import sel4.api.ExceptionT;
import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.object.cap.Cap;
import sel4.object.tcb.Tcb;

/**
 * Models seL4's src/object/endpoint.c (Haskell Object/Endpoint): synchronous IPC with MCS reply
 * objects and SC donation, cancellation, and the C kernel-reply helpers replyFromKernel_error /
 * replyFromKernel_success_empty.
 */
public final class Endpoints extends KernelModule {
    public Endpoints(Kernel k) {
        super(k);
    }

    public void sendIPC(boolean blocking, boolean do_call, long badge, boolean canGrant, boolean canGrantReply,
                        boolean canDonate, Tcb thread, Endpoint epptr) { throw new UnsupportedOperationException("PENDING"); }
    public void receiveIPC(Tcb thread, Cap cap, boolean isBlocking, Cap replyCap) { throw new UnsupportedOperationException("PENDING"); }
    public void cancelIPC(Tcb tptr) { throw new UnsupportedOperationException("PENDING"); }
    public void cancelAllIPC(Endpoint epptr) { throw new UnsupportedOperationException("PENDING"); }
    public void cancelBadgedSends(Endpoint epptr, long badge) { throw new UnsupportedOperationException("PENDING"); }
    public void reorderEP(Endpoint epptr, Tcb thread) { throw new UnsupportedOperationException("PENDING"); }
    public void replyFromKernel_error(Tcb thread) { throw new UnsupportedOperationException("PENDING"); }
    public void replyFromKernel_success_empty(Tcb thread) { throw new UnsupportedOperationException("PENDING"); }
    public ExceptionT performInvocation_Endpoint(Endpoint ep, long badge, boolean canGrant, boolean canGrantReply,
                                                 boolean block, boolean call, boolean canDonate) { throw new UnsupportedOperationException("PENDING"); }
}
