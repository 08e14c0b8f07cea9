package sel4.user;

import java.util.Arrays;
import sel4.api.MessageInfo;
import sel4.model.Config;

/**
 * A message a user thread sends: label, message words and extra-cap CPtrs. The stub puts words
 * 0..3 in the message registers and the rest in the IPC buffer (word i + 1), the cap CPtrs in
 * the buffer's caps-or-badges words, and builds the msgInfo word from the counts.
 */
public record Msg(long label, long[] words, long[] caps) {

    public Msg {
        words = words.clone();
        caps = caps.clone();
        if (words.length > Config.msgMaxLength) {
            throw new IllegalArgumentException("at most " + Config.msgMaxLength + " message words");
        }
        if (caps.length > Config.msgMaxExtraCaps) {
            throw new IllegalArgumentException("at most " + Config.msgMaxExtraCaps + " extra caps");
        }
    }

    public static final Msg EMPTY = new Msg(0, new long[0], new long[0]);

    /** The message words (a copy). */
    @Override
    public long[] words() {
        return words.clone();
    }

    /** The extra-cap CPtrs (a copy). */
    @Override
    public long[] caps() {
        return caps.clone();
    }

    public int length() {
        return words.length;
    }

    public static Msg of(long label, long... words) {
        return new Msg(label, words, new long[0]);
    }

    /** The same message with extra caps. */
    public Msg withCaps(long... capPtrs) {
        return new Msg(label, words, capPtrs);
    }

    public MessageInfo info() {
        return MessageInfo.seL4_MessageInfo_new(label, 0, caps.length, words.length);
    }

    /** Whether sending needs the IPC buffer (words beyond the registers, or caps). */
    public boolean usesBuffer() {
        return words.length > sel4.machine.Registers.n_msgRegisters || caps.length > 0;
    }

    @Override
    public String toString() {
        return "label " + label + ", words " + Arrays.toString(words)
                + (caps.length > 0 ? ", caps " + Arrays.toString(caps) : "");
    }
}
