package sel4.conformance;

/**
 * How the invoking thread's IPC buffer is set up for one conformance run: the three situations in
 * which a kernel reply must behave differently (KERNEL-REFERENCE §2.6 lookupIPCBuffer).
 */
enum BufferMode {
    /** A frame cap with read-write rights: the kernel may put message words beyond the registers there. */
    WRITABLE,
    /**
     * A frame cap with read-only rights (the thread's own mapping of the page stays writable, so it
     * can still pass long arguments): the kernel may read it when decoding, but must not write it.
     */
    READ_ONLY,
    /** No IPC buffer at all: a reply carries only what fits in the message registers. */
    NONE;

    /** Whether the thread itself can read and write a buffer (it has a mapped page for it). */
    boolean userVisible() {
        return this != NONE;
    }
}
