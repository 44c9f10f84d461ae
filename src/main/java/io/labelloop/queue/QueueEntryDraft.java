package io.labelloop.queue;

/**
 * An item the training cycle puts in the queue: its rank (1 = ask first), score, why it was
 * chosen ({@link QueueReason#STRATEGY}, {@link QueueReason#COLD_START}, {@link QueueReason#EXPLORATION}), and the model's prediction as JSON (null before a model).
 */
public record QueueEntryDraft(long itemId, int rank, double score, QueueReason reason, boolean holdout, Integer modelVersion,
        String predictionJson) {
}
