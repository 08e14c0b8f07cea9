package kreply.explore.driver;

import static sel4.machine.Registers.FaultIP;
import static sel4.machine.Registers.NextIP;
import static sel4.machine.Registers.capRegister;
import static sel4.machine.Registers.msgInfoRegister;
import static sel4.machine.Registers.msgRegisters;
import static sel4.machine.Registers.n_msgRegisters;

import sel4.api.Event;
import sel4.api.InvocationLabel;
import sel4.api.MessageInfo;
import sel4.api.Syscall;
import sel4.kernel.InvariantViolation;
import sel4.kernel.Kernel;
import sel4.kernel.KernelHalt;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;

/**
 * The root task of a system being built, driven directly: each invocation is a real seL4_Call of
 * the root thread — arguments in its registers and IPC buffer, then the kernel entry — and its
 * reply is checked, the way a root server's libsel4 call would be. No simulated CPU is involved,
 * which keeps building a system cheap enough to do for every search trial.
 */
final class DirectRoot {
    private static final Event CALL = new Event.SyscallEvent(Syscall.SysCall);
    private static final String[] ERRORS = {"no error", "invalid argument", "invalid capability",
        "illegal operation", "range error", "alignment error", "failed lookup", "truncated message",
        "delete first", "revoke first", "not enough memory"};

    private final Kernel k;
    private final Tcb root;
    private long pc = 0x100;

    DirectRoot(Kernel k) {
        this.k = k;
        this.root = k.ks.ksCurThread;
    }

    Tcb tcb() {
        return root;
    }

    /** An invocation that must succeed (reply label 0). */
    void invoke(String what, long service, InvocationLabel label, long[] caps, long... words) {
        call(what, service, label, caps, words);
        long info = root.tcbArch.tcbContext.registers[msgInfoRegister];
        long error = MessageInfo.messageInfoFromWord(info).label();
        if (error != 0) {
            String name = error > 0 && error < ERRORS.length ? ERRORS[(int) error] : "error " + error;
            throw new SetupException(what + ": the kernel refused " + label.name() + " (" + name + ")");
        }
    }

    /** An invocation after which the root thread does not expect to run again (its own suspension). */
    void invokeLast(String what, long service, InvocationLabel label, long[] caps, long... words) {
        call(what, service, label, caps, words);
    }

    private void call(String what, long service, InvocationLabel label, long[] caps, long[] words) {
        if (k.ks.ksCurThread != root) {
            throw new SetupException(what + ": the root task is not running (" + k.ks.ksCurThread + " is)");
        }
        long[] regs = root.tcbArch.tcbContext.registers;
        IpcBuffer buffer = k.arch.lookupIPCBuffer(true, root);
        if ((words.length > n_msgRegisters || caps.length > 0) && buffer == null) {
            throw new SetupException(what + ": the root task has no IPC buffer");
        }
        for (int i = 0; i < words.length; i++) {
            if (i < n_msgRegisters) {
                regs[msgRegisters[i]] = words[i];
            } else {
                buffer.set(i + 1, words[i]);
            }
        }
        for (int j = 0; j < caps.length; j++) {
            buffer.set(IpcBuffer.capsOrBadgesWord0 + j, caps[j]);
        }
        regs[capRegister] = service;
        regs[msgInfoRegister] = MessageInfo.wordFromMessageInfo(
                MessageInfo.seL4_MessageInfo_new(label.label(), 0, caps.length, words.length));
        regs[FaultIP] = pc;
        regs[NextIP] = pc + 1;
        pc++;
        try {
            k.callKernel(CALL);
        } catch (InvariantViolation | KernelHalt e) {
            throw new SetupException(what + ": the kernel broke while the system was being built: " + e.getMessage());
        }
    }
}
