package kreply.explore.search;

/**
 * SplitMix64: a small, fast, allocation-free generator with good statistical quality. Every
 * search trial gets its own generator seeded from the run's seed and the trial's index, so a
 * trial's events depend on nothing else (not on thread scheduling, nor on other trials).
 */
final class Rng {
    private long state;

    Rng(long seed) {
        this.state = seed;
    }

    /** The seed of trial {@code index} of a run seeded with {@code seed}. */
    static long trialSeed(long seed, long index) {
        return mix(mix(seed) ^ (index * 0xD1B54A32D192ED03L));
    }

    long nextLong() {
        state += 0x9E3779B97F4A7C15L;
        return mix(state);
    }

    /** Uniform in [0, bound). */
    int nextInt(int bound) {
        return (int) ((nextLong() >>> 33) % bound);
    }

    /** Uniform in [0, bound). */
    long nextLong(long bound) {
        return Long.remainderUnsigned(nextLong(), bound);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
