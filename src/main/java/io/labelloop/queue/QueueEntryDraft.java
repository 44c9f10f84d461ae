package io.labelloop.queue;

/**
 * An item the training cycle puts in the queue: its rank (1 = ask first), score, why it was
 * chosen (STRATEGY, COLD_START, EXPLORATION), and the model's prediction as JSON (null before a model).
 */
public record QueueEntryDraft(long itemId, int rank, double score, String reason, boolean holdout, Integer modelVersion,
        String predictionJson) {
}
