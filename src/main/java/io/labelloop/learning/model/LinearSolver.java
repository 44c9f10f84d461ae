package io.labelloop.learning.model;

import io.labelloop.learning.features.FeatureBuffer;
import java.util.List;

/**
 * Which solver trains a linear model on some rows: {@link LbfgsSoftmaxTrainer} (solved to convergence) unless the
 * rows are sparse (TF-IDF texts) and one L-BFGS iteration would cost more than {@value #LBFGS_WORK_LIMIT} work units,
 * where {@link SparseSoftmaxTrainer}'s fixed SGD budget is an order of magnitude cheaper and was as accurate with
 * thousands of texts (docs/learning-core.md, "A converged linear model"). Dense rows (numbers, pixels) always get
 * L-BFGS: there SGD cost 2-4 points of accuracy at every label count measured.
 */
public enum LinearSolver {
    LBFGS,
    SGD;

    /**
     * Units of one L-BFGS iteration: 3 passes over the non-zeros per class (gradient and line search) plus 50 per
     * parameter (the two-loop recursion over ten pairs and the vector updates); about 10 ms of a core at 10^7.
     */
    static final double LBFGS_WORK_LIMIT = 1e7;

    public static LinearSolver choose(List<FeatureBuffer> x, int classes, int dimension) {
        long nonZeros = 0;
        boolean[] seen = new boolean[dimension];
        int features = 0;
        for (FeatureBuffer row : x) {
            for (int i = 0; i < row.size; i++) {
                int j = row.index(i);
                if (row.values[i] != 0 && j < dimension) {
                    nonZeros++;
                    features += seen[j] ? 0 : 1;
                    seen[j] = true;
                }
            }
        }
        boolean sparse = nonZeros <= SparseSoftmaxTrainer.SPARSE_DENSITY * dimension * (double) x.size();
        double work = 3.0 * nonZeros * classes + 50.0 * (features + 1) * classes;
        return sparse && work > LBFGS_WORK_LIMIT ? SGD : LBFGS;
    }
}
