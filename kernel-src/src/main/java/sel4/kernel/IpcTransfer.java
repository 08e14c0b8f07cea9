package sel4.kernel;

import static sel4.api.MessageInfo.messageInfoFromWord;
import static sel4.api.MessageInfo.seL4_MessageInfo_new;
import static sel4.api.MessageInfo.wordFromMessageInfo;
import static sel4.machine.Registers.badgeRegister;
import static sel4.machine.Registers.msgInfoRegister;
import static sel4.machine.Registers.msgRegisters;
import static sel4.machine.Registers.n_msgRegisters;

import sel4.api.ExceptionT;
import sel4.api.Fault;
import sel4.api.MessageInfo;
import sel4.model.Config;
import sel4.object.ObjectType;
import sel4.object.cap.Cap;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.NullCap;
import sel4.object.cnode.Cte;
import sel4.object.endpoint.Endpoint;
import sel4.object.frame.IpcBuffer;
import sel4.object.reply.Reply;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;
import sel4.object.tcb.ThreadStateType;

/**
 * Models the message-transfer functions of seL4's src/kernel/thread.c and the message helpers of
 * src/object/tcb.c and src/object/cnode.c (Haskell Kernel/Thread doIPCTransfer ..., Object/TCB):
 * normal, fault and capability transfer, reply transfer, extra-cap lookup and receive-slot
 * handling.
 *
 * <p>Buffers follow the IPC-proper rule (LEGACY-REPLY-BUGS §A10): the receiver's buffer is looked
 * up with write authority ({@code lookupIPCBuffer(true, receiver)}), the sender's with read
 * authority, and a missing buffer limits a message to the message registers.
 */
public final class IpcTransfer extends KernelModule {
    /** Buffer word of extra-cap CPtr / unwrapped badge 0 (seL4_MsgMaxLength + 2). */
    private static final int EXTRA_CAPS_WORD = Config.msgMaxLength + 2;
    /** Buffer word of the receive-slot descriptor (seL4_MsgMaxLength + seL4_MsgMaxExtraCaps + 2). */
    private static final int CAP_TRANSFER_WORD = Config.msgMaxLength + Config.msgMaxExtraCaps + 2;
    /** wordBits: the deepest CNode lookup a receive descriptor can ask for. */
    private static final int wordBits = 64;

    public IpcTransfer(Kernel k) {
        super(k);
    }

    /**
     * Transfers a message from {@code sender} to {@code receiver}: the sender's pending fault
     * as a fault message if it has one, else its normal message (with caps if {@code grant}).
     */
    public void doIPCTransfer(Tcb sender, Endpoint endpoint, long badge, boolean grant, Tcb receiver) {
        IpcBuffer receiveBuffer = k.arch.lookupIPCBuffer(true, receiver);
        if (sender.tcbFault == null) {
            IpcBuffer sendBuffer = k.arch.lookupIPCBuffer(false, sender);
            doNormalTransfer(sender, sendBuffer, endpoint, badge, grant, receiver, receiveBuffer);
        } else {
            doFaultTransfer(badge, sender, receiver, receiveBuffer);
        }
    }

    /**
     * Delivers {@code sender}'s reply through {@code reply} to the thread blocked on it. A normal
     * reply is transferred as a message and the caller runs; a reply to a fault is decoded by
     * handleFaultReply and the faulted thread restarts or stops. Afterwards a runnable caller
     * with an SC runs if its budget allows; otherwise it raises a timeout fault (if it has a
     * timeout handler and was not handling one) or waits in the release queue.
     */
    public void doReplyTransfer(Tcb sender, Reply reply, boolean grant) {
        Tcb receiver = reply.replyTCB;
        if (receiver == null || receiver.tcbState.tsType() != ThreadStateType.BlockedOnReply) {
            // The caller is gone or the reply object was only offered by a receiver: nothing to do.
            return;
        }
        k.replies.reply_remove(reply, receiver);
        assertion(receiver.tcbState.tsType() == ThreadStateType.Inactive, "doReplyTransfer caller unlinked",
                receiver);
        assertion(reply.replyTCB == null, "Q18 doReplyTransfer reply unlinked", receiver);

        SchedContext rsc = receiver.tcbSchedContext;
        if (rsc != null && k.refills.sc_sporadic(rsc) && rsc != ks.ksCurSC) {
            k.refills.refill_unblock_check(rsc);
        }

        Fault fault = receiver.tcbFault;
        if (fault == null) {
            doIPCTransfer(sender, null, 0, grant, receiver);
            k.thread.setThreadState(receiver, ThreadState.Running);
        } else {
            boolean restart = k.faults.handleFaultReply(receiver, sender);
            receiver.tcbFault = null;
            if (restart) {
                k.thread.setThreadState(receiver, ThreadState.Restart);
            } else {
                k.thread.setThreadState(receiver, ThreadState.Inactive);
            }
        }

        SchedContext sc = receiver.tcbSchedContext;
        if (sc != null && k.thread.isRunnable(receiver)) {
            if (k.refills.refill_ready(sc) && k.refills.refill_sufficient(sc, 0)) {
                k.sched.possibleSwitchTo(receiver);
            } else if (k.faultHandler.validTimeoutHandler(receiver) && !(fault instanceof Fault.Timeout)) {
                ks.current_fault = new Fault.Timeout(sc.scBadge);
                k.faultHandler.handleTimeout(receiver);
            } else {
                k.budget.postpone(sc);
            }
        }
    }

