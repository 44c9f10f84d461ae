package io.labelloop.learning.model;

import io.labelloop.learning.features.FeatureBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * Chooses the L2 penalty by stratified k-fold cross-validation (lowest mean held-out log-loss over a grid of
 * penalties) and fits the softmax temperature on the out-of-fold logits of the chosen penalty, which also gives
 * the out-of-fold expected calibration error before and after scaling (T = 1 unless scaling helps, see
 * {@link TemperatureScaler#fitIfItHelps}). Each fold's models are solved by {@link LbfgsSoftmaxTrainer} along the
 * path from the strongest penalty to the weakest, each warm-started from the fold's previous solution (as
 * glmnet and scikit-learn's {@code LogisticRegressionCV} do), and the path stops once the held-out log-loss has
 * risen at two grid points in a row past its lowest: weakly penalised fits take the most iterations and the
 * curve has one minimum in practice.
 */
public final class RegularisationSearch {
    /**
     * Default grid of L2 penalties on the summed loss: scikit-learn's C from 10^-3 to 10^3 in steps of 10^0.75
     * (nine points), wide enough for a strong penalty at 20 labels and almost none at thousands.
     */
    public static final double[] DEFAULT_GRID = grid(-3, 3, 9);
    /** Grid for {@link SparseSoftmaxTrainer}, whose weight decay acts differently (C = 1,000 down to 1, as before L-BFGS). */
    public static final double[] SGD_GRID = {0.001, 0.01, 0.1, 1.0};
    private static final int RISES_BEFORE_STOP = 2;

    private RegularisationSearch() {
    }

    /**
     * Outcome: chosen lambda, temperature, out-of-fold calibration error before/after scaling, folds, the
     * out-of-fold log-loss at the chosen penalty (temperature 1), and the mean of the folds' weights there
     * (a starting point for the model on all rows; null for SGD).
     */
    public record Choice(double l2, double temperature, double eceBefore, double eceAfter, int folds, double logLoss,
                         SoftmaxWeights foldMean) {
    }

    /** Lambdas 1 / C for C = 10^from .. 10^to in {@code points} log-spaced steps, strongest penalty first. */
    public static double[] grid(double fromExponent, double toExponent, int points) {
        double[] g = new double[points];
        for (int i = 0; i < points; i++) {
            g[i] = Math.pow(10, -(fromExponent + (toExponent - fromExponent) * i / (points - 1)));
        }
        return g;
    }

    public static Choice choose(List<FeatureBuffer> x, int[] y, List<String> classes, int dimension,
                                double[] grid, int folds, long seed) {
        LbfgsSoftmaxTrainer.Problem problem = LbfgsSoftmaxTrainer.Problem.of(x, y, classes.size(), dimension);
        int[] fold = StratifiedFolds.assign(y, classes.size(), folds, seed);
        double[] path = grid.clone();
        Arrays.sort(path);
        double[][] w = new double[folds][];
        for (int f = 0; f < folds; f++) {
            w[f] = problem.start(null);
        }
        double bestLoss = Double.POSITIVE_INFINITY, bestL2 = path[path.length - 1];
        double[][] bestLogits = null, bestWeights = null;
        int rises = 0;
        for (int g = path.length - 1; g >= 0 && rises < RISES_BEFORE_STOP; g--) {
            double[][] logits = new double[x.size()][classes.size()];
            fitFolds(problem, fold, folds, path[g], w, logits);
            double loss = TemperatureScaler.nll(logits, y, 1.0);
            if (loss < bestLoss) {
                bestLoss = loss;
                bestL2 = path[g];
                bestLogits = logits;
                bestWeights = copies(w);
                rises = 0;
            } else {
                rises++;
            }
        }
        return choice(bestL2, bestLogits, y, folds, bestLoss, problem.weights(mean(bestWeights)));
    }

    /** As {@link #choose} for models trained by {@link SparseSoftmaxTrainer}, over {@link #SGD_GRID}. */
    public static Choice chooseForSgd(List<FeatureBuffer> x, int[] y, List<String> classes, int dimension, int folds,
                                      long seed) {
        int[] fold = StratifiedFolds.assign(y, classes.size(), folds, seed);
        double bestLoss = Double.POSITIVE_INFINITY, bestL2 = SGD_GRID[0];
        double[][] bestLogits = null;
        for (double l2 : SGD_GRID) {
            double[][] logits = new double[x.size()][classes.size()];
            for (int f = 0; f < folds; f++) {
                int[] train = rowsWhere(fold, f, false);
                List<FeatureBuffer> tx = java.util.Arrays.stream(train).mapToObj(x::get).toList();
                int[] ty = java.util.Arrays.stream(train).map(i -> y[i]).toArray();
                SoftmaxWeights w = SparseSoftmaxTrainer.train(tx, ty, classes.size(), dimension, l2, seed + f).weights();
                for (int r : rowsWhere(fold, f, true)) {
                    w.logits(x.get(r), logits[r]);
                }
            }
            double loss = TemperatureScaler.nll(logits, y, 1.0);
            if (loss < bestLoss) {
                bestLoss = loss;
                bestL2 = l2;
                bestLogits = logits;
            }
        }
        return choice(bestL2, bestLogits, y, folds, bestLoss, null);
    }

    private static Choice choice(double l2, double[][] logits, int[] y, int folds, double loss, SoftmaxWeights start) {
        double t = TemperatureScaler.fitIfItHelps(logits, y);
        return new Choice(l2, t, TemperatureScaler.ece(logits, y, 1.0), TemperatureScaler.ece(logits, y, t), folds, loss,
                start);
    }

    /** Logits of each item from a model trained on the other folds. */
    public static double[][] outOfFoldLogits(List<FeatureBuffer> x, int[] y, List<String> classes, int dimension,
                                             double l2, int[] fold, int folds, long seed) {
        LbfgsSoftmaxTrainer.Problem problem = LbfgsSoftmaxTrainer.Problem.of(x, y, classes.size(), dimension);
        double[][] w = new double[folds][];
        for (int f = 0; f < folds; f++) {
            w[f] = problem.start(null);
        }
        double[][] logits = new double[x.size()][classes.size()];
        fitFolds(problem, fold, folds, l2, w, logits);
        return logits;
    }

    /** Solves each fold's model from {@code w[f]} (in place) and writes the held-out rows' logits. */
    private static void fitFolds(LbfgsSoftmaxTrainer.Problem problem, int[] fold, int folds, double l2, double[][] w,
                                 double[][] logits) {
        for (int f = 0; f < folds; f++) {
            int[] train = rowsWhere(fold, f, false);
            problem.solve(train, l2, w[f], LbfgsSoftmaxTrainer.CROSS_VALIDATION);
            problem.logits(w[f], rowsWhere(fold, f, true), logits);
        }
    }

    private static int[] rowsWhere(int[] fold, int f, boolean inFold) {
        return java.util.stream.IntStream.range(0, fold.length).filter(i -> (fold[i] == f) == inFold).toArray();
    }

    private static double[][] copies(double[][] w) {
        double[][] c = new double[w.length][];
        for (int i = 0; i < w.length; i++) {
            c[i] = w[i].clone();
        }
        return c;
    }

    private static double[] mean(double[][] w) {
        double[] m = new double[w[0].length];
        for (double[] v : w) {
            for (int i = 0; i < m.length; i++) {
                m[i] += v[i] / w.length;
            }
        }
        return m;
    }
}
