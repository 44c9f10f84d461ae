package io.labelloop.learning;

import java.util.List;

/**
 * Everything another program needs to run a model version: the featurizer's fitted settings and the calibrated
 * softmax head p = softmax((x W + b) / T) over the featurizer's columns. The bootstrap committee (used only to
 * rank items) is left out.
 *
 * @param taskType       what the model featurises
 * @param family         the model family
 * @param representation the features the family starts from
 * @param classes        class names, in the order of the probabilities
 * @param featurizer     the fitted featurizer
 * @param weights        {@code weights[c][k]}: weight of column c for class k (columns x classes)
 * @param bias           intercept per class
 * @param temperature    softmax temperature (1 = none)
 */
public record ModelParameters(TaskType taskType, ModelFamily family, Representation representation,
                              List<String> classes, FeaturizerParameters featurizer, float[][] weights, float[] bias,
                              double temperature) {
}
