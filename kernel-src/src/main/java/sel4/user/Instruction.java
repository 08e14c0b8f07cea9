package sel4.user;

import java.util.function.Consumer;

/**
 * One instruction of a simulated user program. The {@link Cpu} executes them; the program
 * counter ({@code NextIP}) is the instruction's index in its {@link Code}.
 *
 * <p>Costs (ticks, 1 tick = 1 µs): every instruction takes {@link Cpu#INSTRUCTION_TICKS} except
 * {@link Spin}, which takes its tick count, so a test controls time with spins and everything else
 * is cheap but never free (a program cannot loop in zero time).
 */
public sealed interface Instruction {

    /** Short description for traces and failure messages. */
    String describe();

    /**
     * Register and memory work written as a Java lambda over the thread's {@link UserContext}. The
     * instruction is atomic: if the lambda touches unmapped memory, none of its effects happen and
     * the thread takes a VM fault at this instruction. NextIP is preset to the next instruction; the
     * lambda may change it (jumps).
     */
    record Exec(String what, Consumer<UserContext> action) implements Instruction {
        @Override
        public String describe() {
            return what;
        }
    }

    /**
     * The syscall instruction (svc / syscall): FaultIP := this instruction, NextIP := the next one,
     * then the kernel is entered with a syscall event, or an unknown-syscall event when
     * {@code number} is not a syscall. The registers must already hold the arguments. A thread
     * restarted by the kernel (Restart state) comes back to this instruction and traps again.
     */
    record Trap(long number, SyscallResult result) implements Instruction {
        @Override
        public String describe() {
            return "trap " + number + (result != null ? " (" + result.what() + ")" : "");
        }
    }

    /** Records what the kernel returned for {@code result} (the instruction after its trap). */
    record Observe(SyscallResult result) implements Instruction {
        @Override
        public String describe() {
            return "observe " + result.what();
        }
    }

    /** An undefined instruction or other user exception with its two syndrome words. */
    record UserFault(long w1, long w2) implements Instruction {
        @Override
        public String describe() {
            return "user exception " + w1 + "/" + w2;
        }
    }

    /** A trap of a virtual CPU to the hypervisor with syndrome {@code hsr}. */
    record HypervisorTrap(long hsr) implements Instruction {
        @Override
        public String describe() {
            return "hypervisor trap 0x" + Long.toHexString(hsr);
        }
    }

    /**
     * Busy-waits for {@code ticks}. Interrupts are taken inside the spin when the kernel deadline or
     * a scheduled device event falls in it; the thread then resumes the rest of the spin when it
     * runs again.
     */
    record Spin(long ticks) implements Instruction {
        public Spin {
            if (ticks < 0) {
                throw new IllegalArgumentException("negative spin: " + ticks);
            }
        }

        @Override
        public String describe() {
            return "spin " + ticks;
        }
    }

    /**
     * The end of a program: the thread suspends itself with seL4_TCB_Suspend on its own TCB cap (a
     * Call, like returning from main into a runtime that stops the thread). If that fails, for
     * example because the cap is gone, the call returns an error and the thread runs off the end of
     * its program into an instruction fault.
     */
    record Exit() implements Instruction {
        @Override
        public String describe() {
            return "exit (TCB_Suspend self)";
        }
    }
}
