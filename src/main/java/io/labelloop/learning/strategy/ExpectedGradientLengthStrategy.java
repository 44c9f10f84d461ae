package io.labelloop.learning.strategy;

/**
 * Expected gradient length (Settles, Craven &amp; Ray 2008) for multinomial logistic regression. If the
 * item had label y, the log-loss gradient w.r.t. the weights is (p - e_y) x~ with x~ = (x, 1), whose norm
 * is ||x~|| ||p - e_y|| = ||x~|| sqrt(1 - 2 p_y + ||p||^2). Its expectation under the model is
 * score = ||x~|| * sum_y p_y sqrt(1 - 2 p_y + ||p||^2).
 * <p>For every model family x is what the logistic head sees: the family's mapped features (for the KERNEL
 * family the random Fourier features, for HOG the gradient histograms), so the score is the expected gradient
 * length of the head's weights, not of the raw columns; the feature map itself is fixed, not learned.
 */
public final class ExpectedGradientLengthStrategy implements PointwiseStrategy {
    @Override
    public double score(double[] p, double[][] committee, double featureNormSquared) {
        double pNormSq = 0;
        for (double v : p) {
            pNormSq += v * v;
        }
        double expected = 0;
        for (double v : p) {
            expected += v * Math.sqrt(Math.max(0, 1 - 2 * v + pNormSq));
        }
        return Math.sqrt(featureNormSquared + 1.0) * expected;
    }
}
