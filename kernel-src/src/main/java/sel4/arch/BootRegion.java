package sel4.arch;

import sel4.machine.Words;

/**
 * Physical memory handed out while the initial state is built (seL4's boot-time allocator in
 * src/kernel/boot.c): a bump allocator over [start, end) that returns naturally aligned blocks.
 */
public final class BootRegion {
    private long next;
    private final long end;

    public BootRegion(long start, long end) {
        this.next = start;
        this.end = end;
    }

    /** Allocates a 2^sizeBits block aligned to its size. */
    public long alloc(int sizeBits) {
        long base = Words.ROUND_UP(next, sizeBits);
        long top = base + (1L << sizeBits);
        if (top > end || top < base) {
            throw new IllegalStateException("boot region exhausted allocating 2^" + sizeBits);
        }
        next = top;
        return base;
    }

    public long next() {
        return next;
    }

    public long end() {
        return end;
    }
}
