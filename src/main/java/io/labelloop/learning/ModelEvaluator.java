package io.labelloop.learning;

import io.labelloop.learning.model.StratifiedFolds;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Evaluates a model version on the project's random holdout labels, or by stratified k-fold
 * cross-validation on the training labels when the holdout has fewer than {@link #MIN_HOLDOUT}
 * labels (Kohavi 1995, "A study of cross-validation and bootstrap for accuracy estimation").
 * Any holdout labels also give the holdout accuracy with its interval ({@link HoldoutAccuracy}):
 * the training labels are the strategy's picks, the hard items, so cross-validation on them
 * understates the accuracy on the pool, which only the random holdout measures.
 */
public final class ModelEvaluator {
    /** Smallest holdout that is used as is. */
    public static final int MIN_HOLDOUT = 30;
    /** Folds of the fallback cross-validation. */
    public static final int FOLDS = 5;

    private ModelEvaluator() {
    }

    /**
     * @param model          the model version
     * @param trainer        the trainer that made it (for the cross-validation fallback)
     * @param trainItems     its training items and labels (used only for the fallback)
     * @param holdoutItems   holdout items and labels (may be empty)
     */
    public static Evaluation evaluate(LabelModel model, ModelTrainer trainer, List<byte[]> trainItems,
                                      List<String> trainLabels, List<byte[]> holdoutItems, List<String> holdoutLabels) {
        if (holdoutItems.isEmpty()) {
            return crossValidate(model, trainer, trainItems, trainLabels);
        }
        List<String> predicted = predict(model, holdoutItems);
        int correct = 0;
        for (int i = 0; i < predicted.size(); i++) {
            correct += predicted.get(i).equals(holdoutLabels.get(i)) ? 1 : 0;
        }
        HoldoutAccuracy holdout = HoldoutAccuracy.of(predicted.size(), correct);
        Evaluation main = holdoutItems.size() >= MIN_HOLDOUT ? summarise(EvaluationMethod.HOLDOUT, 0, holdoutLabels, predicted)
                : crossValidate(model, trainer, trainItems, trainLabels);
        return main.withHoldout(holdout);
    }

    private static Evaluation crossValidate(LabelModel model, ModelTrainer trainer, List<byte[]> items,
                                            List<String> labels) {
        List<String> classes = new ArrayList<>(new TreeSet<>(labels));
        int[] y = labels.stream().mapToInt(classes::indexOf).toArray();
        int folds = Math.max(2, Math.min(FOLDS, items.size() / 2));
        int[] fold = StratifiedFolds.assign(y, classes.size(), folds, trainer.options().seed());
        List<String> truth = new ArrayList<>();
        List<String> predicted = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            List<byte[]> trainX = new ArrayList<>();
            List<String> trainY = new ArrayList<>();
            List<byte[]> testX = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                if (fold[i] == f) {
                    testX.add(items.get(i));
                    truth.add(labels.get(i));
                } else {
                    trainX.add(items.get(i));
                    trainY.add(labels.get(i));
                }
            }
            if (new TreeSet<>(trainY).size() < 2) {
                truth.subList(truth.size() - testX.size(), truth.size()).clear();
                continue;
            }
            LabelModel m = trainer.trainFixed(trainX, trainY, model.metadata().l2(), model.metadata().temperature(),
                    model);
            predicted.addAll(predict(m, testX));
        }
        return summarise(EvaluationMethod.CROSS_VALIDATION, folds, truth, predicted);
    }

    private static List<String> predict(LabelModel model, List<byte[]> items) {
        LabelModel.ItemScorer scorer = model.scorer();
        List<String> out = new ArrayList<>(items.size());
        for (byte[] item : items) {
            out.add(scorer.predict(item).label());
        }
        return out;
    }

    /** Accuracy, macro-F1, per-class figures and confusion matrix of predictions against truth. */
    static Evaluation summarise(EvaluationMethod method, int folds, List<String> truth, List<String> predicted) {
        TreeSet<String> all = new TreeSet<>(truth);
        all.addAll(predicted);
        List<String> classes = new ArrayList<>(all);
        int k = classes.size();
        int[][] confusion = new int[k][k];
        int correct = 0;
        for (int i = 0; i < truth.size(); i++) {
            int t = classes.indexOf(truth.get(i)), p = classes.indexOf(predicted.get(i));
            confusion[t][p]++;
            correct += t == p ? 1 : 0;
        }
        List<Evaluation.ClassMetrics> perClass = new ArrayList<>();
        double f1Sum = 0;
        for (int c = 0; c < k; c++) {
            int tp = confusion[c][c], support = 0, predictedC = 0;
            for (int j = 0; j < k; j++) {
                support += confusion[c][j];
                predictedC += confusion[j][c];
            }
            double precision = predictedC == 0 ? 0 : tp / (double) predictedC;
            double recall = support == 0 ? 0 : tp / (double) support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.add(new Evaluation.ClassMetrics(classes.get(c), precision, recall, f1, support));
            f1Sum += f1;
        }
        double accuracy = truth.isEmpty() ? 0 : correct / (double) truth.size();
        return new Evaluation(method, truth.size(), folds, accuracy, k == 0 ? 0 : f1Sum / k, perClass, classes,
                confusion, null);
    }
}
