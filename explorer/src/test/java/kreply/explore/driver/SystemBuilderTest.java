// contract: building a configured system through the root task's real invocations leaves threads, SCs, VCPUs, handlers, IRQs and start-up waits exactly as configured, the root task suspended, the highest-priority runnable thread running and every invariant holding; a refused invocation is a clear SetupException.
package kreply.explore.driver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import kreply.explore.config.ShippedConfigs;
import org.junit.jupiter.api.Test;
import sel4.api.InvocationLabel;
import sel4.arch.aarch64.Virq;
import sel4.kernel.Boot;
import sel4.model.Config;
import sel4.object.cap.EndpointCap;
import sel4.object.tcb.Tcb;
import sel4.object.tcb.ThreadStateType;

class SystemBuilderTest {

    @Test
    void theVmmSystemStartsAsConfigured() {
        Live live = Live.shipped("vmm");
        LiveSystem sys = live.sys;
        assertThat(sys.root.tcbState.tsType()).isEqualTo(ThreadStateType.Inactive);
        assertThat(live.current()).as("highest priority").isEqualTo("guest0");
        Tcb guest0 = live.tcb("guest0");
        Tcb guest1 = live.tcb("guest1");
        Tcb vmm = live.tcb("vmm");
        assertThat(guest0.tcbPriority).isEqualTo(200);
        assertThat(guest0.tcbSchedContext.scPeriod).as("round-robin").isZero();
        assertThat(guest1.tcbSchedContext.scSporadic).isTrue();
        assertThat(guest1.tcbSchedContext.scPeriod).isEqualTo(5000);
        assertThat(guest1.tcbState.tsType()).isIn(ThreadStateType.Running, ThreadStateType.Restart);
        assertThat(guest1.tcbQueued).isTrue();
        assertThat(vmm.tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnReceive);
        assertThat(sys.nameOf(vmm.tcbState.blockingEndpoint())).isEqualTo("vmm_ep");
        assertThat(sys.nameOf(vmm.tcbState.replyObject())).isEqualTo("vmm_reply");
        assertThat(sys.nameOf(vmm.tcbBoundNotification)).isEqualTo("vmm_ntfn");

        EndpointCap fault = (EndpointCap) guest0.tcbCTE[Tcb.tcbFaultHandler].cap;
        assertThat(fault.badge()).isEqualTo(1);
        assertThat(sys.nameOf(fault.ep())).isEqualTo("vmm_ep");
        ThreadHandle g0 = sys.handleNamed("guest0");
        assertThat(g0.vcpu.vcpuTCB).isSameAs(guest0);
        assertThat(sys.armState.armHSCurVCPU).as("guest0 runs its VCPU").isSameAs(g0.vcpu);
        long lr0 = sys.hw.gic().get_gic_vcpu_ctrl_lr(0);
        assertThat(Virq.virq_get_virqIRQ(lr0)).isEqualTo(64);
        assertThat(Virq.virq_get_virqEOIIRQEN(lr0)).isTrue();
        assertThat(sys.irqs).containsExactly(new IrqLine("uart", 40, sys.irqs.get(0).handlerCptr()));
        assertThat(sys.k.ks.intStateIRQNode[40].cap).isNotNull();

        ThreadHandle h = sys.handleNamed("vmm");
        assertThat(h.caps).extracting(NamedCap::name).containsExactly("vmm_ep", "vmm_reply", "vcpu0", "vcpu1", "uart");
        NamedCap ep = h.caps.get(0);
        assertThat(ep.canReceive()).isTrue();
        assertThat(ep.canSend()).as("minted receive-only").isFalse();
        assertThat(sys.now()).as("building takes no time").isZero();
        sys.k.invariants.checkAfterEvent(null);
    }

    @Test
    void passiveThreadsWaitWithoutAnScAndEveryShippedSystemBuilds() {
        Live live = Live.shipped("passive-server");
        Tcb server = live.tcb("server");
        assertThat(server.tcbSchedContext).isNull();
        assertThat(server.tcbState.tsType()).isEqualTo(ThreadStateType.BlockedOnReceive);
        for (String name : ShippedConfigs.NAMES) {
            Live l = Live.shipped(name);
            assertThat(l.sys.threads).hasSize(l.sys.config().threads().size());
            l.sys.k.invariants.checkAfterEvent(null);
        }
    }

    @Test
    void aRefusedInvocationIsASetupException() {
        Boot.Booted booted = Boot.boot(Config.aarch64());
        DirectRoot root = new DirectRoot(booted.kernel());
        assertThatThrownBy(() -> root.invoke("create a thing", booted.bootInfo().untypedList().get(0).slot(),
                InvocationLabel.UntypedRetype, new long[] {2}, 999, 0, 0, 0, 200, 1))
                .isInstanceOf(SetupException.class)
                .hasMessage("create a thing: the kernel refused UntypedRetype (invalid argument)");
    }
}
