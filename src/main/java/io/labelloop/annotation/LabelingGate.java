package io.labelloop.annotation;

import java.time.Instant;
import java.util.Optional;

/**
 * The queue's say on human labels. The admission itself runs in the database as the label is
 * inserted (trigger {@code labels_admit_human}, {@code R__queue_admission.sql}, owned by the queue): a label on an
 * item someone else holds under a live lease is not stored; otherwise the item leaves the queue
 * and the label takes the entry's holdout draw. This interface explains a label that was not stored.
 */
public interface LabelingGate {

    /** Until when another user holds the item under a live lease, if anyone does. */
    Optional<Instant> heldByAnother(long itemId, long userId);
}
