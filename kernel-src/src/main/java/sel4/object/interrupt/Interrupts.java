package sel4.object.interrupt;

import static sel4.api.ExceptionT.EXCEPTION_NONE;

import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.SyscallError;
import sel4.kernel.CSpace;
import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.machine.Words;
import sel4.model.IRQState;
import sel4.object.cap.Cap;
import sel4.object.cap.IRQHandlerCap;
import sel4.object.cap.NotificationCap;
import sel4.object.cnode.Cte;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.ThreadState;

/**
 * Models seL4's src/object/interrupt.c (Haskell Object/Interrupt): IRQ control and handler
 * invocations and handleInterrupt for the Signal, Timer and Reserved states.
 *
 * <p>The interrupt controller is the GICv2 model of {@link sel4.machine.InterruptController}: a
 * signalled IRQ is masked until user level acknowledges it with IRQHandler_Ack, which unmasks it.
 * All lines are level-triggered, so an IRQ the kernel masks or ignores is taken again once it is
 * unmasked and still asserted.
 */
public final class Interrupts extends KernelModule {
    /** IRQs the kernel had to mask because they arrived in state IRQInactive (C: reported). */
    private long inactiveIRQsReported;
    /** Signal IRQs that arrived while their IRQ-node slot held no send-capable notification. */
    private long undeliveredIRQs;

    public Interrupts(Kernel k) {
        super(k);
    }

    // ---- IRQ control --------------------------------------------------------------------------

    /**
     * decodeIRQControlInvocation: IRQIssueIRQHandler creates an IRQ handler cap for a free IRQ in
     * a slot named by (extra cap 0 = CNode, index, depth); every other label is for the
     * architecture (trigger-mode issue, SGI signals).
     */
    public ExceptionT decodeIRQControlInvocation(long invLabel, int length, Cte srcSlot, IpcBuffer buffer) {
        if (InvocationLabel.genInvocationType(invLabel) != InvocationLabel.IRQIssueIRQHandler) {
            return k.arch.Arch_decodeIRQControlInvocation(invLabel, length, srcSlot, buffer);
        }
        if (length < 3 || ks.current_extra_caps[0] == null) {
            return syscallError(SyscallError.truncatedMessage());
        }
        long irq_w = getSyscallArg(0, buffer);
        long index = getSyscallArg(1, buffer);
        long depth = getSyscallArg(2, buffer);
        Cap cnodeCap = ks.current_extra_caps[0].cap;

        ExceptionT status = Arch_checkIRQ(irq_w);
        if (status != EXCEPTION_NONE) {
            return status;
        }
        int irq = (int) irq_w;

        if (isIRQActive(irq)) {
            return syscallError(SyscallError.revokeFirst());
        }

        CSpace.LookupSlotRet lu_ret = k.cspace.lookupTargetSlot(cnodeCap, index, depthArg(depth));
        if (lu_ret.status() != EXCEPTION_NONE) {
            return lu_ret.status();
        }
        Cte destSlot = lu_ret.slot();

        status = k.cnodes.ensureEmptySlot(destSlot);
        if (status != EXCEPTION_NONE) {
            return status;
        }

        k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
        return invokeIRQControl(irq, destSlot, srcSlot);
    }

    /** invokeIRQControl: the IRQ becomes a signal IRQ and its handler cap a child of IRQ control. */
    public ExceptionT invokeIRQControl(int irq, Cte handlerSlot, Cte controlSlot) {
        setIRQState(IRQState.IRQSignal, irq);
        k.cnodes.cteInsert(new IRQHandlerCap(irq), controlSlot, handlerSlot);
        return EXCEPTION_NONE;
    }

    /**
     * Arch_checkIRQ (ARM form, also used for the x86 subset): the IRQ word must name a line of the
     * controller. Negative words are huge unsigned numbers and fail the same check.
     */
    private ExceptionT Arch_checkIRQ(long irq_w) {
        if (Words.ugt(irq_w, config.maxIRQ())) {
            return syscallError(SyscallError.rangeError(0, config.maxIRQ()));
        }
        return EXCEPTION_NONE;
    }

    /** isIRQActive: the IRQ is in use (signal, timer or reserved). */
    public boolean isIRQActive(int irq) {
        return ks.intStateIRQTable[irq] != IRQState.IRQInactive;
    }

