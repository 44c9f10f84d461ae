package io.labelloop.learning;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which part of a pool one retrain-and-score cycle scores when the pool is larger than the candidate bound.
 * Every item falls into one of {@link #SLOTS} slots by a hash of its id (a uniform random partition); a pool of
 * n items over the bound b is cut into {@code k = ceil(n / b)} windows of {@code SLOTS / k} slots, and cycle c
 * scores window {@code c mod k} of round {@code c / k}. The slots are shuffled afresh each round, so each cycle
 * scores a uniform random sample of about n / k items, different windows of a round never overlap, and every
 * item is scored at least once in every k consecutive cycles of a round (at most {@code 2k - 1} cycles apart).
 * A pool within the bound is scored whole.
 */
public final class CandidateWindow {

    /** Slots items are hashed into; a window is a set of them. */
    public static final int SLOTS = 4096;

    private final int windows;
    private final int[] slots;

    private CandidateWindow(int windows, int[] slots) {
        this.windows = windows;
        this.slots = slots;
    }

    /**
     * The window of cycle {@code cycle} for a pool of {@code poolSize} items with at most {@code bound} scored
     * (0 or less: no bound); {@code seed} varies the shuffles between projects.
     */
    public static CandidateWindow of(long poolSize, int bound, long cycle, long seed) {
        if (bound <= 0 || poolSize <= bound) {
            return new CandidateWindow(1, null);
        }
        int k = (int) Math.min(SLOTS, (poolSize + bound - 1) / bound);
        long round = Math.floorDiv(cycle, k);
        int w = (int) Math.floorMod(cycle, k);
        int[] order = new int[SLOTS];
        for (int i = 0; i < SLOTS; i++) {
            order[i] = i;
        }
        var random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + round);
        for (int i = SLOTS - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int from = (int) ((long) w * SLOTS / k);
        int to = (int) ((long) (w + 1) * SLOTS / k);
        int[] chosen = Arrays.copyOfRange(order, from, to);
        Arrays.sort(chosen);
        return new CandidateWindow(k, chosen);
    }

    /** Whether the whole pool is scored. */
    public boolean full() {
        return slots == null;
    }

    /** Windows the pool is cut into: every item is scored once in this many cycles (1 when the pool is scored whole). */
    public int windows() {
        return windows;
    }

    /** The slots scored this cycle, ascending (empty when the whole pool is). */
    public int[] slots() {
        return slots == null ? new int[0] : slots.clone();
    }

    /** Whether an item in this slot is scored this cycle. */
    public boolean contains(int slot) {
        return slots == null || Arrays.binarySearch(slots, slot) >= 0;
    }

    /** The share of the pool scored this cycle. */
    public double share() {
        return slots == null ? 1.0 : slots.length / (double) SLOTS;
    }
}
