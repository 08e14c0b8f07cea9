package kreply.explore.config;

/**
 * A device interrupt line delivered to a notification (through an IRQ handler cap). The device
 * drops its line when the driver acknowledges the IRQ, as a driver's device-register write would.
 */
public record IrqSpec(String name, int line, String notification, long badge) {
}
