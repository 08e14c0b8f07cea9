package sel4.user;

import static sel4.machine.Registers.n_msgRegisters;

import java.util.Arrays;
import sel4.api.MessageInfo;
import sel4.object.frame.IpcBuffer;

/**
 * What a thread saw when it came back from one syscall: the raw badge and msgInfo registers, the
 * message registers and a copy of its IPC buffer, read at the instruction after the trap.
 *
 * @param time          when the observation was made
 * @param badge         the badge register
 * @param msgInfoWord   the msgInfo register, undecoded
 * @param msgRegisters  the n_msgRegisters message registers
 * @param ipcBuffer     the thread's IPC buffer words, or null when it has no mapped buffer
 */
public record Observation(long time, long badge, long msgInfoWord, long[] msgRegisters, long[] ipcBuffer) {

    public Observation {
        msgRegisters = msgRegisters.clone();
        ipcBuffer = ipcBuffer == null ? null : ipcBuffer.clone();
    }

    /** The message registers (a copy). */
    @Override
    public long[] msgRegisters() {
        return msgRegisters.clone();
    }

    /** The IPC-buffer words (a copy), or null. */
    @Override
    public long[] ipcBuffer() {
        return ipcBuffer == null ? null : ipcBuffer.clone();
    }

    /** The msgInfo register decoded as a user-level reader sees it (no clamping). */
    public MessageInfo info() {
        return MessageInfo.messageInfoFromWord_raw(msgInfoWord);
    }

    public long label() {
        return info().label();
    }

    public int length() {
        return info().length();
    }

    /**
     * Message word {@code i}: a register below n_msgRegisters, else IPC-buffer word i + 1 (what
     * seL4_GetMR reads after the stub copied the registers out).
     */
    public long mr(int i) {
        if (i < 0 || i >= sel4.model.Config.msgMaxLength) {
            throw new IllegalArgumentException("message register " + i);
        }
        if (i < n_msgRegisters) {
            return msgRegisters[i];
        }
        return bufferWord(i + 1);
    }

    /** IPC-buffer word {@code w} (0 tag, 1..120 message, 122..124 caps or badges, ...). */
    public long bufferWord(int w) {
        if (ipcBuffer == null) {
            throw new IllegalStateException("the thread has no mapped IPC buffer");
        }
        if (w < 0 || w >= IpcBuffer.wordCount) {
            throw new IllegalArgumentException("IPC buffer word " + w);
        }
        return ipcBuffer[w];
    }

    public boolean hasIpcBuffer() {
        return ipcBuffer != null;
    }

    @Override
    public String toString() {
        MessageInfo mi = info();
        return "t=" + time + " label " + mi.label() + ", length " + mi.length()
                + (mi.extraCaps() != 0 ? ", extraCaps " + mi.extraCaps() : "")
                + (mi.capsUnwrapped() != 0 ? ", unwrapped " + mi.capsUnwrapped() : "")
                + ", badge " + badge + ", MRs " + Arrays.toString(msgRegisters);
    }
}
