package io.labelloop.learning;

/**
 * Provenance of a trained model version.
 *
 * @param algorithm          e.g. "multinomial logistic regression (Tribuo LinearSGDTrainer, LogMulticlass, AdaGrad + L2 weight decay)"
 * @param taskType           what the model featurises
 * @param featurizer         fitted featurizer description
 * @param l2                 L2 penalty used
 * @param l2ChosenBy         "cross-validation (k folds)", "reused from previous model" or "default"
 * @param labelsWhenChosen   label count when the penalty and temperature were chosen
 * @param temperature        softmax temperature from temperature scaling
 * @param eceBeforeScaling   out-of-fold expected calibration error at T = 1 (NaN when not measured)
 * @param eceAfterScaling    out-of-fold expected calibration error at the temperature used (T = 1, so equal to the
 *                           value before, when scaling did not lower it; NaN when not measured)
 * @param labelCount         labels trained on
 * @param classCount         classes the model knows
 * @param epochs             solver iterations: L-BFGS iterations, or SGD epochs for a model trained by SGD (and every
 *                           model stored before L-BFGS)
 * @param committeeSize      bootstrap committee members
 * @param seed               random seed
 * @param trainingMillis     wall time of training, including the search
 */
public record ModelMetadata(String algorithm, TaskType taskType, String featurizer, double l2, String l2ChosenBy,
                            int labelsWhenChosen, double temperature, double eceBeforeScaling, double eceAfterScaling,
                            int labelCount, int classCount, int epochs, int committeeSize, long seed,
                            long trainingMillis) {
}
