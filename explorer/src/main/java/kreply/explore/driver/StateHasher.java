package kreply.explore.driver;

import static sel4.machine.Registers.FaultIP;
import static sel4.machine.Registers.NextIP;

import java.util.Objects;
import sel4.arch.aarch64.Vcpu;
import sel4.arch.aarch64.VirtualTimer;
import sel4.kernel.Kernel;
import sel4.machine.Timer;
import sel4.model.KernelState;
import sel4.model.SchedulerAction;
import sel4.object.KernelObject;
import sel4.object.endpoint.Endpoint;
import sel4.object.notification.Notification;
import sel4.object.reply.Reply;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadState;

/**
 * A canonical 64-bit hash of the part of a live system's state that decides what can happen next,
 * so the exhaustive search can skip states it has already explored.
 *
 * <p>Canonical means: objects are named by their addresses (the same in every build of a
 * configuration, because building is deterministic), and every time is taken relative to the
 * current time (refill release times, the timer deadline), so two states that differ only in when
 * they happen hash alike. Included: every thread's state (with what it is blocked on), priority,
 * queue flags and links, pending fault, SC and yield links, bound notification, and whether the
 * kernel rewound it to its last instruction; endpoint and notification states and queues; reply
 * objects' call-stack links; SC parameters and refills; VCPU list registers, VPPI masks and the
 * guest timer's state; the scheduler (current thread and SC, action, consumed time, reprogram
 * flag, ready and release queue heads); the deadline; and the interrupt lines' levels and masks.
 * Left out, because the explorer's events never read them: message contents, user memory, the
 * CSpace (the explorer never changes caps) and the SCs' consumed-time counters, which only report.
 */
public final class StateHasher {
    private static final long M = 0x9E3779B97F4A7C15L;
    private long h;

    /** The hash of the system's current state. */
    public long hash(LiveSystem sys) {
        Kernel k = sys.k;
        KernelState ks = k.ks;
        long now = k.machine.timer().getCurrentTime();
        h = 0x243F6A8885A308D3L;
        for (KernelObject o : ks.ksPSpace.all()) {
            if (o instanceof Tcb t) {
                tcb(t);
            } else if (o instanceof SchedContext sc) {
                sc(sc, now);
            } else if (o instanceof Endpoint ep) {
                mix(ep.ptr());
                mix(ep.state.ordinal());
                mix(ptr(ep.queue.head));
                mix(ptr(ep.queue.end));
            } else if (o instanceof Notification n) {
                mix(n.ptr());
                mix(n.state.ordinal());
                mix(n.ntfnMsgIdentifier);
                mix(ptr(n.queue.head));
                mix(ptr(n.queue.end));
                mix(ptr(n.ntfnBoundTCB));
                mix(ptr(n.ntfnSchedContext));
            } else if (o instanceof Reply r) {
                mix(r.ptr());
                mix(ptr(r.replyTCB));
                mix(ptr(r.replyPrev));
                mix(ptr(r.replyNext));
                mix(ptr(r.replyHeadSc));
            } else if (o instanceof Vcpu v) {
                vcpu(sys, v);
            }
        }
        mix(ptr(ks.ksCurThread));
        mix(ptr(ks.ksCurSC));
        SchedulerAction action = ks.ksSchedulerAction;
        mix(action == SchedulerAction.ResumeCurrentThread ? 1 : action == SchedulerAction.ChooseNewThread ? 2 : 3);
        mix(action.isSwitchToThread() ? ptr(action.target()) : 0);
        mix(ks.ksConsumed);
        mix(ks.ksReprogram ? 1 : 0);
        mix(ptr(ks.ksReleaseQueue.head));
        mix(ptr(ks.ksReleaseQueue.end));
        for (int d = 0; d < ks.ksReadyQueuesL1Bitmap.length; d++) {
            mix(ks.ksReadyQueuesL1Bitmap[d]);
            for (long w : ks.ksReadyQueuesL2Bitmap[d]) {
                mix(w);
            }
        }
        long deadline = k.machine.timer().getDeadline();
        mix(deadline == Timer.NO_DEADLINE ? -1 : deadline - now);
        mix(ptr(sys.armState.armHSCurVCPU));
        mix(sys.armState.armHSVCPUActive ? 1 : 0);
        for (int i = 0; i < sys.armState.gic_vcpu_num_list_regs; i++) {
            mix(sys.hw.gic().get_gic_vcpu_ctrl_lr(i));
        }
        mix(sys.hw.gic().get_gic_vcpu_ctrl_hcr());
        long ctl = sys.hw.vtimer().readCTL();
        mix(ctl & (VirtualTimer.CNTV_CTL_ENABLE | VirtualTimer.CNTV_CTL_IMASK | VirtualTimer.CNTV_CTL_ISTATUS));
        lines(k, k.config.timerIrq());
        lines(k, k.config.vtimerIrq());
        lines(k, k.config.vgicMaintenanceIrq());
        for (IrqLine l : sys.irqs) {
            lines(k, l.line());
        }
        return finish(h);
    }

