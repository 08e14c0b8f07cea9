package sel4.object.notification;

import sel4.api.ExceptionT;
import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.object.cap.Cap;
import sel4.object.tcb.Tcb;

/**
 * Models seL4's src/object/notification.c (Haskell Object/Notification): signals, waits, bound
 * TCBs and MCS scheduling-context donation through notifications.
 */
public final class Notifications extends KernelModule {
    public Notifications(Kernel k) {
        super(k);
    }

    public void sendSignal(Notification ntfnPtr, long badge) { throw new UnsupportedOperationException("PENDING"); }
    public void receiveSignal(Tcb thread, Cap cap, boolean isBlocking) { throw new UnsupportedOperationException("PENDING"); }
    public void cancelSignal(Tcb threadPtr, Notification ntfnPtr) { throw new UnsupportedOperationException("PENDING"); }
    public void cancelAllSignals(Notification ntfnPtr) { throw new UnsupportedOperationException("PENDING"); }
    public void completeSignal(Notification ntfnPtr, Tcb tcb) { throw new UnsupportedOperationException("PENDING"); }
    public void bindNotification(Tcb tcb, Notification ntfnPtr) { throw new UnsupportedOperationException("PENDING"); }
    public void unbindNotification(Tcb tcb) { throw new UnsupportedOperationException("PENDING"); }
    public void unbindMaybeNotification(Notification ntfnPtr) { throw new UnsupportedOperationException("PENDING"); }
    public void reorderNTFN(Notification ntfnPtr, Tcb thread) { throw new UnsupportedOperationException("PENDING"); }
    public void maybeDonateSchedContext(Tcb tcb, Notification ntfnPtr) { throw new UnsupportedOperationException("PENDING"); }
    public void maybeReturnSchedContext(Notification ntfnPtr, Tcb tcb) { throw new UnsupportedOperationException("PENDING"); }
    public ExceptionT performInvocation_Notification(Notification ntfn, long badge) { throw new UnsupportedOperationException("PENDING"); }
}
