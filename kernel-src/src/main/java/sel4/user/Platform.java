package sel4.user;

import sel4.api.Event;
import sel4.arch.UserMapping;
import sel4.machine.Machine;
import sel4.model.Arch;
import sel4.object.tcb.Tcb;

/**
 * What the simulated CPU needs from the system it runs on: the kernel entry, the thread the kernel
 * has made current, the MMU and the machine (timer and interrupt controller). {@link KernelPlatform}
 * connects it to a {@link sel4.kernel.Kernel}; keeping it an interface keeps the CPU independent of
 * the kernel's internals.
 */
public interface Platform {
    /** The thread the kernel returns to ({@code ksCurThread}). */
    Tcb currentThread();

    Tcb idleThread();

    /** Enters the kernel with an event and returns when the kernel returns to user level. */
    void callKernel(Event ev);

    /** The MMU: the frame and word behind a user address, or null when the access faults. */
    UserMapping userTranslate(Tcb thread, long vaddr, boolean write);

    Machine machine();

    Arch arch();

    /**
     * True while the passage of time alone can make a thread runnable (threads in the release
     * queue, or ready threads of another domain). Used to tell an idle system that is waiting for
     * its timer from a quiescent one.
     */
    boolean timeCanWakeThreads();
}
