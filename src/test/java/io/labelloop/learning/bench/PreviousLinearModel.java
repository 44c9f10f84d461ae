package io.labelloop.learning.bench;

import io.labelloop.learning.features.FeatureBuffer;
import io.labelloop.learning.model.SoftmaxWeights;
import io.labelloop.learning.model.SparseSoftmaxTrainer;
import io.labelloop.learning.model.StratifiedFolds;
import io.labelloop.learning.model.TemperatureScaler;
import java.util.ArrayList;
import java.util.List;

/**
 * The linear model as trained before the L-BFGS solver (kept for side-by-side figures): SGD with AdaGrad over a
 * fixed work budget ({@link SparseSoftmaxTrainer}), lambda in {0.001, 0.01, 0.1, 1} (C = 1,000 down to 1) by
 * 3-fold cross-validated log-loss up to 2,000 labels, lambda = 1 above.
 */
final class PreviousLinearModel {
    private static final double[] GRID = {0.001, 0.01, 0.1, 1.0};

    private PreviousLinearModel() {
    }

    record Fit(SoftmaxWeights weights, double l2) {
    }

    static Fit train(List<FeatureBuffer> x, int[] y, int classes, int dimension, long seed) {
        double l2 = x.size() <= 2000 ? choose(x, y, classes, dimension, seed) : 1.0;
        return new Fit(SparseSoftmaxTrainer.train(x, y, classes, dimension, l2, seed).weights(), l2);
    }

    private static double choose(List<FeatureBuffer> x, int[] y, int classes, int dimension, long seed) {
        int[] fold = StratifiedFolds.assign(y, classes, 3, seed);
        double best = Double.POSITIVE_INFINITY, bestL2 = GRID[0];
        for (double l2 : GRID) {
            double[][] logits = new double[x.size()][];
            for (int f = 0; f < 3; f++) {
                List<FeatureBuffer> tx = new ArrayList<>();
                List<Integer> ty = new ArrayList<>();
                for (int i = 0; i < x.size(); i++) {
                    if (fold[i] != f) {
                        tx.add(x.get(i));
                        ty.add(y[i]);
                    }
                }
                SoftmaxWeights w = SparseSoftmaxTrainer.train(tx, ty.stream().mapToInt(Integer::intValue).toArray(),
                        classes, dimension, l2, seed + f).weights();
                for (int i = 0; i < x.size(); i++) {
                    if (fold[i] == f) {
                        logits[i] = new double[classes];
                        w.logits(x.get(i), logits[i]);
                    }
                }
            }
            double loss = TemperatureScaler.nll(logits, y, 1.0);
            if (loss < best) {
                best = loss;
                bestL2 = l2;
            }
        }
        return bestL2;
    }
}
