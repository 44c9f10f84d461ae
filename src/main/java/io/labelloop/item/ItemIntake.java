package io.labelloop.item;

import io.labelloop.item.internal.SingleItems;
import io.labelloop.project.Project;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Stores one item arriving on its own (a stream), with the same checks as a bulk upload.
 * Idempotent on externalId: posting it again returns the stored item.
 */
@Service
public class ItemIntake {

    private final SingleItems single;

    ItemIntake(SingleItems single) {
        this.single = single;
    }

    /** The stored item's id and whether this call created it; 422 naming the problem for a bad item. */
    @Transactional
    public Stored store(Project project, JsonNode item) {
        return single.store(project, item);
    }

    public record Stored(long itemId, String externalId, boolean created) {
    }
}
