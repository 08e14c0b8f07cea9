package sel4.object.frame;

/**
 * A kernel pointer to a thread's IPC buffer (C {@code word_t *ipcBuffer}), as returned by
 * {@code lookupIPCBuffer}. Word 0 is the tag, words 1..120 the message words (message register i
 * lives at word i + 1), followed by user data, the extra caps or badges and the receive slot
 * descriptor (seL4_IPCBuffer).
 *
 * <p>Like the C pointer, it carries no rights: the kernel can write through a pointer that was
 * obtained with read authority only. Those writes land in the frame and are observable.
 */
public final class IpcBuffer {
    public static final int seL4_IPCBufferSizeBits = 10;
    public static final int tagWord = 0;
    public static final int msgWord0 = 1;
    public static final int userDataWord = 121;
    public static final int capsOrBadgesWord0 = 122;
    public static final int receiveCNodeWord = 125;
    public static final int receiveIndexWord = 126;
    public static final int receiveDepthWord = 127;
    public static final int wordCount = 128;

    private final Frame frame;
    private final long baseWord;

    public IpcBuffer(Frame frame, long baseWord) {
        this.frame = frame;
        this.baseWord = baseWord;
    }

    public Frame frame() {
        return frame;
    }

    public long baseWord() {
        return baseWord;
    }

    /** Reads buffer word {@code i} (C {@code buffer[i]}). */
    public long get(int i) {
        return frame.readWord(baseWord + checked(i));
    }

    /** Writes buffer word {@code i} (C {@code buffer[i] = v}). */
    public void set(int i, long v) {
        frame.kernelWriteWord(baseWord + checked(i), v);
    }

    private static int checked(int i) {
        if (i < 0 || i >= wordCount) {
            throw new IndexOutOfBoundsException("IPC buffer word " + i);
        }
        return i;
    }

    @Override
    public String toString() {
        return "ipcbuf(" + frame + "+" + baseWord + ")";
    }
}
