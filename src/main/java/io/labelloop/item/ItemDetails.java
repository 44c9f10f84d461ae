package io.labelloop.item;

import io.labelloop.item.ItemView.LabelView;
import java.util.List;
import java.util.Optional;

/**
 * What other modules add to an item's view: their labels (annotation) and the latest model's
 * prediction (training). Implemented there, so that the item module depends on neither.
 */
public interface ItemDetails {

    default List<LabelView> labels(long projectId, long itemId) {
        return List.of();
    }

    default Optional<Object> prediction(long projectId, long itemId) {
        return Optional.empty();
    }

    default List<ItemView.JudgmentView> judgments(long projectId, long itemId) {
        return List.of();
    }

    default Optional<ItemView.ConsensusView> consensus(long projectId, long itemId) {
        return Optional.empty();
    }
}
