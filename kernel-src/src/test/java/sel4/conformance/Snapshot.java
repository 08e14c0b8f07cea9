package sel4.conformance;

import static sel4.machine.Registers.badgeRegister;
import static sel4.machine.Registers.msgInfoRegister;
import static sel4.machine.Registers.n_msgRegisters;

import java.util.Arrays;
import sel4.api.MessageInfo;
import sel4.object.frame.IpcBuffer;
import sel4.user.Observation;
import sel4.user.UserContext;

/**
 * What the invoking thread holds in its reply-relevant state at one instant, as the thread itself
 * reads it: the badge register, the msgInfo register, the message registers and (when it has one)
 * every word of its IPC buffer. Taken just before the trap and compared with the
 * {@link Observation} made just after it.
 */
record Snapshot(long badge, long msgInfoWord, long[] msgRegisters, long[] ipcBuffer) {

    Snapshot {
        msgRegisters = msgRegisters.clone();
        ipcBuffer = ipcBuffer == null ? null : ipcBuffer.clone();
    }

    /** The state an instruction leaves once it completes (its pending writes included). */
    static Snapshot of(UserContext ctx, boolean withBuffer) {
        long[] mrs = new long[n_msgRegisters];
        for (int i = 0; i < n_msgRegisters; i++) {
            mrs[i] = ctx.mr(i);
        }
        long[] buffer = null;
        if (withBuffer) {
            buffer = new long[IpcBuffer.wordCount];
            for (int w = 0; w < buffer.length; w++) {
                buffer[w] = ctx.ipcBuffer(w);
            }
        }
        return new Snapshot(ctx.reg(badgeRegister), ctx.reg(msgInfoRegister), mrs, buffer);
    }

    /** The same view of an observation. */
    static Snapshot of(Observation o) {
        return new Snapshot(o.badge(), o.msgInfoWord(), o.msgRegisters(), o.ipcBuffer());
    }

    @Override
    public long[] msgRegisters() {
        return msgRegisters.clone();
    }

    @Override
    public long[] ipcBuffer() {
        return ipcBuffer == null ? null : ipcBuffer.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Snapshot s && badge == s.badge && msgInfoWord == s.msgInfoWord
                && Arrays.equals(msgRegisters, s.msgRegisters) && Arrays.equals(ipcBuffer, s.ipcBuffer);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(badge) * 31 + Long.hashCode(msgInfoWord) * 17 + Arrays.hashCode(msgRegisters);
    }

    @Override
    public String toString() {
        return "badge 0x" + Long.toHexString(badge) + ", msgInfo " + msgInfo(msgInfoWord)
                + ", MRs " + hex(msgRegisters) + (ipcBuffer == null ? ", no buffer" : "");
    }

    /** A msgInfo word as label, length and extra caps (plus the raw word). */
    static String msgInfo(long word) {
        MessageInfo mi = MessageInfo.messageInfoFromWord_raw(word);
        return "{label " + mi.label() + ", length " + mi.length() + ", extraCaps " + mi.extraCaps() + " (0x"
                + Long.toHexString(word) + ")}";
    }

    static String hex(long[] words) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < words.length; i++) {
            sb.append(i == 0 ? "" : ", ").append("0x").append(Long.toHexString(words[i]));
        }
        return sb.append(']').toString();
    }
}
