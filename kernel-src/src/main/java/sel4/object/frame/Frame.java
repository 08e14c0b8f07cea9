package sel4.object.frame;

import sel4.object.KernelObject;

/**
 * A user-memory frame (Haskell UserData / UserDataDevice pages; C frames created by retype) with
 * real contents. Words are stored in lazily allocated chunks so that 2 MiB and 1 GiB frames cost
 * memory only for the words that are used.
 *
 * <p>The kernel writes user memory only through {@link IpcBuffer}; those writes are counted so a
 * test can observe that a read-only buffer was (or was not) written by the kernel.
 */
public final class Frame extends KernelObject {
    private static final int CHUNK_BITS = 9;
    private static final int CHUNK_WORDS = 1 << CHUNK_BITS;

    private final boolean isDevice;
    private final long[][] chunks;
    private long kernelWrites;

    public Frame(long ptr, int sizeBits, boolean isDevice) {
        super(ptr, sizeBits);
        this.isDevice = isDevice;
        long words = (1L << sizeBits) / 8;
        this.chunks = new long[(int) Math.max(1, (words + CHUNK_WORDS - 1) / CHUNK_WORDS)][];
    }

    public boolean isDevice() {
        return isDevice;
    }

    public long sizeInWords() {
        return (1L << sizeBits()) / 8;
    }

    /** Reads a word by word index; untouched memory reads as zero. */
    public long readWord(long index) {
        checkIndex(index);
        long[] c = chunks[(int) (index >>> CHUNK_BITS)];
        return c == null ? 0 : c[(int) (index & (CHUNK_WORDS - 1))];
    }

    /** Writes a word by word index (user-level or initialisation write, not counted). */
    public void writeWord(long index, long value) {
        checkIndex(index);
        int ci = (int) (index >>> CHUNK_BITS);
        long[] c = chunks[ci];
        if (c == null) {
            if (value == 0) {
                return;
            }
            c = new long[CHUNK_WORDS];
            chunks[ci] = c;
        }
        c[(int) (index & (CHUNK_WORDS - 1))] = value;
    }

    /** A write performed by the kernel (through an IPC buffer pointer). */
    void kernelWriteWord(long index, long value) {
        kernelWrites++;
        writeWord(index, value);
    }

    /** Number of words the kernel has written into this frame. */
    public long kernelWrites() {
        return kernelWrites;
    }

    /** Zeroes the whole frame (retype / reset clear memory). */
    public void clear() {
        java.util.Arrays.fill(chunks, null);
    }

    private void checkIndex(long index) {
        if (index < 0 || index >= sizeInWords()) {
            throw new IndexOutOfBoundsException("word " + index + " outside " + this);
        }
    }

    @Override
    public String typeName() {
        return isDevice ? "DeviceFrame" : "Frame";
    }
}
