package io.labelloop.learning.model;

import io.labelloop.learning.features.FeatureBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the L2 penalty by stratified k-fold cross-validation (lowest mean held-out log-loss over
 * a grid) and fits the softmax temperature on the out-of-fold logits of the chosen penalty, which
 * also gives the out-of-fold expected calibration error before and after scaling (T = 1 unless scaling
 * helps, see {@link TemperatureScaler#fitIfItHelps}).
 */
public final class RegularisationSearch {
    /** Default grid of L2 penalties on the summed loss (scikit-learn C = 1000, 100, 10, 1). */
    public static final double[] DEFAULT_GRID = {0.001, 0.01, 0.1, 1.0};

    private RegularisationSearch() {
    }

    /** Outcome: chosen lambda, temperature and out-of-fold calibration error before/after scaling. */
    public record Choice(double l2, double temperature, double eceBefore, double eceAfter, int folds) {
    }

    public static Choice choose(List<FeatureBuffer> x, int[] y, List<String> classes, int dimension,
                                double[] grid, int folds, long seed) {
        int k = classes.size();
        int[] fold = StratifiedFolds.assign(y, k, folds, seed);
        double bestLoss = Double.POSITIVE_INFINITY;
        double bestL2 = grid[0];
        double[][] bestLogits = null;
        for (double l2 : grid) {
            double[][] logits = outOfFoldLogits(x, y, classes, dimension, l2, fold, folds, seed);
            double loss = TemperatureScaler.nll(logits, y, 1.0);
            if (loss < bestLoss) {
                bestLoss = loss;
                bestL2 = l2;
                bestLogits = logits;
            }
        }
        double t = TemperatureScaler.fitIfItHelps(bestLogits, y);
        return new Choice(bestL2, t, TemperatureScaler.ece(bestLogits, y, 1.0), TemperatureScaler.ece(bestLogits, y, t),
                folds);
    }

    /** Logits of each item from a model trained on the other folds. */
    public static double[][] outOfFoldLogits(List<FeatureBuffer> x, int[] y, List<String> classes, int dimension,
                                             double l2, int[] fold, int folds, long seed) {
        double[][] logits = new double[x.size()][];
        for (int f = 0; f < folds; f++) {
            List<FeatureBuffer> trainX = new ArrayList<>();
            List<Integer> trainY = new ArrayList<>();
            for (int i = 0; i < x.size(); i++) {
                if (fold[i] != f) {
                    trainX.add(x.get(i));
                    trainY.add(y[i]);
                }
            }
            SoftmaxWeights w = SparseSoftmaxTrainer.train(trainX, trainY.stream().mapToInt(Integer::intValue).toArray(),
                    classes.size(), dimension, l2, seed + f).weights();
            for (int i = 0; i < x.size(); i++) {
                if (fold[i] == f) {
                    logits[i] = new double[classes.size()];
                    w.logits(x.get(i), logits[i]);
                }
            }
        }
        return logits;
    }
}
