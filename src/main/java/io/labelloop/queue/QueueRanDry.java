package io.labelloop.queue;

/**
 * Claims used up the ranked batch: they hand out the cycle's headroom (the next-best picks queued behind the batch) or
 * unranked fallback items. A retrain-and-score cycle is due; it should land before the headroom runs out.
 */
public record QueueRanDry(long projectId) {
}
