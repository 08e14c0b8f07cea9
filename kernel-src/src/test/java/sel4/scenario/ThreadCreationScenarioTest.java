// contract: threads created through the root task's invocations come out as configured (priority, MCP, SC with its budget, fault handler, IPC buffer, CSpace, initial registers, domain), a thread without an SC does not run until one is bound to it, and a thread in another domain runs only in that domain's slot.
package sel4.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import sel4.kernel.Boot;
import sel4.machine.Registers;
import sel4.model.Config;
import sel4.object.cap.CNodeCap;
import sel4.object.cap.EndpointCap;
import sel4.object.cap.FrameCap;
import sel4.object.schedcontext.SchedContext;
import sel4.object.tcb.Tcb;
import sel4.user.RootTask;
import sel4.user.Sim;
import sel4.user.UserThread;

class ThreadCreationScenarioTest {

    @Test
    void aSpawnedThreadIsConfiguredAsRequested() {
        Sim sim = Sim.boot(Config.aarch64());
        RootTask root = sim.root();
        long fep = root.newEndpoint();
        long handler = root.mint(fep, RootTask.ALL_RIGHTS, 0x21);
        List<Long> seen = new ArrayList<>();
        UserThread t = sim.thread("worker").priority(77).mcp(90).budget(800, 4_000).sporadic().scBadge(5)
                .faultHandler(handler).register(Registers.msgRegisters[0], 42).register(19, 7)
                .program(b -> b.exec("read the arguments", ctx -> {
                    seen.add(ctx.reg(Registers.msgRegisters[0]));
                    seen.add(ctx.reg(19));
                })).spawn();

        Tcb tcb = t.tcb();
        assertThat(tcb.tcbPriority).isEqualTo(77);
        assertThat(tcb.tcbMCP).isEqualTo(90);
        SchedContext sc = root.object(t.scCap(), SchedContext.class);
        assertThat(tcb.tcbSchedContext).isSameAs(sc);
        assertThat(sc.scTcb).isSameAs(tcb);
        assertThat(sc.scPeriod).isEqualTo(4_000);
        assertThat(sc.rAmount[sc.scRefillHead]).isEqualTo(800);
        assertThat(sc.scSporadic).isTrue();
        assertThat(sc.scBadge).isEqualTo(5);
        assertThat(tcb.tcbCTE[Tcb.tcbFaultHandler].cap).isEqualTo(root.cap(handler));
        assertThat(((EndpointCap) tcb.tcbCTE[Tcb.tcbFaultHandler].cap).badge()).isEqualTo(0x21);
        assertThat(tcb.tcbCTE[Tcb.tcbBuffer].cap).isInstanceOf(FrameCap.class);
        assertThat(tcb.tcbIPCBuffer).isEqualTo(t.ipcBufferVaddr()).isNotEqualTo(Boot.IPC_BUFFER_VADDR);
        CNodeCap cspace = (CNodeCap) tcb.tcbCTE[Tcb.tcbCTable].cap;
        assertThat(cspace.cnode()).isSameAs(((CNodeCap) root.cap(RootTask.CNODE)).cnode());
        assertThat(cspace.radix() + cspace.guardSize()).isEqualTo(64);
        assertThat(sim.kernel().arch.lookupIPCBuffer(true, tcb)).isNotNull();

        sim.run();

        assertThat(seen).containsExactly(42L, 7L);
        assertThat(t.isInactive()).isTrue();
    }

    @Test
    void aThreadWithoutAnScRunsOnlyOnceAnScIsBoundToIt() {
        Sim sim = Sim.boot(Config.aarch64());
        RootTask root = sim.root();
        EventLog log = new EventLog();
        UserThread idler = sim.thread("no-sc").priority(100).noSchedContext()
                .program(b -> log.note(b, "running")).spawn();
        long spare = root.newSchedContext();
        root.runChecked("configure the spare SC", b -> b.schedControl()
                .configureFlags(sim.bootInfo().schedControlSlot(), spare, 1_000, 1_000, 0, 0, 0));

        sim.run();
        assertThat(log.entries()).isEmpty();
        assertThat(idler.isRunnable()).as("resumed, but it has no SC").isTrue();

        root.runChecked("bind", b -> b.schedContext().bind(spare, idler.tcbCap()));
        sim.run();
        assertThat(log.whats()).containsExactly("running");
        assertThat(idler.schedContext()).isSameAs(root.object(spare));
    }

    @Test
    void aThreadInTheSecondDomainRunsOnlyInThatDomainsSlot() {
        Sim sim = Sim.boot(Config.aarch64().toBuilder().numDomains(2).build());
        EventLog log = new EventLog();
        sim.thread("d1").priority(100).domain(1).program(b -> b.repeat(3, c -> log.note(c, "tick").spin(4_000))).spawn();

        sim.run();

        List<Long> ticks = log.times("tick");
        assertThat(ticks).hasSize(3);
        long slot = Boot.DEFAULT_DOMAIN_TICKS;
        for (long t : ticks) {
            assertThat((t / slot) % 2).as("tick at %d lies in a domain-1 slot", t).isEqualTo(1);
        }
        assertThat(ticks.get(0)).isGreaterThanOrEqualTo(slot);
    }
}
