package sel4.object.cap;

/** IRQ handler capability for one IRQ (cap_irq_handler_cap). */
public record IRQHandlerCap(int irq) implements Cap {
    @Override
    public CapTag capType() {
        return CapTag.cap_irq_handler_cap;
    }
}
