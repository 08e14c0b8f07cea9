package sel4.api;

/**
 * Models seL4's {@code seL4_Fault_t} (include/api/failures.h, structures.bf; Haskell Fault and
 * ArchFault). {@link #faultLabel()} gives the C fault label of the MCS configuration
 * (KERNEL-REFERENCE §9.2), which is the label of the fault IPC message.
 */
public sealed interface Fault {
    int seL4_Fault_NullFault = 0;
    int seL4_Fault_CapFault = 1;
    int seL4_Fault_UnknownSyscall = 2;
    int seL4_Fault_UserException = 3;
    int seL4_Fault_DebugException = 4;
    int seL4_Fault_Timeout = 5;
    int seL4_Fault_VMFault = 6;
    int seL4_Fault_VGICMaintenance = 7;
    int seL4_Fault_VCPUFault = 8;
    int seL4_Fault_VPPIEvent = 9;

    int faultLabel();

    /** Capability fault: a lookup of {@code address} failed (in the receive phase or not). */
    record CapFault(long address, boolean inReceivePhase, LookupFault lookupFailure) implements Fault {
        @Override
        public int faultLabel() {
            return seL4_Fault_CapFault;
        }
    }

    /** A syscall number the kernel does not know. */
    record UnknownSyscall(long syscallNumber) implements Fault {
        @Override
        public int faultLabel() {
            return seL4_Fault_UnknownSyscall;
        }
    }

    /** Undefined instruction or other user-level exception. */
    record UserException(long number, long code) implements Fault {
        @Override
        public int faultLabel() {
            return seL4_Fault_UserException;
        }
    }

    /** Hardware-debug exception (breakpoint, watchpoint, single step). */
    record DebugException(long breakpointAddress, int exceptionReason, int breakpointNumber) implements Fault {
        @Override
        public int faultLabel() {
            return seL4_Fault_DebugException;
        }
    }

    /** MCS timeout fault: the badge of the SC whose budget ran out. */
    record Timeout(long badge) implements Fault {
        @Override
        public int faultLabel() {
            return seL4_Fault_Timeout;
        }
    }

    /** Virtual-memory fault (data or instruction abort / page fault). */
    record VMFault(long address, long fsr, boolean instructionFault) implements Fault {
        @Override
        public int faultLabel() {
            return seL4_Fault_VMFault;
        }
    }

    /** VGIC maintenance event; {@code idxValid} false means no list register was identified. */
    record VGICMaintenance(int idx, boolean idxValid) implements Fault {
        @Override
        public int faultLabel() {
            return seL4_Fault_VGICMaintenance;
        }
    }

    /** Trap of the virtual CPU to EL2 with syndrome {@code hsr}. */
    record VCPUFault(long hsr) implements Fault {
        @Override
        public int faultLabel() {
            return seL4_Fault_VCPUFault;
        }
    }

    /** Virtual PPI (virtual timer) event for the current VCPU. */
    record VPPIEvent(int irq) implements Fault {
        @Override
        public int faultLabel() {
            return seL4_Fault_VPPIEvent;
        }
    }
}
