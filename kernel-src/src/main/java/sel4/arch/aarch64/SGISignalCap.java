package sel4.arch.aarch64;

import sel4.object.cap.ArchCap;

/** Software-generated-interrupt signal capability (cap_sgi_signal_cap): SGI number and target. */
public record SGISignalCap(long irq, long target) implements ArchCap {
}
