package sel4.object.cap;

/** The unique IRQ control capability (cap_irq_control_cap). */
public record IRQControlCap() implements Cap {
    @Override
    public CapTag capType() {
        return CapTag.cap_irq_control_cap;
    }
}
