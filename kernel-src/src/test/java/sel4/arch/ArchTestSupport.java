package sel4.arch;

import sel4.api.MessageInfo;
import sel4.kernel.Kernel;
import sel4.kernel.KernelModule;
import sel4.machine.Registers;
import sel4.object.cap.Cap;
import sel4.object.cap.NullCap;
import sel4.object.cnode.Cte;
import sel4.object.frame.IpcBuffer;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;

/**
 * Helpers shared by the architecture tests: threads with syscall arguments in their registers,
 * extra caps of an invocation, and reading back what a thread observes.
 */
public final class ArchTestSupport {
    private ArchTestSupport() {
    }

    private static long nextPtr = 0x7000_0000L;

    /** A fresh address for a test object of 2^bits bytes (aligned, never reused). */
    public static synchronized long addr(int bits) {
        long a = (nextPtr + (1L << bits) - 1) & ~((1L << bits) - 1);
        nextPtr = a + (1L << bits);
        return a;
    }

    /** A TCB in the heap, made the current thread, state Running. */
    public static Tcb currentThread(Kernel k) {
        Tcb t = new Tcb(addr(11), 0);
        t.tcbState = ThreadState.Running;
        t.tcbName = "ct";
        k.ks.ksPSpace.insert(t);
        k.ks.ksCurThread = t;
        return t;
    }

    /** Puts the invocation arguments into the current thread's message registers (at most four). */
    public static void args(Tcb t, long... words) {
        for (int i = 0; i < words.length && i < Registers.n_msgRegisters; i++) {
            KernelModule.setRegister(t, Registers.msgRegisters[i], words[i]);
        }
    }

    /** Puts the invocation arguments into registers and, from index 4 on, into the buffer. */
    public static void args(Tcb t, IpcBuffer buffer, long... words) {
        args(t, words);
        for (int i = Registers.n_msgRegisters; i < words.length; i++) {
            buffer.set(i + 1, words[i]);
        }
    }

    /** Sets the extra caps of the current invocation (slots holding the given caps). */
    public static Cte[] extraCaps(Kernel k, Cap... caps) {
        Cte[] slots = new Cte[caps.length];
        for (int i = 0; i < k.ks.current_extra_caps.length; i++) {
            k.ks.current_extra_caps[i] = null;
        }
        for (int i = 0; i < caps.length; i++) {
            slots[i] = new Cte(null, i);
            slots[i].cap = caps[i];
            k.ks.current_extra_caps[i] = slots[i];
        }
        return slots;
    }

    public static void noExtraCaps(Kernel k) {
        for (int i = 0; i < k.ks.current_extra_caps.length; i++) {
            k.ks.current_extra_caps[i] = null;
        }
    }

    public static long mr(Tcb t, int i) {
        return KernelModule.getRegister(t, Registers.msgRegisters[i]);
    }

    public static long reg(Tcb t, int r) {
        return KernelModule.getRegister(t, r);
    }

    public static MessageInfo msgInfo(Tcb t) {
        return MessageInfo.messageInfoFromWord_raw(KernelModule.getRegister(t, Registers.msgInfoRegister));
    }

    public static Cte slotWith(Cap cap) {
        Cte c = new Cte(null, 0);
        c.cap = cap == null ? NullCap.INSTANCE : cap;
        return c;
    }
}
