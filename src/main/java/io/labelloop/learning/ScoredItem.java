package io.labelloop.learning;

/**
 * What streaming scoring learned about one pool item.
 *
 * @param itemId           the caller's id
 * @param predictedLabel   most probable class
 * @param confidence       its calibrated probability
 * @param informativeness  the strategy's pointwise score (higher = more informative)
 */
public record ScoredItem(long itemId, String predictedLabel, double confidence, double informativeness) {
}
