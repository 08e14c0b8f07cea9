package sel4.api;

/**
 * A kernel entry event (Haskell {@code Event} in API/Types; C entry points in
 * src/arch/arm/c_traps.c): what brought the CPU into the kernel. The current thread's registers
 * already hold the syscall arguments when an event is delivered.
 */
public sealed interface Event {
    /** A known system call (SVC / syscall instruction with a valid number). */
    record SyscallEvent(Syscall syscall) implements Event {
    }

    /** A syscall instruction with an unknown number. */
    record UnknownSyscallEvent(long number) implements Event {
    }

    /** Undefined instruction or other user exception, with the two syndrome words. */
    record UserLevelFaultEvent(long w1, long w2) implements Event {
    }

    /** Data or instruction abort at {@code address}. */
    record VMFaultEvent(VMFaultType type, long address, long fsr) implements Event {
    }

    /** An interrupt (the controller knows which). */
    record InterruptEvent() implements Event {
        public static final InterruptEvent INSTANCE = new InterruptEvent();
    }

    /** A trap of the virtual CPU to the hypervisor with syndrome {@code hsr}. */
    record HypervisorEvent(long hsr) implements Event {
    }

    /** Which kind of abort a VM fault event is. */
    enum VMFaultType {
        seL4_DataFault,
        seL4_InstructionFault
    }
}
