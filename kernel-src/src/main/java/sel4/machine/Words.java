package sel4.machine;

/**
 * Models the word arithmetic helpers of seL4's include/util.h (BIT, MASK, ROUND_DOWN, ...).
 *
 * <p>Machine words are 64 bits on both modelled architectures, so a Java {@code long} is a word.
 * Comparisons that seL4 makes on unsigned words must go through {@link #ult} and friends.
 */
public final class Words {
    public static final int wordBits = 64;
    public static final int wordRadix = 6;

    private Words() {
    }

    public static long BIT(int n) {
        return n >= 64 ? 0 : 1L << n;
    }

    /** Low {@code n} bits set; {@code MASK(64)} is all ones. */
    public static long MASK(int n) {
        return n >= 64 ? -1L : (1L << n) - 1;
    }

    public static long ROUND_DOWN(long v, int bits) {
        return v & ~MASK(bits);
    }

    public static long ROUND_UP(long v, int bits) {
        return (v + MASK(bits)) & ~MASK(bits);
    }

    public static boolean IS_ALIGNED(long v, int bits) {
        return (v & MASK(bits)) == 0;
    }

    /** Unsigned less-than on words. */
    public static boolean ult(long a, long b) {
        return Long.compareUnsigned(a, b) < 0;
    }

    public static boolean ule(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0;
    }

    public static boolean ugt(long a, long b) {
        return Long.compareUnsigned(a, b) > 0;
    }

    public static boolean uge(long a, long b) {
        return Long.compareUnsigned(a, b) >= 0;
    }

    /** Index of the most significant set bit (clzl-based), as seL4's wordBits - 1 - clzl(w). */
    public static int wordLog2(long w) {
        return 63 - Long.numberOfLeadingZeros(w);
    }
}
