package sel4.kernel;

import sel4.api.ExceptionT;
import sel4.api.MessageInfo;
import sel4.object.cnode.Cte;
import sel4.object.endpoint.Endpoint;
import sel4.object.frame.IpcBuffer;
import sel4.object.reply.Reply;
import sel4.object.tcb.Tcb;

/**
 * Models the message-transfer functions of seL4's src/kernel/thread.c and the message helpers of
 * src/object/tcb.c (Haskell Kernel/Thread doIPCTransfer ..., Object/TCB): normal, fault and
 * capability transfer, reply transfer, extra-cap lookup and receive-slot handling.
 */
public final class IpcTransfer extends KernelModule {
    public IpcTransfer(Kernel k) {
        super(k);
    }

    public void doIPCTransfer(Tcb sender, Endpoint endpoint, long badge, boolean grant, Tcb receiver) { throw new UnsupportedOperationException("PENDING"); }
    public void doReplyTransfer(Tcb sender, Reply reply, boolean grant) { throw new UnsupportedOperationException("PENDING"); }
    public void doNormalTransfer(Tcb sender, IpcBuffer sendBuffer, Endpoint endpoint, long badge, boolean canGrant,
                                 Tcb receiver, IpcBuffer receiveBuffer) { throw new UnsupportedOperationException("PENDING"); }
    public void doFaultTransfer(long badge, Tcb sender, Tcb receiver, IpcBuffer receiverIPCBuffer) { throw new UnsupportedOperationException("PENDING"); }
    public void doNBRecvFailedTransfer(Tcb thread) { throw new UnsupportedOperationException("PENDING"); }
    public MessageInfo transferCaps(MessageInfo info, Endpoint endpoint, Tcb receiver, IpcBuffer receiveBuffer) { throw new UnsupportedOperationException("PENDING"); }
    public int copyMRs(Tcb sender, IpcBuffer sendBuf, Tcb receiver, IpcBuffer recvBuf, int n) { throw new UnsupportedOperationException("PENDING"); }
    public ExceptionT lookupExtraCaps(Tcb thread, IpcBuffer bufferPtr, MessageInfo info) { throw new UnsupportedOperationException("PENDING"); }
    public long getExtraCPtr(IpcBuffer bufferPtr, int i) { throw new UnsupportedOperationException("PENDING"); }
    public void setExtraBadge(IpcBuffer bufferPtr, long badge, int i) { throw new UnsupportedOperationException("PENDING"); }
    public Cte getReceiveSlots(Tcb thread, IpcBuffer buffer) { throw new UnsupportedOperationException("PENDING"); }
}
