package sel4.kernel;

import sel4.api.Fault;
import sel4.object.cap.Cap;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.NullCap;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;

/**
 * Models seL4's MCS src/kernel/faulthandler.c and include/kernel/faulthandler.h (Haskell
 * Kernel/FaultHandler): delivery of {@code ks.current_fault} as a fault IPC to the thread's
 * fault-handler endpoint (TCB slot 3) or, for budget overruns, its timeout-handler endpoint
 * (slot 4). MCS has no double-fault path: a thread without a handler just stops.
 */
public final class FaultHandler extends KernelModule {
    public FaultHandler(Kernel k) {
        super(k);
    }

    /**
     * Sends {@code ks.current_fault} of {@code tptr} to its fault handler, donating the thread's
     * SC if it has one; without a handler the thread becomes Inactive.
     */
    public void handleFault(Tcb tptr) {
        Cap faultHandlerCap = tptr.tcbCTE[Tcb.tcbFaultHandler].cap;
        boolean hasFaultHandler = sendFaultIPC(tptr, faultHandlerCap, tptr.tcbSchedContext != null);
        if (!hasFaultHandler) {
            handleNoFaultHandler(tptr);
        }
    }

    /**
     * Records {@code ks.current_fault} in the thread and sends it as a blocking, non-call IPC on
     * {@code handlerCap}; the pending fault makes sendIPC treat it like a call. Returns false if
     * the slot holds no handler. TCB configuration only installs null caps or valid handlers
     * (validFaultHandler), so anything else is a broken invariant and counts as "no handler".
     */
    public boolean sendFaultIPC(Tcb tptr, Cap handlerCap, boolean can_donate) {
        if (handlerCap instanceof EndpointCap ep && validFaultHandler(handlerCap)) {
            Fault fault = ks.current_fault;
            assertion(fault != null, "sendFaultIPC current_fault set", tptr);
            tptr.tcbFault = fault;
            if (fault instanceof Fault.CapFault capFault) {
                tptr.tcbLookupFailure = capFault.lookupFailure() != null
                        ? capFault.lookupFailure() : ks.current_lookup_fault;
            }
            k.endpoints.sendIPC(true, false, ep.badge(), ep.canGrant(), ep.canGrantReply(), can_donate, tptr,
                    ep.ep());
            return true;
        }
        assertion(handlerCap instanceof NullCap, "sendFaultIPC handler cap is an endpoint or null", tptr);
        return false;
    }

    /** A faulting thread without a fault handler is stopped (no double fault in MCS). */
    public void handleNoFaultHandler(Tcb tptr) {
        k.thread.setThreadState(tptr, ThreadState.Inactive);
    }

    /**
     * Sends the timeout fault in {@code ks.current_fault} to the thread's timeout handler. The
     * thread's SC is not donated: it has just run out of budget.
     */
    public void handleTimeout(Tcb tptr) {
        assertion(validTimeoutHandler(tptr), "handleTimeout valid timeout handler", tptr);
        Cap timeoutHandlerCap = tptr.tcbCTE[Tcb.tcbTimeoutHandler].cap;
        sendFaultIPC(tptr, timeoutHandlerCap, false);
    }

    /** The thread has an endpoint cap in its timeout-handler slot. */
    public boolean validTimeoutHandler(Tcb tptr) {
        return tptr.tcbCTE[Tcb.tcbTimeoutHandler].cap instanceof EndpointCap;
    }

    /**
     * validFaultHandler (src/object/tcb.c): an endpoint cap the kernel can send on and through
     * which the handler can reply (grant or grant-reply), or the null cap.
     */
    private static boolean validFaultHandler(Cap cap) {
        if (cap instanceof EndpointCap ep) {
            return ep.canSend() && (ep.canGrant() || ep.canGrantReply());
        }
        return cap instanceof NullCap;
    }
}
