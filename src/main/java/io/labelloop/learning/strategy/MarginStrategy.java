package io.labelloop.learning.strategy;

/**
 * Margin sampling (Scheffer, Decomain &amp; Wrobel 2001): prefer the smallest p(1) - p(2), the gap between
 * the two most probable classes; score = 1 - (p(1) - p(2)) so that higher is more informative, computed as
 * {@link Probabilities#doubt} + p(2) so that it does not round to 0 where the model is sure.
 */
public final class MarginStrategy implements PointwiseStrategy {
    @Override
    public double score(double[] p, double[][] committee, double featureNormSquared) {
        return Probabilities.doubt(p) + Probabilities.topTwo(p)[1];
    }
}
