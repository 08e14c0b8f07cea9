package sel4.arch.x86_64;

import sel4.api.ExceptionT;
import sel4.api.Fault;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;

/**
 * Models seL4's src/arch/x86/api/faults.c: the VM-fault message and the fault-reply rule, plus
 * the model's answer to a hypervisor trap on x86. VT-x exits are reported to the thread that
 * entered the guest through seL4_VMEnter, which the subset does not model; a hypervisor trap is
 * therefore delivered as a UserException carrying the exit information as its number.
 */
public final class X86ArchFaults extends X86Module {
    X86ArchFaults(X86_64 arch) {
        super(arch);
    }

    public int Arch_setMRs_fault(Tcb sender, Tcb receiver, IpcBuffer receiveIPCBuffer, Fault fault) {
        if (fault instanceof Fault.VMFault vm) {
            setMR(receiver, receiveIPCBuffer, 0, getRestartPC(sender));
            setMR(receiver, receiveIPCBuffer, 1, vm.address());
            setMR(receiver, receiveIPCBuffer, 2, vm.instructionFault() ? 1 : 0);
            return setMR(receiver, receiveIPCBuffer, 3, vm.fsr());
        }
        fail("Invalid fault");
        return 0;
    }

    public boolean Arch_handleFaultReply(Tcb faulter, Tcb receiver, Fault fault, int length) {
        if (fault instanceof Fault.VMFault) {
            return true;
        }
        fail("Invalid fault");
        return false;
    }

    public ExceptionT handleVCPUFault(long hsr) {
        ks.current_fault = new Fault.UserException(hsr & 0xffffffffL, 0);
        return ExceptionT.EXCEPTION_FAULT;
    }
}
