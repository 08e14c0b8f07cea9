package sel4.api;

import sel4.model.Config;

/**
 * Models seL4_MessageInfo_t (include/shared_types / structures.bf): label (52 bits),
 * capsUnwrapped (3), extraCaps (2) and length (7), packed into one word.
 */
public record MessageInfo(long label, int capsUnwrapped, int extraCaps, int length) {

    public static MessageInfo seL4_MessageInfo_new(long label, int capsUnwrapped, int extraCaps, int length) {
        return new MessageInfo(label, capsUnwrapped, extraCaps, length);
    }

    /** Packs the fields into a register word (wordFromMessageInfo). */
    public static long wordFromMessageInfo(MessageInfo mi) {
        return ((mi.label & ((1L << 52) - 1)) << 12)
                | ((long) (mi.capsUnwrapped & 7) << 9)
                | ((long) (mi.extraCaps & 3) << 7)
                | (mi.length & 0x7f);
    }

    /**
     * Unpacks a register word, clamping length and extraCaps to their maxima as seL4's
     * messageInfoFromWord does (the values a thread asks for are not trusted).
     */
    public static MessageInfo messageInfoFromWord(long w) {
        long label = w >>> 12;
        int capsUnwrapped = (int) ((w >>> 9) & 7);
        int extraCaps = (int) ((w >>> 7) & 3);
        int length = (int) (w & 0x7f);
        if (length > Config.msgMaxLength) {
            length = Config.msgMaxLength;
        }
        if (extraCaps > Config.msgMaxExtraCaps) {
            extraCaps = Config.msgMaxExtraCaps;
        }
        return new MessageInfo(label, capsUnwrapped, extraCaps, length);
    }

    /** Unpacks without clamping (what a user-level reader sees). */
    public static MessageInfo messageInfoFromWord_raw(long w) {
        return new MessageInfo(w >>> 12, (int) ((w >>> 9) & 7), (int) ((w >>> 7) & 3), (int) (w & 0x7f));
    }
}
