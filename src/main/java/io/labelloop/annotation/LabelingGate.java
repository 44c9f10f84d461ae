package io.labelloop.annotation;

/**
 * Asked before a human label is stored: whether someone else holds the item, and whether the
 * item was drawn for the random holdout. Implemented by the queue, which owns leases.
 */
public interface LabelingGate {

    /**
     * Lets the label in and takes the item out of the queue, in the caller's transaction (a label
     * that is refused afterwards, because someone else labeled the item first, leaves it out too:
     * it is labeled either way).
     *
     * @throws io.labelloop.shared.ApiException 409 when another user holds an unexpired lease on the
     *         item; then nothing was changed
     */
    Admission admit(long projectId, long itemId, long userId);

    /** Whether a label on this item goes to the holdout (evaluation) instead of training. */
    record Admission(boolean holdout) {
    }
}
