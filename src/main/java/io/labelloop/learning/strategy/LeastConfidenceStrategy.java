package io.labelloop.learning.strategy;

/**
 * Least confidence (Lewis &amp; Gale 1994; Culotta &amp; McCallum 2005): score = 1 - p(1), p(1) the top probability,
 * computed as {@link Probabilities#doubt}.
 */
public final class LeastConfidenceStrategy implements PointwiseStrategy {
    @Override
    public double score(double[] p, double[][] committee, double featureNormSquared) {
        return Probabilities.doubt(p);
    }
}