    /**
     * A CNode depth argument as the int the lookup takes. Depths that do not fit are passed as a
     * value the lookup rejects with its usual range error, instead of being truncated into a
     * valid-looking depth.
     */
    private static int depthArg(long depth) {
        return depth < 0 || depth > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) depth;
    }

    // ---- IRQ handler ---------------------------------------------------------------------------

    /** decodeIRQHandlerInvocation: Ack, SetIRQHandler (a notification cap with send right), Clear. */
    public ExceptionT decodeIRQHandlerInvocation(long invLabel, int irq) {
        switch (InvocationLabel.genInvocationType(invLabel)) {
            case IRQAckIRQ -> {
                k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
                invokeIRQHandler_AckIRQ(irq);
                return EXCEPTION_NONE;
            }
            case IRQSetIRQHandler -> {
                if (ks.current_extra_caps[0] == null) {
                    return syscallError(SyscallError.truncatedMessage());
                }
                Cte slot = ks.current_extra_caps[0];
                Cap ntfnCap = slot.cap;
                if (!(ntfnCap instanceof NotificationCap nc) || !nc.canSend()) {
                    return syscallError(SyscallError.invalidCapability(0));
                }
                k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
                invokeIRQHandler_SetIRQHandler(irq, ntfnCap, slot);
                return EXCEPTION_NONE;
            }
            case IRQClearIRQHandler -> {
                k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
                invokeIRQHandler_ClearIRQHandler(irq);
                return EXCEPTION_NONE;
            }
            default -> {
                return syscallError(SyscallError.illegalOperation());
            }
        }
    }

    /** invokeIRQHandler_AckIRQ: GICv2 — the IRQ was masked when signalled, so unmask it. */
    public void invokeIRQHandler_AckIRQ(int irq) {
        machine.maskInterrupt(false, irq);
    }

    /** invokeIRQHandler_SetIRQHandler: replace the notification cap in the IRQ's node slot. */
    public void invokeIRQHandler_SetIRQHandler(int irq, Cap cap, Cte slot) {
        Cte irqSlot = ks.intStateIRQNode[irq];
        k.cnodes.cteDeleteOne(irqSlot);
        k.cnodes.cteInsert(cap, slot, irqSlot);
    }

    /** invokeIRQHandler_ClearIRQHandler: empty the IRQ's node slot. */
    public void invokeIRQHandler_ClearIRQHandler(int irq) {
        Cte irqSlot = ks.intStateIRQNode[irq];
        k.cnodes.cteDeleteOne(irqSlot);
    }

    /** deletingIRQHandler: the last handler cap goes away, so its notification cap goes too. */
    public void deletingIRQHandler(int irq) {
        Cte slot = ks.intStateIRQNode[irq];
        k.cnodes.cteDeleteOne(slot);
    }

    /** deletedIRQHandler: the IRQ is free again (and masked). */
    public void deletedIRQHandler(int irq) {
        setIRQState(IRQState.IRQInactive, irq);
    }

    // ---- interrupt delivery ---------------------------------------------------------------------

    /**
     * handleInterrupt (KERNEL-REFERENCE §9.3): deliver one IRQ reported by the controller by its
     * state, then acknowledge it. An IRQ number beyond maxIRQ is masked and acknowledged as if it
     * had not happened.
     */
    public void handleInterrupt(int irq) {
        if (irq < 0 || irq > config.maxIRQ()) {
            machine.maskInterrupt(true, irq);
            machine.ackInterrupt(irq);
            return;
        }
        switch (ks.intStateIRQTable[irq]) {
            case IRQSignal -> {
                Cap cap = ks.intStateIRQNode[irq].cap;
                if (cap instanceof NotificationCap nc && nc.canSend()) {
                    k.notifications.sendSignal(nc.ntfn(), nc.badge());
                } else {
                    undeliveredIRQs++;
                }
                // GICv2: keep the line masked until user level acknowledges the IRQ.
                machine.maskInterrupt(true, irq);
            }
            case IRQTimer -> {
                machine.ackDeadlineIRQ();
                ks.ksReprogram = true;
            }
            case IRQReserved -> k.arch.handleReservedIRQ(irq);
            case IRQInactive -> {
                // Only broken hardware raises an unused line; masking it should silence it.
                machine.maskInterrupt(true, irq);
                inactiveIRQsReported++;
            }
        }
        machine.ackInterrupt(irq);
    }

    /** setIRQState: record the state and mask exactly the inactive IRQs. */
    public void setIRQState(IRQState irqState, int irq) {
        if (irq < 0 || irq >= ks.intStateIRQTable.length) {
            fail("setIRQState: IRQ " + irq + " is not a line of the interrupt controller");
        }
        ks.intStateIRQTable[irq] = irqState;
        machine.maskInterrupt(irqState == IRQState.IRQInactive, irq);
    }

    /** How many IRQs arrived in state IRQInactive (seL4 prints "Received disabled IRQ"). */
    public long inactiveIRQsReported() {
        return inactiveIRQsReported;
    }

    /** How many signal IRQs found no send-capable notification (seL4 prints "Undelivered IRQ"). */
    public long undeliveredIRQs() {
        return undeliveredIRQs;
    }
}
