package io.labelloop.learning.model;

import io.labelloop.learning.features.FeatureBuffer;
import java.util.List;

/**
 * Multinomial logistic regression solved to convergence: the L2-penalised mean log-loss ({@link SoftmaxLoss},
 * intercept unpenalised) minimised by {@link Lbfgs} over compressed sparse rows, so a gradient costs
 * O(non-zeros x classes) and text with hundreds of thousands of hashed columns trains over only the columns that
 * occur. The objective is convex, so where the solver starts (zeros, the previous model version, a neighbouring
 * penalty's solution) changes only how many iterations it takes. The penalty {@code l2} is lambda on the summed
 * loss, as in {@link SparseSoftmaxTrainer}: scikit-learn's C = 1 / lambda.
 */
public final class LbfgsSoftmaxTrainer {
    /** Stopping rule of a model version: max |gradient| 1e-5 or relative decrease 1e-10, at most 1,000 iterations. */
    public static final Lbfgs.Settings FINAL = new Lbfgs.Settings(1000, 1e-5, 1e-10, 10);
    /** Looser rule for cross-validation fits, whose held-out log-loss does not need the last digits. */
    public static final Lbfgs.Settings CROSS_VALIDATION = new Lbfgs.Settings(300, 1e-4, 1e-8, 10);
    /** Memory of s and y pairs kept for L-BFGS, in bytes, bounding the pairs on wide text models (3 to 10). */
    private static final long PAIR_BUDGET_BYTES = 64L << 20;

    private LbfgsSoftmaxTrainer() {
    }

    /** The trained weights, the L-BFGS iterations made, and whether a stopping criterion was met. */
    public record Result(SoftmaxWeights weights, int iterations, boolean converged) {
    }

    /**
     * Trains on featurised rows {@code x} with class indices {@code y} into {@code classes} classes.
     *
     * @param l2        L2 penalty lambda on the summed log-loss (scikit-learn's C = 1 / lambda)
     * @param warmStart weights to start from (same classes and dimension; e.g. the previous model version mapped
     *                  onto this feature space), or null to start from zero
     */
    public static Result train(List<FeatureBuffer> x, int[] y, int classes, int dimension, double l2,
                               SoftmaxWeights warmStart) {
        return train(x, y, null, classes, dimension, l2, warmStart);
    }

    /** The same with a weight per row in the loss ({@code rowWeight[i]} for row i; null: every row 1). */
    public static Result train(List<FeatureBuffer> x, int[] y, double[] rowWeight, int classes, int dimension, double l2,
                               SoftmaxWeights warmStart) {
        Problem p = Problem.of(x, y, rowWeight, classes, dimension);
        double[] w = p.start(warmStart);
        Lbfgs.Outcome o = p.solve(p.all(), l2, w, FINAL);
        return new Result(p.weights(w), o.iterations(), o.converged());
    }

    /** Featurised training rows prepared once for many fits (cross-validation folds along a penalty path). */
    public static final class Problem {
        private final CompactRows rows;
        private final int[] target;
        private final double[] rowWeight;
        private final int[] slot;
        private final int k;
        private final int classes;
        private final int dimension;

        private Problem(CompactRows rows, int[] target, double[] rowWeight, int[] slot, int k, int classes, int dimension) {
            this.rows = rows;
            this.target = target;
            this.rowWeight = rowWeight;
            this.slot = slot;
            this.k = k;
            this.classes = classes;
            this.dimension = dimension;
        }

        /** Rows {@code x} with class indices {@code y}; classes without an example get no parameters. */
        public static Problem of(List<FeatureBuffer> x, int[] y, int classes, int dimension) {
            return of(x, y, null, classes, dimension);
        }

        /** The same with a weight per row (null: every row 1). */
        public static Problem of(List<FeatureBuffer> x, int[] y, double[] rowWeight, int classes, int dimension) {
            ClassSlots s = ClassSlots.of(y, classes);
            return new Problem(CompactRows.of(x, dimension), s.target(), rowWeight, s.slot(), s.present(), classes,
                    dimension);
        }

        /** Indices of every row. */
        public int[] all() {
            int[] all = new int[target.length];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }

        /** A parameter vector at {@code init} (zeros where it is null or has other classes or dimension). */
        public double[] start(SoftmaxWeights init) {
            double[] w = new double[(rows.features + 1) * k];
            if (init == null || init.classes() != classes || init.dimension() != dimension) {
                return w;
            }
            for (int c = 0; c < classes; c++) {
                if (slot[c] >= 0) {
                    w[rows.features * k + slot[c]] = init.bias(c);
                    for (int f = 0; f < rows.features; f++) {
                        w[f * k + slot[c]] = init.weight(rows.original[f], c);
                    }
                }
            }
            return w;
        }

        /** Minimises the loss over the rows {@code subset} at penalty {@code l2}, from and into {@code w}. */
        public Lbfgs.Outcome solve(int[] subset, double l2, double[] w, Lbfgs.Settings settings) {
            int memory = (int) Math.max(3, Math.min(settings.memory(), PAIR_BUDGET_BYTES / (16L * w.length)));
            Lbfgs.Settings s = new Lbfgs.Settings(settings.maxIterations(), settings.gradientTolerance(),
                    settings.relativeTolerance(), memory);
            return Lbfgs.minimise(new SoftmaxLoss(rows, target, rowWeight, subset, k, l2), w, s);
        }

        /** Logits of the rows {@code subset} over all classes into {@code out[r]} (a class without examples gets a very low one). */
        public void logits(double[] w, int[] subset, double[][] out) {
            double[] z = new double[k];
            float[] wf = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                wf[i] = (float) w[i];
            }
            SoftmaxLoss loss = new SoftmaxLoss(rows, target, subset, k, 0);
            for (int r : subset) {
                loss.logits(wf, r, rows.features * k, z);
                for (int c = 0; c < classes; c++) {
                    out[r][c] = slot[c] < 0 ? SparseSoftmaxTrainer.ABSENT_CLASS_BIAS : z[slot[c]];
                }
            }
        }

        /** Scoring weights of a parameter vector. */
        public SoftmaxWeights weights(double[] w) {
            float[] f = new float[w.length];
            for (int i = 0; i < w.length; i++) {
                f[i] = (float) w[i];
            }
            return rows.toWeights(f, slot, classes, dimension);
        }

        public int size() {
            return target.length;
        }
    }
}
