package io.labelloop.learning;

/**
 * A model's output for one item.
 *
 * @param label         most probable class
 * @param confidence    its probability
 * @param probabilities calibrated probabilities in {@link LabelModel#classes()} order
 */
public record Prediction(String label, double confidence, double[] probabilities) {
}
