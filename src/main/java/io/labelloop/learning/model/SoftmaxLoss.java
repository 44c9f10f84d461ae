package io.labelloop.learning.model;

import java.util.Arrays;

/**
 * The L2-penalised mean log-loss of a multinomial logistic regression over some rows of a {@link CompactRows},
 * (1/n) sum_i [logsumexp(W x_i + b) - (W x_i + b)_{y_i}] + (alpha / 2) ||W||^2 with the intercept b unpenalised,
 * and its gradient, in O(non-zeros x classes). With row weights v_i the mean is weighted, (1/sum v_i) sum_i v_i [...],
 * and alpha = lambda / sum v_i; weights of 1 give the unweighted loss to the bit (x * 1.0 is exact, and a sum of n
 * ones is n). Parameters are laid out as in {@link SparseSoftmaxTrainer}: k
 * weights per compact feature, then the k biases. With alpha = lambda / n this is scikit-learn's objective for
 * C = 1 / lambda divided by C n, so both have the same minimiser. The sums over rows read the weights and the
 * residuals as floats while accumulating in doubles: arrays of different element types cannot alias, so the JIT
 * vectorises the loops over classes (as in {@link SparseSoftmaxTrainer}); the solver itself stays in double.
 */
final class SoftmaxLoss implements Lbfgs.Objective {
    private final CompactRows rows;
    private final int[] target;
    private final int[] subset;
    private final int k;
    private final double alpha;
    private final double[] rowWeight;
    private final double weightSum;
    private final double[] z;
    private final float[] residual;
    private float[] weights = new float[0];

    SoftmaxLoss(CompactRows rows, int[] target, int[] subset, int k, double l2) {
        this(rows, target, null, subset, k, l2);
    }

    /** The loss with a weight per row ({@code rowWeight[r]} for row r, indexed like {@code target}; null: all 1). */
    SoftmaxLoss(CompactRows rows, int[] target, double[] rowWeight, int[] subset, int k, double l2) {
        this.rows = rows;
        this.target = target;
        this.subset = subset;
        this.k = k;
        this.rowWeight = rowWeight;
        double sum = 0;
        for (int r : subset) {
            sum += rowWeight == null ? 1 : rowWeight[r];
        }
        this.weightSum = sum;
        this.alpha = l2 / sum;
        this.z = new double[k];
        this.residual = new float[k];
    }

    @Override
    public double evaluate(double[] w, double[] gradient) {
        Arrays.fill(gradient, 0);
        if (weights.length != w.length) {
            weights = new float[w.length];
        }
        for (int i = 0; i < w.length; i++) {
            weights[i] = (float) w[i];
        }
        int biasBase = rows.features * k;
        double loss = 0;
        for (int r : subset) {
            logits(weights, r, biasBase, z);
            double v = rowWeight == null ? 1 : rowWeight[r];
            loss += v * residual(z, target[r]);
            for (int c = 0; c < k; c++) {
                z[c] *= v;
                gradient[biasBase + c] += z[c];
                residual[c] = (float) z[c];
            }
            for (int e = rows.start[r]; e < rows.start[r + 1]; e++) {
                int base = rows.column[e] * k;
                double x = rows.value[e];
                for (int c = 0; c < k; c++) {
                    gradient[base + c] += x * residual[c];
                }
            }
        }
        double scale = 1.0 / weightSum;
        double penalty = 0;
        for (int i = 0; i < biasBase; i++) {
            penalty += w[i] * w[i];
            gradient[i] = gradient[i] * scale + alpha * w[i];
        }
        for (int i = biasBase; i < gradient.length; i++) {
            gradient[i] *= scale;
        }
        return loss * scale + 0.5 * alpha * penalty;
    }

    /** W x_r + b into {@code out}. */
    void logits(float[] w, int r, int biasBase, double[] out) {
        for (int c = 0; c < k; c++) {
            out[c] = w[biasBase + c];
        }
        for (int e = rows.start[r]; e < rows.start[r + 1]; e++) {
            int base = rows.column[e] * k;
            double v = rows.value[e];
            for (int c = 0; c < k; c++) {
                out[c] += v * w[base + c];
            }
        }
    }

    /** Turns logits into p - e_y in place and returns the log-loss of class y. */
    private double residual(double[] logits, int y) {
        double zy = logits[y];
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < k; c++) {
            max = Math.max(max, logits[c]);
        }
        double sum = 0;
        for (int c = 0; c < k; c++) {
            logits[c] = Math.exp(logits[c] - max);
            sum += logits[c];
        }
        double loss = Math.log(sum) + max;
        for (int c = 0; c < k; c++) {
            logits[c] /= sum;
        }
        logits[y] -= 1;
        return loss - zy;
    }
}