    /**
     * Copies the sender's message (label, words, caps) to the receiver and sets the receiver's
     * msgInfo (length = words actually transferred) and badge.
     */
    public void doNormalTransfer(Tcb sender, IpcBuffer sendBuffer, Endpoint endpoint, long badge, boolean canGrant,
                                 Tcb receiver, IpcBuffer receiveBuffer) {
        MessageInfo tag = messageInfoFromWord(getRegister(sender, msgInfoRegister));
        if (canGrant) {
            ExceptionT status = lookupExtraCaps(sender, sendBuffer, tag);
            if (status != ExceptionT.EXCEPTION_NONE) {
                // A bad extra cap does not fail the send: the message goes without caps.
                ks.current_extra_caps[0] = null;
            }
        } else {
            ks.current_extra_caps[0] = null;
        }
        int msgTransferred = copyMRs(sender, sendBuffer, receiver, receiveBuffer, tag.length());
        tag = transferCaps(tag, endpoint, receiver, receiveBuffer);
        tag = seL4_MessageInfo_new(tag.label(), tag.capsUnwrapped(), tag.extraCaps(), msgTransferred);
        setRegister(receiver, msgInfoRegister, wordFromMessageInfo(tag));
        setRegister(receiver, badgeRegister, badge);
    }

    /** Sends {@code sender}'s pending fault as a message labelled with the fault type. */
    public void doFaultTransfer(long badge, Tcb sender, Tcb receiver, IpcBuffer receiverIPCBuffer) {
        int sent = k.faults.setMRs_fault(sender, receiver, receiverIPCBuffer);
        MessageInfo msgInfo = seL4_MessageInfo_new(sender.tcbFault.faultLabel(), 0, 0, sent);
        setRegister(receiver, msgInfoRegister, wordFromMessageInfo(msgInfo));
        setRegister(receiver, badgeRegister, badge);
    }

    /** A poll that found nothing: badge 0 says "no message". */
    public void doNBRecvFailedTransfer(Tcb thread) {
        setRegister(thread, badgeRegister, 0);
    }

    /**
     * Transfers the extra caps found by lookupExtraCaps. A cap to the endpoint the message
     * travels on is not transferred but unwrapped: its badge goes into the receiver's buffer
     * and the capsUnwrapped bit is set. At most one cap is really transferred, into the empty
     * receive slot the receiver named; the transfer stops at the first cap that cannot be moved.
     * Returns {@code info} with extraCaps = caps handled and capsUnwrapped set.
     */
    public MessageInfo transferCaps(MessageInfo info, Endpoint endpoint, Tcb receiver, IpcBuffer receiveBuffer) {
        int capsUnwrapped = 0;
        if (ks.current_extra_caps[0] == null || receiveBuffer == null) {
            return seL4_MessageInfo_new(info.label(), 0, 0, info.length());
        }
        Cte destSlot = getReceiveSlots(receiver, receiveBuffer);
        int i = 0;
        for (; i < Config.msgMaxExtraCaps && ks.current_extra_caps[i] != null; i++) {
            Cte slot = ks.current_extra_caps[i];
            Cap cap = slot.cap;
            if (cap instanceof EndpointCap epCap && epCap.ep() == endpoint) {
                setExtraBadge(receiveBuffer, epCap.badge(), i);
                capsUnwrapped |= 1 << i;
            } else {
                if (destSlot == null) {
                    break;
                }
                ObjectType.DeriveCapRet dc_ret = k.objectType.deriveCap(slot, cap);
                if (dc_ret.status() != ExceptionT.EXCEPTION_NONE || dc_ret.cap() instanceof NullCap) {
                    break;
                }
                k.cnodes.cteInsert(dc_ret.cap(), slot, destSlot);
                destSlot = null;
            }
        }
        return seL4_MessageInfo_new(info.label(), capsUnwrapped, i, info.length());
    }

