package sel4.kernel;

import static sel4.machine.Registers.msgRegisters;
import static sel4.machine.Registers.n_msgRegisters;

import sel4.api.ExceptionT;
import sel4.api.SyscallError;
import sel4.machine.Machine;
import sel4.model.Config;
import sel4.model.KernelState;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;

/**
 * Base of the kernel's function modules. Each module models one seL4 source file and reaches the
 * others through {@link #k}, the way C functions reach each other through the global namespace.
 *
 * <p>Also holds the small inline helpers that seL4 keeps in headers and that every module uses:
 * register access (arch registerset.h), {@code setMR} (include/object/tcb.h), syscall argument
 * access ({@code getSyscallArg}, include/api/syscall.h), time arguments
 * ({@code mode_setTimeArg}/{@code mode_parseTimeArg}, include/64/mode/api/ipc_buffer.h) and the
 * debug assertion / halt primitives (include/util.h).
 */
public abstract class KernelModule {
    protected final Kernel k;
    protected final KernelState ks;
    protected final Machine machine;
    protected final Config config;

    protected KernelModule(Kernel k) {
        this.k = k;
        this.ks = k.ks;
        this.machine = k.machine;
        this.config = k.config;
    }

    // ---- register access (include/arch/*/arch/machine/registerset.h) ----

    public static long getRegister(Tcb thread, int reg) {
        return thread.tcbArch.tcbContext.registers[reg];
    }

    public static void setRegister(Tcb thread, int reg, long value) {
        thread.tcbArch.tcbContext.registers[reg] = value;
    }

    public static long getRestartPC(Tcb thread) {
        return getRegister(thread, sel4.machine.Registers.FaultIP);
    }

    public static void setNextPC(Tcb thread, long v) {
        setRegister(thread, sel4.machine.Registers.NextIP, v);
    }

    // ---- message registers (include/object/tcb.h) ----

    /**
     * Writes message word {@code offset} of {@code receiver}: a register below n_msgRegisters,
     * else buffer word offset + 1 if there is a buffer, else nothing. Returns the message length
     * the write accounts for (n_msgRegisters when the write was dropped), as seL4's setMR.
     */
    public static int setMR(Tcb receiver, IpcBuffer receiveIPCBuffer, int offset, long reg) {
        if (offset < n_msgRegisters) {
            setRegister(receiver, msgRegisters[offset], reg);
            return offset + 1;
        }
        if (receiveIPCBuffer == null) {
            return n_msgRegisters;
        }
        receiveIPCBuffer.set(offset + 1, reg);
        return offset + 1;
    }

    /** Reads message word {@code offset} of {@code thread} (register or buffer word). */
    public static long getMR(Tcb thread, IpcBuffer buffer, int offset) {
        if (offset < n_msgRegisters) {
            return getRegister(thread, msgRegisters[offset]);
        }
        return buffer == null ? 0 : buffer.get(offset + 1);
    }

    /** Writes a time value as message words starting at {@code i}; one word on 64-bit. Returns the length. */
    public static int mode_setTimeArg(int i, long time, IpcBuffer buffer, Tcb thread) {
        return setMR(thread, buffer, i, time);
    }

    // ---- syscall arguments (include/api/syscall.h) ----

    /**
     * Argument {@code i} of the current invocation: message register i for i below
     * n_msgRegisters, else word i + 1 of the sender's buffer. Callers check the message length
     * first; handleInvocation truncates the length to n_msgRegisters when there is no buffer.
     */
    protected final long getSyscallArg(int i, IpcBuffer ipc_buffer) {
        if (i < n_msgRegisters) {
            return getRegister(ks.ksCurThread, msgRegisters[i]);
        }
        assertion(ipc_buffer != null, "getSyscallArg buffer present", ks.ksCurThread);
        return ipc_buffer == null ? 0 : ipc_buffer.get(i + 1);
    }

    /** A time argument of one word (64-bit). */
    protected final long mode_parseTimeArg(int i, IpcBuffer buffer) {
        return getSyscallArg(i, buffer);
    }

    // ---- error reporting (include/api/failures.h) ----

    /** Records {@code current_syscall_error} and returns EXCEPTION_SYSCALL_ERROR. */
    protected final ExceptionT syscallError(SyscallError error) {
        ks.current_syscall_error = error;
        return ExceptionT.EXCEPTION_SYSCALL_ERROR;
    }

    // ---- assertions (include/util.h, include/assert.h) ----

    /** A debug-build assertion: checked only when invariant checking is on. */
    protected final void assertion(boolean condition, String invariant, Tcb thread) {
        if (!condition && config.checks()) {
            k.invariants.violated(invariant, thread, null);
        }
    }

    /** seL4's fail(): halts the kernel in every configuration. */
    protected final void fail(String message) {
        throw new KernelHalt(message);
    }
}
