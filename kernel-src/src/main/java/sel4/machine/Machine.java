package sel4.machine;

/**
 * Models the hardware interface the kernel uses (seL4's include/machine/*.h and
 * include/arch/arm/arch/machine/hardware.h): the deadline timer and the interrupt controller.
 * Architecture-specific hardware (GIC virtual CPU interface, I/O ports, VMCS, firmware for SMC
 * calls) hangs off {@link #archHardware} and is defined by the architecture packages.
 */
public final class Machine {
    private final Timer timer = new Timer();
    private final InterruptController irqController;
    private final int timerIrq;
    private Object archHardware;

    public Machine(int numIrqLines, int timerIrq) {
        this.irqController = new InterruptController(numIrqLines);
        this.timerIrq = timerIrq;
        irqController.setSource(timerIrq, timer::deadlineReached);
    }

    public Timer timer() {
        return timer;
    }

    public InterruptController irq() {
        return irqController;
    }

    public int timerIrq() {
        return timerIrq;
    }

    public Object archHardware() {
        return archHardware;
    }

    public void setArchHardware(Object hw) {
        this.archHardware = hw;
    }

    // The kernel-facing machine operations, named as in seL4.

    public long getCurrentTime() {
        return timer.getCurrentTime();
    }

    public void setDeadline(long deadline) {
        timer.setDeadline(deadline);
    }

    public void ackDeadlineIRQ() {
        timer.ackDeadlineIRQ();
    }

    public int getActiveIRQ() {
        return irqController.getActiveIRQ();
    }

    public boolean isIRQPending() {
        return irqController.isIRQPending();
    }

    public void maskInterrupt(boolean disable, int irq) {
        irqController.maskInterrupt(disable, irq);
    }

    public void ackInterrupt(int irq) {
        irqController.ackInterrupt(irq);
    }
}