    /**
     * Copies the first {@code n} message words: registers always, buffer words only when both
     * threads have a buffer. Returns the number of words copied.
     */
    public int copyMRs(Tcb sender, IpcBuffer sendBuf, Tcb receiver, IpcBuffer recvBuf, int n) {
        // n comes from a message info word, which messageInfoFromWord already bounds; bound it
        // here too so that no caller can index past the buffer's message words.
        int count = Math.max(0, Math.min(n, Config.msgMaxLength));
        int i = 0;
        for (; i < count && i < n_msgRegisters; i++) {
            setRegister(receiver, msgRegisters[i], getRegister(sender, msgRegisters[i]));
        }
        if (recvBuf == null || sendBuf == null) {
            return i;
        }
        for (; i < count; i++) {
            recvBuf.set(i + 1, sendBuf.get(i + 1));
        }
        return i;
    }

    /**
     * Looks up the extra-cap CPtrs of the message in {@code thread}'s CSpace into
     * {@code ks.current_extra_caps} (null-terminated). Without a buffer there are no extra caps.
     * A failed lookup sets a capability fault in {@code ks.current_fault}.
     */
    public ExceptionT lookupExtraCaps(Tcb thread, IpcBuffer bufferPtr, MessageInfo info) {
        if (bufferPtr == null) {
            ks.current_extra_caps[0] = null;
            return ExceptionT.EXCEPTION_NONE;
        }
        int length = Math.max(0, Math.min(info.extraCaps(), Config.msgMaxExtraCaps));
        int i = 0;
        for (; i < length; i++) {
            long cptr = getExtraCPtr(bufferPtr, i);
            CSpace.LookupSlotRet lu_ret = k.cspace.lookupSlot(thread, cptr);
            if (lu_ret.status() != ExceptionT.EXCEPTION_NONE) {
                ks.current_fault = new Fault.CapFault(cptr, false, ks.current_lookup_fault);
                return lu_ret.status();
            }
            ks.current_extra_caps[i] = lu_ret.slot();
        }
        if (i < Config.msgMaxExtraCaps) {
            ks.current_extra_caps[i] = null;
        }
        return ExceptionT.EXCEPTION_NONE;
    }

    /** Extra-cap CPtr {@code i} of the message (buffer word seL4_MsgMaxLength + 2 + i). */
    public long getExtraCPtr(IpcBuffer bufferPtr, int i) {
        return bufferPtr.get(EXTRA_CAPS_WORD + i);
    }

    /** Stores the badge of unwrapped extra cap {@code i} where the receiver reads caps-or-badges. */
    public void setExtraBadge(IpcBuffer bufferPtr, long badge, int i) {
        bufferPtr.set(EXTRA_CAPS_WORD + i, badge);
    }

    /**
     * The empty slot the receiver asked a transferred cap to go to, from the receive descriptor
     * in its buffer (CNode CPtr, index, depth), or null if there is none: no buffer, a failed
     * lookup or an occupied slot all just mean that no cap can be received.
     */
    public Cte getReceiveSlots(Tcb thread, IpcBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        long cptr = buffer.get(CAP_TRANSFER_WORD);
        long index = buffer.get(CAP_TRANSFER_WORD + 1);
        long depth = buffer.get(CAP_TRANSFER_WORD + 2);

        CSpace.LookupCapRet luc_ret = k.cspace.lookupCap(thread, cptr);
        if (luc_ret.status() != ExceptionT.EXCEPTION_NONE) {
            return null;
        }
        Cap cnode = luc_ret.cap();
        // The depth word is user data: anything outside 1..wordBits fails the lookup in seL4,
        // and must not be narrowed into a plausible int here.
        if (Long.compareUnsigned(depth, wordBits) > 0 || depth < 1) {
            return null;
        }
        CSpace.LookupSlotRet lus_ret = k.cspace.lookupTargetSlot(cnode, index, (int) depth);
        if (lus_ret.status() != ExceptionT.EXCEPTION_NONE) {
            return null;
        }
        Cte slot = lus_ret.slot();
        if (!(slot.cap instanceof NullCap)) {
            return null;
        }
        return slot;
    }
}
