package io.labelloop.learning;

import java.util.List;

/**
 * Quality of a model version.
 *
 * @param method      holdout or cross-validation
 * @param evaluatedOn number of labels the figures rest on
 * @param folds       folds of the cross-validation (0 for holdout)
 * @param accuracy    fraction of correct predictions
 * @param macroF1     unweighted mean of per-class F1 over classes present in truth or predictions
 * @param perClass    precision, recall, F1 and support per class
 * @param classes     row/column order of {@code confusion}
 * @param confusion   confusion[true][predicted] counts
 * @param holdout     the accuracy on the holdout labels with its 95% interval, whenever there are any (also when
 *                    they are too few to be the method and the figures above come from cross-validation); null
 *                    without holdout labels
 */
public record Evaluation(EvaluationMethod method, int evaluatedOn, int folds, double accuracy, double macroF1,
                         List<ClassMetrics> perClass, List<String> classes, int[][] confusion, HoldoutAccuracy holdout) {

    Evaluation withHoldout(HoldoutAccuracy h) {
        return new Evaluation(method, evaluatedOn, folds, accuracy, macroF1, perClass, classes, confusion, h);
    }

    /** Per-class figures (precision and recall are 0 when undefined). */
    public record ClassMetrics(String label, double precision, double recall, double f1, int support) {
    }
}
