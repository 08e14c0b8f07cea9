package sel4.user;

import sel4.api.Event;
import sel4.arch.UserMapping;
import sel4.kernel.Kernel;
import sel4.machine.Machine;
import sel4.model.Arch;
import sel4.object.tcb.Tcb;

/** The {@link Platform} of a modelled {@link Kernel}: its state, entry point, arch MMU and machine. */
public final class KernelPlatform implements Platform {
    private final Kernel k;

    public KernelPlatform(Kernel k) {
        this.k = k;
    }

    @Override
    public Tcb currentThread() {
        return k.ks.ksCurThread;
    }

    @Override
    public Tcb idleThread() {
        return k.ks.ksIdleThread;
    }

    @Override
    public void callKernel(Event ev) {
        k.callKernel(ev);
    }

    @Override
    public UserMapping userTranslate(Tcb thread, long vaddr, boolean write) {
        return k.arch.userTranslate(thread, vaddr, write);
    }

    @Override
    public Machine machine() {
        return k.machine;
    }

    @Override
    public Arch arch() {
        return k.config.arch();
    }

    @Override
    public boolean timeCanWakeThreads() {
        if (!k.ks.ksReleaseQueue.isEmpty()) {
            return true;
        }
        for (long l1 : k.ks.ksReadyQueuesL1Bitmap) {
            if (l1 != 0) {
                return true;
            }
        }
        return false;
    }
}
