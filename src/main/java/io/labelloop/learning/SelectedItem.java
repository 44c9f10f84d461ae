package io.labelloop.learning;

/**
 * One item of a ranked batch.
 *
 * @param itemId the caller's id
 * @param rank   0 = label first
 * @param score  the strategy's score at selection (pointwise informativeness, or density-weighted score;
 *               for k-center and BADGE the informativeness of the item, the order being the pick order)
 */
public record SelectedItem(long itemId, int rank, double score) {
}
