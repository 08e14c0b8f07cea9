package sel4.machine;

import java.util.function.BooleanSupplier;

/**
 * Models the interrupt controller interface of seL4's include/arch/arm/arch/machine/gic_v2.h
 * ({@code getActiveIRQ}, {@code maskInterrupt}, {@code ackInterrupt}, {@code isIRQPending}).
 *
 * <p>All lines are level-triggered: a line is pending while its source asserts it and it is not
 * masked. Acknowledging (EOI) does not clear a level, so an interrupt that the kernel ignores is
 * taken again as soon as it is unmasked and still asserted, as on real GIC hardware. A line is
 * asserted either by a device ({@link #assertLine}) or by a computed source such as the kernel
 * deadline timer or the virtual timer of the current VCPU ({@link #setSource}).
 *
 * <p>Devices that a user-level driver services before acknowledging the IRQ can be configured to
 * drop their line when the kernel unmasks it ({@link #setLowerOnUnmask}); this stands for the
 * driver's device-register write that precedes {@code seL4_IRQHandler_Ack}.
 */
public final class InterruptController {
    /** Value returned by {@link #getActiveIRQ()} when nothing is pending (seL4's irqInvalid). */
    public static final int irqInvalid = -1;

    private final int numLines;
    private final boolean[] asserted;
    private final boolean[] masked;
    private final boolean[] lowerOnUnmask;
    private final BooleanSupplier[] sources;
    private long acks;

    public InterruptController(int numLines) {
        this.numLines = numLines;
        this.asserted = new boolean[numLines];
        this.masked = new boolean[numLines];
        this.lowerOnUnmask = new boolean[numLines];
        this.sources = new BooleanSupplier[numLines];
    }

    public int numLines() {
        return numLines;
    }

    private boolean valid(int irq) {
        return irq >= 0 && irq < numLines;
    }

    /** Device side: raise the level of a line. Out-of-range lines are ignored (no such wire). */
    public void assertLine(int irq) {
        if (valid(irq)) {
            asserted[irq] = true;
        }
    }

    /** Device side: drop the level of a line. */
    public void deassertLine(int irq) {
        if (valid(irq)) {
            asserted[irq] = false;
        }
    }

    /** Attaches a computed level to a line (null detaches it). */
    public void setSource(int irq, BooleanSupplier source) {
        if (valid(irq)) {
            sources[irq] = source;
        }
    }

    public void setLowerOnUnmask(int irq, boolean value) {
        if (valid(irq)) {
            lowerOnUnmask[irq] = value;
        }
    }

    /** Current level of a line, whatever its mask. */
    public boolean level(int irq) {
        if (!valid(irq)) {
            return false;
        }
        BooleanSupplier s = sources[irq];
        return asserted[irq] || (s != null && s.getAsBoolean());
    }

    public boolean isMasked(int irq) {
        return valid(irq) && masked[irq];
    }

    public boolean isPending(int irq) {
        return valid(irq) && !masked[irq] && level(irq);
    }

    /** The lowest-numbered pending line, or {@link #irqInvalid}. */
    public int getActiveIRQ() {
        for (int i = 0; i < numLines; i++) {
            if (!masked[i] && level(i)) {
                return i;
            }
        }
        return irqInvalid;
    }

    /** seL4's isIRQPending: is any interrupt pending (used by preemption points). */
    public boolean isIRQPending() {
        return getActiveIRQ() != irqInvalid;
    }

    /** seL4's maskInterrupt(disable, irq). */
    public void maskInterrupt(boolean disable, int irq) {
        if (!valid(irq)) {
            return;
        }
        masked[irq] = disable;
        if (!disable && lowerOnUnmask[irq]) {
            asserted[irq] = false;
        }
    }

    /** seL4's ackInterrupt(irq): end of interrupt. Levels are not affected. */
    public void ackInterrupt(int irq) {
        acks++;
    }

    public long ackCount() {
        return acks;
    }
}
