// contract: seL4 issue #346, release-queue variant: a VPPI or VGIC-maintenance interrupt arriving when the budget check has just postponed the sporadic current thread V to the release queue is turned into a fault that blocks V while it stays in the release queue — the invariant checker reports Q11 (V pushed onto a reply object while linked into a scheduler queue) for V at that very interrupt entry, and without checks the kernel halts with "Current thread is blocked" at a later kernel entry, when V's refill is released and V is picked.
package sel4.scenario.issue346;

import org.junit.jupiter.api.Tag;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import sel4.api.Event;
import sel4.api.Fault;
import sel4.kernel.InvariantViolation;
import sel4.kernel.KernelHalt;
import sel4.object.tcb.ThreadStateType;
import sel4.scenario.issue346.Issue346System.Source;
import sel4.scenario.issue346.Issue346System.Variant;
import sel4.user.StopReason;

class ReleaseQueueVariantTest {

    // legacy-form: pins the release-queue variant of issue #346 (the interrupt blocks a thread in the release queue)
    @Tag("legacy-form")
    @ParameterizedTest
    @EnumSource(Source.class)
    void withChecksTheInterruptThatBlocksThePostponedThreadIsReported(Source source) {
        Issue346System s = new Issue346System(Variant.RELEASE_QUEUE, source, true);

        assertThatThrownBy(s.sim::run).isInstanceOfSatisfying(InvariantViolation.class, e -> {
            // The fault IPC pushes V onto H's reply object while V is still linked into a
            // scheduler queue: Q11, checked in reply_push just before V would become
            // BlockedOnReply (where Q12 would fail next).
            assertThat(e.invariant()).startsWith("Q11 ");
            assertThat(e.thread()).isEqualTo("V");
            assertThat(e.event()).isEqualTo(Event.InterruptEvent.INSTANCE.toString());
        });
        assertThat(s.lastStep()).as("the kernel entry under way").endsWith("interrupt (IRQ " + s.irq() + ")");
        assertThat(s.kernel.ks.ksKernelEntries).as("the interrupt's own entry").isEqualTo(s.irqEntry());
        assertThat(s.sim.now() - s.vStart).as("V's consumption: inside the last minBudget")
                .isEqualTo(Issue346System.IRQ_AFTER);
        assertThat(s.v.tcb().tcbInReleaseQueue).as("postponed by the budget check").isTrue();
        assertThat(s.v.tcb().tcbQueued).isFalse();
        assertThat(s.v.isRunnable()).as("stopped before V became BlockedOnReply").isTrue();
        assertThat(s.faultMessage[0].done()).as("the fault was never delivered").isFalse();
    }

    // legacy-form: pins the release-queue variant of issue #346 (the blocked thread is released and chosen later)
    @Tag("legacy-form")
    @ParameterizedTest
    @EnumSource(Source.class)
    void withoutChecksTheKernelHaltsWhenTheBlockedThreadIsReleased(Source source) {
        Issue346System s = new Issue346System(Variant.RELEASE_QUEUE, source, false);

        assertThat(s.sim.runUntil(s.v::isBlocked)).isEqualTo(StopReason.CONDITION);
        assertThat(s.kernel.ks.ksKernelEntries).as("V was blocked by the interrupt entry").isEqualTo(s.irqEntry());
        assertThat(s.v.state().tsType()).isEqualTo(ThreadStateType.BlockedOnReply);
        assertThat(s.v.tcb().tcbInReleaseQueue).as("blocked, yet still in the release queue").isTrue();
        assertThatThrownBy(() -> s.kernel.invariants.checkAfterEvent(Event.InterruptEvent.INSTANCE))
                .isInstanceOfSatisfying(InvariantViolation.class, e -> {
                    assertThat(e.invariant()).startsWith("Q12 ");
                    assertThat(e.thread()).isEqualTo("V");
                });

        assertThatThrownBy(s.sim::run).isInstanceOf(KernelHalt.class).hasMessage("Current thread is blocked");
        assertThat(s.kernel.ks.ksKernelEntries).as("a later kernel entry").isGreaterThan(s.irqEntry());
        assertThat(s.faultMessage[0].done()).as("meanwhile H received the fault").isTrue();
        long expectedLabel = source == Source.VIRTUAL_TIMER_PPI ? Fault.seL4_Fault_VPPIEvent : Fault.seL4_Fault_VGICMaintenance;
        assertThat(s.faultMessage[0].label()).isEqualTo(expectedLabel);
        assertThat(s.faultMessage[0].badge()).isEqualTo(Issue346System.FAULT_BADGE);
        assertThat(s.lastStep()).as("the release of V's refill, at the kernel timer interrupt")
                .endsWith("interrupt (IRQ " + s.config.timerIrq() + ")");
        assertThat(s.sim.now() - s.vStart).as("released about one period after V started")
                .isGreaterThanOrEqualTo(Issue346System.SPORADIC_PERIOD - Issue346System.BUDGET);
        assertThat(s.kernel.haltReason()).isEqualTo("Current thread is blocked");
    }
}
