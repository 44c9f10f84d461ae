package io.labelloop.stream;

/** What happened to an item posted on the stream. */
public record StreamDecision(long itemId, String externalId, Decision decision, String label, Double confidence,
        Integer modelVersion) {

    /** AUTO_LABELED: the model's label was accepted; QUEUED: a human will be asked; NOT_QUEUED: budget spent, stored unlabeled. */
    public enum Decision { AUTO_LABELED, QUEUED, NOT_QUEUED }
}