    private void tcb(Tcb t) {
        mix(t.ptr());
        ThreadState st = t.tcbState;
        mix(st.tsType().ordinal());
        mix(ptr(st.blockingEndpoint()));
        mix(ptr(st.blockingNotification()));
        mix(ptr(st.replyObject()));
        mix(st.blockingIPCBadge());
        mix((st.blockingIPCCanGrant() ? 1 : 0) | (st.blockingIPCCanGrantReply() ? 2 : 0) | (st.blockingIPCIsCall() ? 4 : 0));
        mix(t.tcbPriority);
        mix((t.tcbQueued ? 1 : 0) | (t.tcbInReleaseQueue ? 2 : 0));
        mix(ptr(t.tcbSchedNext));
        mix(ptr(t.tcbSchedPrev));
        mix(ptr(t.tcbSchedContext));
        mix(ptr(t.tcbYieldTo));
        mix(ptr(t.tcbBoundNotification));
        mix(Objects.hashCode(t.tcbFault));
        long[] regs = t.tcbArch.tcbContext.registers;
        // Whether the thread will re-execute its last instruction; the addresses themselves only count.
        mix(regs[NextIP] == regs[FaultIP] ? 1 : 0);
    }

    private void sc(SchedContext sc, long now) {
        mix(sc.ptr());
        mix(sc.scPeriod);
        mix(sc.scRefillMax);
        mix(ptr(sc.scTcb));
        mix(ptr(sc.scReply));
        mix(ptr(sc.scNotification));
        mix(ptr(sc.scYieldFrom));
        mix(sc.scBadge);
        mix(sc.scSporadic ? 1 : 0);
        if (sc.scRefillMax > 0) {
            // Refills in order from the head, with release times relative to now. A round-robin SC
            // only ever asks whether its refills are ready (its times are never compared with each
            // other or moved on), so its past times all count as "ready".
            boolean roundRobin = sc.scPeriod == 0;
            int cap = sc.refillCapacity();
            int i = sc.scRefillHead;
            for (int n = 0; n < cap; n++) {
                long rel = sc.rTime[i] - now;
                mix(roundRobin && rel < 0 ? 0 : rel);
                mix(sc.rAmount[i]);
                if (i == sc.scRefillTail) {
                    break;
                }
                i = i + 1 == cap ? 0 : i + 1;
            }
        }
    }

    private void vcpu(LiveSystem sys, Vcpu v) {
        mix(v.ptr());
        mix(ptr(v.vcpuTCB));
        mix(v.vppi_masked[Vcpu.VPPIEventIRQ_VTimer] ? 1 : 0);
        if (sys.armState.armHSCurVCPU != v) {
            // Saved state only matters while the VCPU is not loaded; loaded state is hashed from hardware.
            for (int i = 0; i < sys.armState.gic_vcpu_num_list_regs; i++) {
                mix(v.vgic.lr[i]);
            }
            mix(v.vgic.hcr);
            mix(v.regs[sel4.arch.aarch64.VcpuReg.seL4_VCPUReg_CNTV_CTL] & VirtualTimer.CNTV_CTL_ENABLE);
        }
    }

    private void lines(Kernel k, int line) {
        mix((k.machine.irq().level(line) ? 1 : 0) | (k.machine.irq().isMasked(line) ? 2 : 0));
    }

    private static long ptr(KernelObject o) {
        return o == null ? 0 : o.ptr();
    }

    private void mix(long v) {
        h = (h ^ v) * M;
        h ^= h >>> 29;
    }

    private static long finish(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        return x ^ (x >>> 33);
    }
}
