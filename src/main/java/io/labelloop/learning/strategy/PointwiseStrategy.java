package io.labelloop.learning.strategy;

/**
 * Scores one pool item from the model's view of it; higher means more informative. The top-b items
 * by score form the batch (uncertainty sampling, Lewis &amp; Gale 1994; Settles 2009, "Active Learning
 * Literature Survey").
 */
public interface PointwiseStrategy {
    /**
     * @param p          calibrated class probabilities of the item
     * @param committee  each committee member's probabilities (empty array when none)
     * @param featureNormSquared squared L2 norm of the item's features (without bias)
     */
    double score(double[] p, double[][] committee, double featureNormSquared);

    /** Whether the strategy needs a bootstrap committee. */
    default boolean needsCommittee() {
        return false;
    }
}
