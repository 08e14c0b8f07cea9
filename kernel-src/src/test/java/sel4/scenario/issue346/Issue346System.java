package sel4.scenario.issue346;

import sel4.api.InvocationLabel;
import sel4.arch.aarch64.AArch64;
import sel4.arch.aarch64.ArmHardware;
import sel4.arch.aarch64.ArmObjectTypes;
import sel4.arch.aarch64.VCPUCap;
import sel4.arch.aarch64.Vcpu;
import sel4.kernel.Kernel;
import sel4.model.Config;
import sel4.user.Expect;
import sel4.user.RootTask;
import sel4.user.Sim;
import sel4.user.StopReason;
import sel4.user.SyscallResult;
import sel4.user.UserThread;

/**
 * The reproducer system of seL4 issue #346 (LEGACY-REPLY-BUGS §B9), built through real
 * invocations on an MCS AArch64 kernel with hypervisor support, one core and one domain:
 *
 * <ul>
 * <li>V, the highest-priority thread, runs a guest on its VCPU (bound with VCPU SetTCB) and has
 *     an endpoint with grant rights as its fault handler and no timeout handler. Ready-queue
 *     variant: a round-robin SC (budget = period); release-queue variant: a sporadic SC whose
 *     period is a hundred times its budget.</li>
 * <li>H, the fault handler (VMM), has its own SC and a lower priority, and waits in Recv on the
 *     endpoint with a reply object before V starts. It never replies.</li>
 * <li>Ready-queue variant only: W, a second thread at V's priority with its own round-robin SC,
 *     woken by V just after V starts. It waits in V's ready queue, so when the budget check
 *     appends V, W is ahead of it and runs first: the blocked, queued V is picked only at a later
 *     kernel entry — the delayed crash the issue reports.</li>
 * </ul>
 *
 * The guest in V arranges, when it starts, for the interrupt to come {@link #IRQ_AFTER} µs later
 * — inside the last minBudget of V's refill, where the interrupt entry's budget check charges the
 * SC: the virtual timer expires ({@link ArmHardware#expireVirtualTimer}), or the guest completes
 * an interrupt that the VMM injected with an EOI-maintenance request
 * ({@link ArmHardware#guestCompletesEoi}).
 */
final class Issue346System {
    /** Which queue the budget check puts V into. */
    enum Variant { READY_QUEUE, RELEASE_QUEUE }

    /** Which hypervisor interrupt becomes the fault. */
    enum Source {
        VIRTUAL_TIMER_PPI, VGIC_MAINTENANCE;

        int irq(Config c) {
            return this == VIRTUAL_TIMER_PPI ? c.vtimerIrq() : c.vgicMaintenanceIrq();
        }
    }

    /** V's budget in µs (and its period in the round-robin variant). */
    static final long BUDGET = 1_000;
    /** V's period in the release-queue variant: far beyond the budget. */
    static final long SPORADIC_PERIOD = 100 * BUDGET;
    /** When the interrupt comes, counted from V's first instruction: within the last minBudget. */
    static final long IRQ_AFTER = BUDGET - 10;
    static final int V_PRIORITY = 100;
    static final int H_PRIORITY = 50;
    /** The list register the VMM injects into (VGIC-maintenance source). */
    static final int LR = 0;
    static final long FAULT_BADGE = 0x346;

    final Config config;
    final Sim sim;
    final Kernel kernel;
    final Variant variant;
    final Source source;
    final UserThread v;
    final UserThread h;
    /** W (ready-queue variant), else null. */
    final UserThread w;
    /** H's Recv: the fault message, once H has run after the fault. */
    final SyscallResult[] faultMessage = new SyscallResult[1];
    /** Time of V's first instruction (its SC becomes current then), or -1. */
    long vStart = -1;
    /** Time the interrupt is raised, or -1. */
    long irqTime = -1;
    /** Kernel entries counted before the interrupt entry: the interrupt is entry number this + 1. */
    long entriesBeforeIrq = -1;

    Issue346System(Variant variant, Source source, boolean checks) {
        this.variant = variant;
        this.source = source;
        this.config = Config.aarch64().toBuilder().checks(checks).build();
        this.sim = Sim.boot(config);
        this.kernel = sim.kernel();
        RootTask root = sim.root();
        ArmHardware hw = ((AArch64) kernel.arch).hardware();

        long ep = root.newEndpoint();
        long reply = root.newReply();
        long faultHandler = root.mint(ep, RootTask.ALL_RIGHTS, FAULT_BADGE);
        long never = root.newNotification();
        long go = root.newNotification();
        long vcpuCap = root.retype(ArmObjectTypes.seL4_ARM_VCPUObject, 0);
        Vcpu vcpu = ((VCPUCap) root.cap(vcpuCap)).vcpu();

        h = sim.thread("H").priority(H_PRIORITY).program(b -> {
            faultMessage[0] = b.recv(ep, reply);
            b.waitOn(never);
        }).spawn();
        awaitBlocked(h);

        if (variant == Variant.READY_QUEUE) {
            w = sim.thread("W").priority(V_PRIORITY).budget(BUDGET, BUDGET).program(b -> {
                b.waitOn(go);
                b.spin(50);
                b.waitOn(never);
            }).spawn();
            awaitBlocked(w);
        } else {
            w = null;
        }

        var vb = sim.thread("V").priority(V_PRIORITY).faultHandler(faultHandler).suspended();
        if (variant == Variant.READY_QUEUE) {
            vb.budget(BUDGET, BUDGET);
        } else {
            vb.budget(BUDGET, SPORADIC_PERIOD).sporadic();
        }
        v = vb.program(b -> {
            b.exec("guest arms its interrupt", ctx -> {
                vStart = ctx.now();
                sim.at(vStart + IRQ_AFTER, () -> {
                    irqTime = sim.now();
                    entriesBeforeIrq = kernel.ks.ksKernelEntries;
                    if (source == Source.VIRTUAL_TIMER_PPI) {
                        hw.expireVirtualTimer(vcpu);
                    } else {
                        hw.guestCompletesEoi(vcpu, LR);
                    }
                });
            });
            if (variant == Variant.READY_QUEUE) {
                b.signal(go);
            }
            b.spin(10 * BUDGET);
        }).spawn();

        root.runChecked("bind the VCPU to V", b -> b.invoke(vcpuCap, InvocationLabel.ARMVCPUSetTCB, Expect.EMPTY_REPLY,
                new long[] {v.tcbCap()}));
        if (source == Source.VGIC_MAINTENANCE) {
            // Virtual IRQ 40, priority 0, group 0, into the list register; the kernel sets the EOI request.
            long virq = 40 | ((long) LR << 32);
            root.runChecked("inject a virtual IRQ", b -> b.invoke(vcpuCap, InvocationLabel.ARMVCPUInjectIRQ,
                    Expect.EMPTY_REPLY, new long[0], virq));
        }
        root.runChecked("start V", b -> b.tcb().resume(v.tcbCap()));
    }

    private void awaitBlocked(UserThread t) {
        StopReason why = sim.runUntil(t::isBlocked);
        if (why != StopReason.CONDITION) {
            throw new IllegalStateException(t.name() + " did not block (" + why + ")");
        }
    }

    /** The kernel entry number of the interrupt. */
    long irqEntry() {
        return entriesBeforeIrq + 1;
    }

    int irq() {
        return source.irq(config);
    }

    /** The last step of the simulated CPU. */
    String lastStep() {
        var trace = sim.recentTrace();
        return trace.isEmpty() ? "" : trace.get(trace.size() - 1);
    }
}
