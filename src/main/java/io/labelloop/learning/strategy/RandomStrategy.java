package io.labelloop.learning.strategy;

/**
 * Random sampling, the passive baseline: score = a uniform pseudo-random number derived from the item id and
 * the seed (SplitMix64, Steele, Lea &amp; Flood 2014), so the top-b by score is a uniform random sample of the
 * pool that does not depend on the order items are streamed in.
 */
public final class RandomStrategy {
    private RandomStrategy() {
    }

    /** Uniform number in [0, 1) for an item id. */
    public static double score(long itemId, long seed) {
        long z = itemId * 0x9E3779B97F4A7C15L + seed;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (z >>> 11) * 0x1.0p-53;
    }
}
