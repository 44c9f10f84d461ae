package io.labelloop.item;

import io.labelloop.item.internal.PredictionReader;
import io.labelloop.item.internal.SingleItems;
import io.labelloop.project.Project;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Stores one item arriving on its own (a stream), with the same checks as a bulk upload.
 * Idempotent on externalId: posting it again returns the stored item. Items sent to be predicted
 * are read here too, by the same reader and checks, and encoded as stored items are.
 */
@Service
public class ItemIntake {

    private final SingleItems single;
    private final PredictionReader predictionReader;

    ItemIntake(SingleItems single, PredictionReader predictionReader) {
        this.single = single;
        this.predictionReader = predictionReader;
    }

    /** The stored item's id and whether this call created it; 422 naming the problem for a bad item. */
    @Transactional
    public Stored store(Project project, JsonNode item) {
        return single.store(project, item);
    }

    /** The items of a predictions request (a JSON array), encoded; 400 for a body that is no array, 422 naming the item and field at fault. */
    public List<ToPredict> readToPredict(Project project, JsonNode body) {
        return predictionReader.read(project, body);
    }

    public record Stored(long itemId, String externalId, boolean created) {
    }

    /** An item to predict: the caller's externalId (echoed back, may be null), its encoded form, and its text for TEXT items. */
    public record ToPredict(String externalId, byte[] encoded, String text) {
    }
}
