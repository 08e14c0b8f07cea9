package sel4.user;

/**
 * A user memory access that the MMU refused (unmapped, read-only, or unaligned). Thrown out of an
 * instruction's lambda so that the CPU abandons the instruction and delivers a VM fault; it never
 * reaches test code.
 */
final class UserMemoryFault extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final long address;
    private final boolean write;
    private final boolean alignment;

    UserMemoryFault(long address, boolean write, boolean alignment) {
        super((alignment ? "unaligned " : "") + (write ? "store to 0x" : "load from 0x") + Long.toHexString(address),
                null, false, false);
        this.address = address;
        this.write = write;
        this.alignment = alignment;
    }

    long address() {
        return address;
    }

    boolean write() {
        return write;
    }

    boolean alignment() {
        return alignment;
    }
}
