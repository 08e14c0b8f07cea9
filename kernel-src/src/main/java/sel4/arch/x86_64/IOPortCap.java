package sel4.arch.x86_64;

import sel4.object.cap.ArchCap;

/**
 * I/O port capability (cap_io_port_cap): the port range [firstPort, lastPort] and the VPID of the
 * VCPU it was last enabled for (VPID_INVALID if none).
 */
public record IOPortCap(int firstPort, int lastPort, int vpid) implements ArchCap {
    public IOPortCap withVpid(int v) {
        return new IOPortCap(firstPort, lastPort, v);
    }
}
