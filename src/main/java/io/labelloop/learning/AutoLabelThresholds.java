package io.labelloop.learning;

import java.util.Map;

/**
 * Per-class confidence thresholds for auto-labelling.
 *
 * @param enoughHoldout     false when the holdout is too small to certify anything (then nothing is auto-labelled)
 * @param thresholds        class -&gt; lowest certified confidence; classes absent are never auto-labelled
 * @param targetAccuracy    alpha
 * @param delta             1 - confidence level (0.05)
 * @param expectedCoverage  fraction of holdout items that the thresholds would auto-label
 * @param holdoutErrorRate  error rate among those holdout items
 * @param holdoutSize       holdout labels used
 * @param message           explanation for the user
 */
public record AutoLabelThresholds(boolean enoughHoldout, Map<String, Double> thresholds, double targetAccuracy,
                                  double delta, double expectedCoverage, double holdoutErrorRate, int holdoutSize,
                                  String message) {
}
