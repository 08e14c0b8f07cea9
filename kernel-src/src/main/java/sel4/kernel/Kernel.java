package sel4.kernel;

import java.util.function.Function;
import sel4.api.Event;
import sel4.api.Faults;
import sel4.api.Syscalls;
import sel4.arch.Arch;
import sel4.arch.aarch64.AArch64;
import sel4.arch.x86_64.X86_64;
import sel4.machine.Machine;
import sel4.model.Config;
import sel4.model.KernelState;
import sel4.object.ObjectType;
import sel4.object.cnode.CNodes;
import sel4.object.domain.Domains;
import sel4.object.endpoint.Endpoints;
import sel4.object.interrupt.Interrupts;
import sel4.object.notification.Notifications;
import sel4.object.reply.Replies;
import sel4.object.schedcontext.Refills;
import sel4.object.schedcontext.SchedContexts;
import sel4.object.schedcontrol.SchedControls;
import sel4.object.tcb.TcbInvocations;
import sel4.object.tcb.TcbQueues;
import sel4.object.untyped.Untypeds;

/**
 * One instance of the modelled kernel: its state, its machine and its function modules, plus the
 * kernel entry {@link #callKernel} (Haskell callKernel in Kernel/Thread... API/Syscall; C entry
 * points of src/arch/arm/c_traps.c).
 *
 * <p>Instances are independent, so several kernels can run in parallel threads (the scenario
 * explorer does). Modules are public final fields so kernel code reads
 * {@code k.thread.setThreadState(...)}, and the analyzer resolves every call statically.
 */
public final class Kernel {
    public final Config config;
    public final KernelState ks;
    public final Machine machine;

    public final Invariants invariants;
    public final Arch arch;
    public final Thread thread;
    public final Scheduler sched;
    public final Budget budget;
    public final TcbQueues tcbQueues;
    public final TcbInvocations tcbInvocations;
    public final Refills refills;
    public final SchedContexts schedContexts;
    public final SchedControls schedControl;
    public final Domains domains;
    public final Endpoints endpoints;
    public final Notifications notifications;
    public final Replies replies;
    public final IpcTransfer ipc;
    public final FaultHandler faultHandler;
    public final Faults faults;
    public final CSpace cspace;
    public final CNodes cnodes;
    public final ObjectType objectType;
    public final Untypeds untyped;
    public final Interrupts interrupts;
    public final Syscalls syscalls;

    private Event currentEvent;
    private String haltReason;

    public Kernel(Config config) {
        this(config, null);
    }

    /**
     * A kernel whose architecture is made by {@code archFactory} instead of the configured one:
     * lets tests observe or replace the arch hooks without touching the rest of the kernel.
     * A null factory selects the architecture of the configuration.
     */
    public Kernel(Config config, Function<Kernel, Arch> archFactory) {
        this.config = config;
        this.ks = new KernelState(config);
        this.machine = new Machine(config.numIrqLines(), config.timerIrq());
        this.invariants = new Invariants(this);
        this.arch = archFactory != null ? archFactory.apply(this) : defaultArch(this);
        this.thread = new Thread(this);
        this.sched = new Scheduler(this);
        this.budget = new Budget(this);
        this.tcbQueues = new TcbQueues(this);
        this.tcbInvocations = new TcbInvocations(this);
        this.refills = new Refills(this);
        this.schedContexts = new SchedContexts(this);
        this.schedControl = new SchedControls(this);
        this.domains = new Domains(this);
        this.endpoints = new Endpoints(this);
        this.notifications = new Notifications(this);
        this.replies = new Replies(this);
        this.ipc = new IpcTransfer(this);
        this.faultHandler = new FaultHandler(this);
        this.faults = new Faults(this);
        this.cspace = new CSpace(this);
        this.cnodes = new CNodes(this);
        this.objectType = new ObjectType(this);
        this.untyped = new Untypeds(this);
        this.interrupts = new Interrupts(this);
        this.syscalls = new Syscalls(this);
    }

    /** The architecture implementation the configuration selects. */
    public static Arch defaultArch(Kernel k) {
        return switch (k.config.arch()) {
            case AARCH64 -> new AArch64(k);
            case X86_64 -> new X86_64(k);
        };
    }

    /**
     * Enters the kernel for one event and returns when the kernel would return to user level.
     * The current thread's registers must already hold the event's arguments (and FaultIP /
     * NextIP must be set by the trapping CPU). With checks on, the kernel-entry and full
     * after-event invariant checks run around the event.
     *
     * @throws KernelHalt when the kernel halts (then and for every later event)
     * @throws InvariantViolation when a debug check fails (checks on only)
     */
    public void callKernel(Event ev) {
        if (haltReason != null) {
            throw new KernelHalt("kernel halted earlier: " + haltReason);
        }
        ks.ksKernelEntries++;
        currentEvent = ev;
        try {
            if (config.checks()) {
                invariants.checkAtEntry(ev);
            }
            if (ev instanceof Event.SyscallEvent s) {
                syscalls.handleSyscall(s.syscall());
            } else if (ev instanceof Event.UnknownSyscallEvent u) {
                syscalls.handleUnknownSyscall(u.number());
            } else if (ev instanceof Event.UserLevelFaultEvent f) {
                syscalls.handleUserLevelFault(f.w1(), f.w2());
            } else if (ev instanceof Event.VMFaultEvent v) {
                syscalls.handleVMFaultEvent(v.type(), v.address(), v.fsr());
            } else if (ev instanceof Event.InterruptEvent) {
                syscalls.handleInterruptEntry();
            } else if (ev instanceof Event.HypervisorEvent h) {
                syscalls.handleVCPUFault(h.hsr());
            }
            if (config.checks()) {
                invariants.checkAfterEvent(ev);
            }
        } catch (KernelHalt h) {
            haltReason = h.getMessage();
            throw h;
        } finally {
            currentEvent = null;
        }
    }

    /** The event being handled, or null outside the kernel. */
    public Event currentEvent() {
        return currentEvent;
    }

    /** Why the kernel halted, or null if it is running. */
    public String haltReason() {
        return haltReason;
    }
}
