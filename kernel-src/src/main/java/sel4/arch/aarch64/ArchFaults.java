package sel4.arch.aarch64;

import sel4.api.Fault;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;

/**
 * Models seL4's src/arch/arm/api/faults.c (Haskell API/Faults/AARCH64): the message words of the
 * AArch64 faults and the fault-reply rule (every arch fault restarts the faulting thread).
 */
public final class ArchFaults extends ArmModule {
    /** Message layouts of libsel4 (seL4_VMFault_Msg, seL4_VGICMaintenance_Msg, ...). */
    public static final int seL4_VMFault_IP = 0;
    public static final int seL4_VMFault_Addr = 1;
    public static final int seL4_VMFault_PrefetchFault = 2;
    public static final int seL4_VMFault_FSR = 3;
    public static final int seL4_VGICMaintenance_IDX = 0;
    public static final int seL4_VCPUFault_HSR = 0;
    public static final int seL4_VPPIEvent_IRQ = 0;

    ArchFaults(AArch64 arch) {
        super(arch);
    }

    public int Arch_setMRs_fault(Tcb sender, Tcb receiver, IpcBuffer receiveIPCBuffer, Fault fault) {
        if (fault instanceof Fault.VMFault vm) {
            setMR(receiver, receiveIPCBuffer, seL4_VMFault_IP, getRestartPC(sender));
            setMR(receiver, receiveIPCBuffer, seL4_VMFault_Addr, vm.address());
            setMR(receiver, receiveIPCBuffer, seL4_VMFault_PrefetchFault, vm.instructionFault() ? 1 : 0);
            return setMR(receiver, receiveIPCBuffer, seL4_VMFault_FSR, vm.fsr());
        }
        if (fault instanceof Fault.VGICMaintenance v) {
            // No identified list register is reported as index -1.
            return setMR(receiver, receiveIPCBuffer, seL4_VGICMaintenance_IDX, v.idxValid() ? v.idx() : -1L);
        }
        if (fault instanceof Fault.VCPUFault v) {
            return setMR(receiver, receiveIPCBuffer, seL4_VCPUFault_HSR, v.hsr());
        }
        if (fault instanceof Fault.VPPIEvent v) {
            return setMR(receiver, receiveIPCBuffer, seL4_VPPIEvent_IRQ, v.irq());
        }
        fail("Invalid fault");
        return 0;
    }

    public boolean Arch_handleFaultReply(Tcb faulter, Tcb receiver, Fault fault, int length) {
        if (fault instanceof Fault.VMFault || fault instanceof Fault.VGICMaintenance
                || fault instanceof Fault.VCPUFault || fault instanceof Fault.VPPIEvent) {
            return true;
        }
        fail("Invalid fault");
        return false;
    }
}
