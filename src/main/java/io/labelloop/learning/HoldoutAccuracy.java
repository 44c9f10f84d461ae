package io.labelloop.learning;

import org.apache.commons.math3.distribution.BetaDistribution;

/**
 * A model's accuracy on the holdout: labels drawn uniformly at random from the pool that the model
 * never trained on, so the figure estimates its accuracy on the unlabeled items. Reported with the
 * exact (Clopper-Pearson) 95% interval, whose coverage is at least 95% for every holdout size: with
 * a small holdout the interval is wide rather than wrong.
 *
 * @param evaluatedOn holdout labels the model was scored on
 * @param correct     of them, predicted right
 * @param accuracy    correct / evaluatedOn
 * @param low95       lower end of the 95% interval
 * @param high95      upper end of the 95% interval
 */
public record HoldoutAccuracy(int evaluatedOn, int correct, double accuracy, double low95, double high95) {

    /** Names the interval for the API and the dashboard. */
    public static final String INTERVAL = "CLOPPER_PEARSON_95";

    private static final double ALPHA = 0.05;

    /** The accuracy of {@code correct} right predictions out of {@code n} (n at least 1) with its interval. */
    public static HoldoutAccuracy of(int n, int correct) {
        if (n < 1 || correct < 0 || correct > n) {
            throw new IllegalArgumentException("need 0 <= correct <= n and n >= 1, got " + correct + " of " + n);
        }
        double low = correct == 0 ? 0 : new BetaDistribution(null, correct, n - correct + 1).inverseCumulativeProbability(ALPHA / 2);
        double high = correct == n ? 1 : new BetaDistribution(null, correct + 1, n - correct).inverseCumulativeProbability(1 - ALPHA / 2);
        return new HoldoutAccuracy(n, correct, (double) correct / n, low, high);
    }
}
