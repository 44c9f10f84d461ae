package io.labelloop.learning.strategy;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A uniform random share of a batch (the epsilon-greedy mix of Bouneffouf et al. 2014 and the passive share of
 * Hsu &amp; Lin 2015): r = floor({@value #SHARE} b) of the b slots go to uniform random pool items, i.e. the items
 * with the highest {@link RandomStrategy#score} under a seed derived from the batch seed, skipping any item already
 * in the batch or a near-duplicate of one. Uncertainty sampling alone samples a biased region of the pool; the random
 * share keeps the labelled set anchored to the pool's distribution. Streams in O(r) memory: it keeps the
 * {@value #SPARE}r items with the highest random score.
 */
public final class RandomShare {
    /** Share of the batch drawn uniformly at random. */
    public static final double SHARE = 0.15;
    /** Random draws kept per random slot (spares for draws that are already in the batch or near-duplicates). */
    public static final int SPARE = 4;
    /** Mixed into the batch seed so the draws do not follow the tie-break jitter (which uses the batch seed). */
    private static final long SEED_MIX = 0x5DEECE66DL;
    private final int slots;
    private final long seed;
    private final PriorityQueue<Candidate> draws = new PriorityQueue<>(Comparator.comparingDouble(Candidate::score));

    /** The random share of a batch of {@code b} items with batch seed {@code seed}. */
    public RandomShare(int b, long seed) {
        this.slots = slots(b);
        this.seed = seed ^ SEED_MIX;
    }

    /** r = floor(SHARE b): 3 of 20, 1 of 7, none below 7. */
    public static int slots(int b) {
        return (int) Math.floor(SHARE * b + 1e-9);
    }

    /** The random slots of this batch. */
    public int slots() {
        return slots;
    }

    /** The item's uniform random draw in [0, 1). */
    public double draw(long itemId) {
        return RandomStrategy.score(itemId, seed);
    }

    /** Whether an item with this draw would be kept (so the caller builds its candidate only then). */
    public boolean wants(double draw) {
        return slots > 0 && (draws.size() < SPARE * slots || draw > draws.peek().score());
    }

    /** Keeps {@code c} (whose score must be its {@link #draw}) if it is among the SPARE r highest draws. */
    public void offer(Candidate c) {
        if (wants(c.score())) {
            draws.add(c);
            if (draws.size() > SPARE * slots) {
                draws.poll();
            }
        }
    }

    /**
     * Fills {@code chosen} up to {@code b} items with the kept draws, highest draw first, skipping items already in
     * it and near-duplicates of them; returns {@code chosen}.
     */
    public List<Candidate> fill(List<Candidate> chosen, int b) {
        List<Candidate> ordered = new ArrayList<>(draws);
        ordered.sort(Comparator.comparingDouble(Candidate::score).reversed());
        for (Candidate r : ordered) {
            if (chosen.size() >= b) {
                break;
            }
            if (chosen.stream().noneMatch(o -> o.itemId() == r.itemId() || Embeddings.nearDuplicate(o.embedding(), r.embedding()))) {
                chosen.add(r);
            }
        }
        return chosen;
    }
}
