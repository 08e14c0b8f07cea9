package sel4.object.cap;

/** Models seL4_CapRights_t: the rights word used by Mint and masking (bit 0 write ... bit 3 grantReply). */
public record CapRights(boolean allowGrantReply, boolean allowGrant, boolean allowRead, boolean allowWrite) {
    public static final CapRights ALL = new CapRights(true, true, true, true);

    public static CapRights rightsFromWord(long w) {
        return new CapRights((w & 8) != 0, (w & 4) != 0, (w & 2) != 0, (w & 1) != 0);
    }

    public long toWord() {
        return (allowGrantReply ? 8 : 0) | (allowGrant ? 4 : 0) | (allowRead ? 2 : 0) | (allowWrite ? 1 : 0);
    }
}
