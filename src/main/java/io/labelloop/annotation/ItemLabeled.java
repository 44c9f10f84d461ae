package io.labelloop.annotation;

/** A human labeled an item (first time, or changed their label). Published inside the labeling transaction. */
public record ItemLabeled(long projectId, long itemId, long userId, String label, boolean holdout) {
}
