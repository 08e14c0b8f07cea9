package sel4.arch.x86_64;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The x86 I/O port space behind the {@code in8/in16/in32} and {@code out8/out16/out32}
 * instructions of seL4's include/arch/x86/arch/machine.h (plat/machine/io.h): 65536 byte-wide
 * device registers. A 16- or 32-bit access covers consecutive ports, little-endian, as on a PC.
 * Every output is logged so tests can see what reached a device.
 */
public final class IoPortDevices {
    /** One port output: port, access width in bytes, value. */
    public record PortWrite(int port, int width, long value) {
    }

    private final byte[] ports = new byte[65536];
    private final List<PortWrite> writes = new ArrayList<>();

    private long read(int port, int width) {
        long v = 0;
        for (int i = 0; i < width; i++) {
            v |= (ports[(port + i) & 0xffff] & 0xffL) << (8 * i);
        }
        return v;
    }

    private void write(int port, int width, long value) {
        writes.add(new PortWrite(port, width, value));
        for (int i = 0; i < width; i++) {
            ports[(port + i) & 0xffff] = (byte) (value >>> (8 * i));
        }
    }

    public long in8(int port) {
        return read(port, 1);
    }

    public long in16(int port) {
        return read(port, 2);
    }

    public long in32(int port) {
        return read(port, 4);
    }

    public void out8(int port, long v) {
        write(port, 1, v & 0xff);
    }

    public void out16(int port, long v) {
        write(port, 2, v & 0xffff);
    }

    public void out32(int port, long v) {
        write(port, 4, v & 0xffffffffL);
    }

    /** Device side: a device presents {@code width} bytes of {@code value} at {@code port}. */
    public void deviceSets(int port, int width, long value) {
        for (int i = 0; i < width; i++) {
            ports[(port + i) & 0xffff] = (byte) (value >>> (8 * i));
        }
    }

    public List<PortWrite> writes() {
        return Collections.unmodifiableList(writes);
    }
}
