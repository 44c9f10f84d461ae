package io.labelloop.annotation;

/** A human took their label back; the item is unlabeled again (unless another label remains). */
public record LabelUndone(long projectId, long itemId, long userId) {
}
