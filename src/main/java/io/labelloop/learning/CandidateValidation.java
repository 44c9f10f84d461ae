package io.labelloop.learning;

import io.labelloop.learning.model.CalibrationError;
import io.labelloop.learning.model.StratifiedFolds;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.LongConsumer;

/**
 * Out-of-fold log-loss and accuracy of a trained candidate: stratified k-fold, each fold's model retrained
 * with the full model's penalty and temperature, starting from the full model's weights (so the comparison costs
 * k warm-started fits, not a nested search; every candidate is measured the same way, with its own penalty).
 */
final class CandidateValidation {
    /** Probabilities are clipped here, so that one confident mistake cannot dominate the mean. */
    static final double MIN_PROBABILITY = 1e-4;

    private CandidateValidation() {
    }

    record Score(double logLoss, double accuracy) {
    }

    static Score score(ModelTrainer trainer, LabelModel full, List<byte[]> items, List<String> labels, int folds) {
        double[][] p = outOfFold(trainer, full, items, labels, folds, trainer.options().seed());
        double loss = 0;
        int correct = 0, counted = 0;
        for (int i = 0; i < items.size(); i++) {
            if (p[i] == null) {
                continue;
            }
            int truth = full.classes().indexOf(labels.get(i));
            double pTruth = truth < 0 ? 0 : p[i][truth];
            loss -= Math.log(Math.max(MIN_PROBABILITY, pTruth));
            correct += truth >= 0 && CalibrationError.argmax(p[i]) == truth ? 1 : 0;
            counted++;
        }
        return counted == 0 ? new Score(Double.NaN, Double.NaN) : new Score(loss / counted, correct / (double) counted);
    }

    /**
     * Each item's probabilities (in {@code full}'s class order) from the fold model that did not see it; null for an
     * item whose fold could not be trained (fewer than two classes left without it).
     */
    static double[][] outOfFold(ModelTrainer trainer, LabelModel full, List<byte[]> items, List<String> labels,
            int folds, long seed) {
        return outOfFold(trainer, full, items, labels, folds, seed, worked -> {
        });
    }

    /** The same, calling {@code afterFold} with the nanoseconds each fold took. */
    static double[][] outOfFold(ModelTrainer trainer, LabelModel full, List<byte[]> items, List<String> labels,
            int folds, long seed, LongConsumer afterFold) {
        List<String> classes = full.classes();
        int[] y = labels.stream().mapToInt(classes::indexOf).toArray();
        int[] fold = StratifiedFolds.assign(y, classes.size(), folds, seed);
        double[][] p = new double[items.size()][];
        for (int f = 0; f < folds; f++) {
            long started = System.nanoTime();
            List<byte[]> trainX = new ArrayList<>();
            List<String> trainY = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                if (fold[i] != f) {
                    trainX.add(items.get(i));
                    trainY.add(labels.get(i));
                }
            }
            if (new TreeSet<>(trainY).size() < 2) {
                continue;
            }
            LabelModel m = trainer.trainFixed(trainX, trainY, full.metadata().l2(), full.metadata().temperature(), full);
            int[] slot = m.classes().stream().mapToInt(classes::indexOf).toArray();
            LabelModel.ItemScorer scorer = m.scorer();
            for (int i = 0; i < items.size(); i++) {
                if (fold[i] == f) {
                    double[] q = scorer.probabilities(items.get(i));
                    p[i] = new double[classes.size()];
                    for (int c = 0; c < q.length; c++) {
                        p[i][slot[c]] = q[c];
                    }
                }
            }
            afterFold.accept(System.nanoTime() - started);
        }
        return p;
    }
}
