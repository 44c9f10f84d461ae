package io.labelloop.shared;

/**
 * Named seeds. Randomness in the service starts from a seed derived from a name and what it acts
 * on (a project, how many items it made so far), never from {@code Math.random()} or
 * {@code ThreadLocalRandom}, so that the same state gives the same draws and a run can be repeated.
 */
public final class Seeds {

    /** Window starts of fallback entries (spreads concurrent claimers over the pool). */
    public static final long FALLBACK_WINDOWS = of("queue.fallback-windows");
    /** Probes of holdout draws (uniform random pool items). */
    public static final long HOLDOUT_DRAWS = of("queue.holdout-draws");
    /** Which items of a claim are gold items, and their places among the others. */
    public static final long GOLD_DRAWS = of("queue.gold-draws");

    private Seeds() {
    }

    /** A seed from a name and parts: SplitMix64 (Steele, Lea &amp; Flood 2014) over the name's hash and each part. */
    public static long of(String name, long... parts) {
        long h = mix(name.hashCode());
        for (long part : parts) {
            h = mix(h ^ part);
        }
        return h;
    }

    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
