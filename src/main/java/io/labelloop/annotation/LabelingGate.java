package io.labelloop.annotation;

/**
 * Asked before a human label is stored: whether someone else holds the item, and whether the
 * item was drawn for the random holdout. Implemented by the queue, which owns leases.
 */
public interface LabelingGate {

    /** @throws io.labelloop.shared.ApiException 409 when another user holds an unexpired lease on the item */
    Admission admit(long projectId, long itemId, long userId);

    /** Whether a label on this item goes to the holdout (evaluation) instead of training. */
    record Admission(boolean holdout) {
    }
}
