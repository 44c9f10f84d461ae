package io.labelloop.learning.strategy;

/** Entropy sampling (Shannon 1948; Settles &amp; Craven 2008): score = -sum_y p_y log p_y. */
public final class EntropyStrategy implements PointwiseStrategy {
    @Override
    public double score(double[] p, double[][] committee, double featureNormSquared) {
        return Probabilities.entropy(p);
    }
}
