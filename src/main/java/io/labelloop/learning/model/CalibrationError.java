package io.labelloop.learning.model;

/**
 * Expected calibration error (Naeini, Cooper &amp; Hauskrecht 2015; Guo et al. 2017):
 * ECE = sum_b (|B_b| / n) * |acc(B_b) - conf(B_b)| over equal-width confidence bins of the top
 * probability.
 */
public final class CalibrationError {
    /** Number of equal-width bins used by default. */
    public static final int DEFAULT_BINS = 10;

    private CalibrationError() {
    }

    /** ECE of probability rows against true class indices, with {@link #DEFAULT_BINS} bins. */
    public static double expectedCalibrationError(double[][] probabilities, int[] y) {
        return expectedCalibrationError(probabilities, y, DEFAULT_BINS);
    }

    public static double expectedCalibrationError(double[][] probabilities, int[] y, int bins) {
        double[] confSum = new double[bins];
        double[] correct = new double[bins];
        int[] count = new int[bins];
        for (int i = 0; i < probabilities.length; i++) {
            int arg = argmax(probabilities[i]);
            double conf = probabilities[i][arg];
            int bin = Math.min(bins - 1, (int) (conf * bins));
            confSum[bin] += conf;
            correct[bin] += arg == y[i] ? 1 : 0;
            count[bin]++;
        }
        double ece = 0;
        for (int b = 0; b < bins; b++) {
            if (count[b] > 0) {
                ece += Math.abs(correct[b] - confSum[b]) / probabilities.length;
            }
        }
        return ece;
    }

    /** Index of the largest value (first on ties). */
    public static int argmax(double[] p) {
        int best = 0;
        for (int k = 1; k < p.length; k++) {
            if (p[k] > p[best]) {
                best = k;
            }
        }
        return best;
    }
}
