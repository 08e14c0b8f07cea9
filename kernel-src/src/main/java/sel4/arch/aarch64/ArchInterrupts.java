package sel4.arch.aarch64;

import static sel4.api.ExceptionT.EXCEPTION_NONE;

import sel4.api.ExceptionT;
import sel4.api.InvocationLabel;
import sel4.api.SyscallError;
import sel4.kernel.CSpace;
import sel4.machine.Words;
import sel4.model.Config;
import sel4.model.IRQState;
import sel4.object.cap.Cap;
import sel4.object.cap.IRQHandlerCap;
import sel4.object.cnode.Cte;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.ThreadState;

/**
 * Models seL4's src/arch/arm/object/interrupt.c and include/arch/arm/arch/object/interrupt.h:
 * the arch IRQ-control labels (IssueIRQHandlerTrigger, IssueSGISignal), Arch_checkIRQ and
 * handleReservedIRQ, which routes the VGIC maintenance and virtual-timer PPIs to their handlers.
 */
public final class ArchInterrupts extends ArmModule {
    /** GIC_SGI_NUM_TARGETS (GICv2: eight CPU interfaces). */
    public static final int GIC_SGI_NUM_TARGETS = 8;

    ArchInterrupts(AArch64 arch) {
        super(arch);
    }

    /** Arch_checkIRQ: RangeError [0, maxIRQ] for an IRQ number beyond the controller. */
    public ExceptionT Arch_checkIRQ(long irq_w) {
        if (Words.ugt(irq_w, config.maxIRQ())) {
            return syscallError(SyscallError.rangeError(0, config.maxIRQ()));
        }
        return EXCEPTION_NONE;
    }

    private boolean isIRQActive(int irq) {
        return ks.intStateIRQTable[irq] != IRQState.IRQInactive;
    }

    /** plat_SGITargetValid (GICv2). */
    public static boolean plat_SGITargetValid(long target) {
        return Words.ule(target, GIC_SGI_NUM_TARGETS - 1);
    }

    public ExceptionT Arch_decodeIRQControlInvocation(long invLabel, int length, Cte srcSlot, IpcBuffer buffer) {
        InvocationLabel label = InvocationLabel.genInvocationType(invLabel);
        if (label == InvocationLabel.ARMIRQIssueIRQHandlerTrigger) {
            if (length < 4 || ks.current_extra_caps[0] == null) {
                return syscallError(SyscallError.truncatedMessage());
            }
            long irq_w = getSyscallArg(0, buffer);
            boolean trigger = getSyscallArg(1, buffer) != 0;
            long index = getSyscallArg(2, buffer);
            long depth = getSyscallArg(3, buffer);
            Cap cnodeCap = ks.current_extra_caps[0].cap;

            ExceptionT status = Arch_checkIRQ(irq_w);
            if (status != EXCEPTION_NONE) {
                return status;
            }
            int irq = (int) irq_w;
            if (isIRQActive(irq)) {
                return syscallError(SyscallError.revokeFirst());
            }
            CSpace.LookupSlotRet lu = k.cspace.lookupTargetSlot(cnodeCap, index, depthArg(depth));
            if (lu.status() != EXCEPTION_NONE) {
                return lu.status();
            }
            Cte destSlot = lu.slot();
            status = k.cnodes.ensureEmptySlot(destSlot);
            if (status != EXCEPTION_NONE) {
                return status;
            }
            k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
            return Arch_invokeIRQControl(irq, destSlot, srcSlot, trigger);
        } else if (label == InvocationLabel.ARMIRQIssueSGISignal) {
            if (length < 4 || ks.current_extra_caps[0] == null) {
                return syscallError(SyscallError.truncatedMessage());
            }
            if (Config.numSGIs == 0) {
                return syscallError(SyscallError.illegalOperation());
            }
            long irq = getSyscallArg(0, buffer);
            long target = getSyscallArg(1, buffer);
            long index = getSyscallArg(2, buffer);
            long depth = getSyscallArg(3, buffer);
            Cap cnodeCap = ks.current_extra_caps[0].cap;

            if (Words.uge(irq, Config.numSGIs)) {
                return syscallError(SyscallError.rangeError(0, Config.numSGIs - 1));
            }
            if (!plat_SGITargetValid(target)) {
                return syscallError(SyscallError.invalidArgument(1));
            }
            CSpace.LookupSlotRet lu = k.cspace.lookupTargetSlot(cnodeCap, index, depthArg(depth));
            if (lu.status() != EXCEPTION_NONE) {
                return lu.status();
            }
            Cte destSlot = lu.slot();
            ExceptionT status = k.cnodes.ensureEmptySlot(destSlot);
            if (status != EXCEPTION_NONE) {
                return status;
            }
            k.thread.setThreadState(ks.ksCurThread, ThreadState.Restart);
            return Arch_invokeIssueSGISignal(irq, target, destSlot, srcSlot);
        } else {
            return syscallError(SyscallError.illegalOperation());
        }
    }

    /** Arch_invokeIRQControl: set the trigger mode, then issue the handler like IRQIssueIRQHandler. */
    public ExceptionT Arch_invokeIRQControl(int irq, Cte handlerSlot, Cte controlSlot, boolean trigger) {
        hw.setIRQTrigger(irq, trigger);
        return invokeIRQControl(irq, handlerSlot, controlSlot);
    }

    /**
     * invokeIRQControl of src/object/interrupt.c, which the generic module does not export:
     * the IRQ becomes a signalling IRQ and a handler cap is inserted under the control cap.
     */
    private ExceptionT invokeIRQControl(int irq, Cte handlerSlot, Cte controlSlot) {
        k.interrupts.setIRQState(IRQState.IRQSignal, irq);
        k.cnodes.cteInsert(new IRQHandlerCap(irq), controlSlot, handlerSlot);
        return EXCEPTION_NONE;
    }

    public ExceptionT Arch_invokeIssueSGISignal(long irq, long target, Cte sgiSlot, Cte controlSlot) {
        k.cnodes.cteInsert(new SGISignalCap(irq, target), controlSlot, sgiSlot);
        return EXCEPTION_NONE;
    }

    /** handleReservedIRQ: VGIC maintenance and virtual-timer PPIs; other reserved IRQs are ignored. */
    public void handleReservedIRQ(int irq) {
        if (irq == config.vgicMaintenanceIrq()) {
            arch.vcpus.VGICMaintenance();
            return;
        }
        if (arch.vcpus.irqVPPIEventIndex(irq) != Vcpu.VPPIEventIRQ_invalid) {
            arch.vcpus.VPPIEvent(irq);
        }
    }
}
