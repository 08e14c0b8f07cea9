// contract: a trace file carries its configuration, events and violation and reads back equal; anything that is not a well-formed trace of this version is one clear line naming the file and the place.
package kreply.explore.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import kreply.explore.config.ShippedConfigs;
import org.junit.jupiter.api.Test;

class TraceJsonTest {
    private static final Trace TRACE = new Trace(ShippedConfigs.load("vmm"), "bundled legacy kernel", "random", 7,
            List.of(TraceEvent.fault("guest0", FaultKind.VCPU), TraceEvent.tick(12), TraceEvent.deadline(1),
                    TraceEvent.syscall("vmm", SyscallOp.REPLY_RECV, "vmm_ep", "vmm_reply", 1, 2, 0, 0),
                    TraceEvent.syscall("vmm", SyscallOp.INJECT_IRQ, "vcpu0", null, 0, 0, 2, 34),
                    TraceEvent.irq("uart"), TraceEvent.guest(EventKind.VTIMER_OFF, "guest1", 0),
                    TraceEvent.guest(EventKind.EOI, "guest1", 0)),
            new TraceViolation(8, "invariant", "Q12 blocked thread not in ready or release queue", "guest1",
                    "Q12 ... violated", "release-queue", "VGICMaintenance"));

    @Test
    void aTraceReadsBackEqual() {
        String json = TraceJson.write(TRACE);
        assertThat(json).contains("\"format\" : \"kreply-explore-trace\"").contains("\"kind\" : \"vtimer-off\"");
        assertThat(TraceJson.read(json, "t.json")).isEqualTo(TRACE);
    }

    @Test
    void eventsDescribeThemselves() {
        assertThat(TRACE.events()).extracting(TraceEvent::describe).containsExactly(
                "guest0: fault (vcpu)", "tick 12 µs", "to 1 µs before the timer deadline",
                "vmm: ReplyRecv(vmm_ep, reply vmm_reply, label 1, 2 words)", "vmm: InjectIRQ(vcpu0, LR 2, virq 34)",
                "device IRQ uart", "guest1: guest switches its virtual timer off",
                "guest1: guest completes the virtual IRQ in LR 0");
    }

    @Test
    void malformedTracesAreClearErrors() {
        assertThatThrownBy(() -> TraceJson.read("{", "t.json")).isInstanceOf(TraceException.class)
                .hasMessageStartingWith("t.json: not a trace file: invalid JSON: ");
        assertThatThrownBy(() -> TraceJson.read("{\"events\": []}", "t.json"))
                .hasMessage("t.json: not a trace file (no \"format\": \"kreply-explore-trace\")");
        String json = TraceJson.write(TRACE);
        assertThatThrownBy(() -> TraceJson.read(json.replace("\"version\" : 1", "\"version\" : 9"), "t.json"))
                .hasMessage("t.json: unsupported trace version 9 (this kreply reads version 1)");
        assertThatThrownBy(() -> TraceJson.read(json.replace("\"kind\" : \"tick\"", "\"kind\" : \"tock\""), "t.json"))
                .hasMessage("t.json: events[1]: unknown event kind \"tock\" (known: syscall, fault, tick, deadline, irq,"
                        + " vppi, vtimer-off, eoi)");
        assertThatThrownBy(() -> TraceJson.read(json.replace("\"dt\" : 12", "\"dt\" : -3"), "t.json"))
                .hasMessageStartingWith("t.json: events[1]: \"dt\" must be a whole number from 0 to ");
        assertThatThrownBy(() -> TraceJson.read(json.replace("\"budget\" : 1000", "\"budget\" : 1"), "t.json"))
                .hasMessage("t.json (embedded configuration): threads[0].sc.budget: must be between 20 and 3600000000, was 1");
    }
}
