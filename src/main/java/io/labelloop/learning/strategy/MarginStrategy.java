package io.labelloop.learning.strategy;

/**
 * Margin sampling (Scheffer, Decomain &amp; Wrobel 2001): prefer the smallest p(1) - p(2), the gap between
 * the two most probable classes; score = 1 - (p(1) - p(2)) so that higher is more informative.
 */
public final class MarginStrategy implements PointwiseStrategy {
    @Override
    public double score(double[] p, double[][] committee, double featureNormSquared) {
        double[] top = Probabilities.topTwo(p);
        return 1.0 - (top[0] - top[1]);
    }
}
