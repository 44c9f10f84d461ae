package io.labelloop.training.internal;

import io.labelloop.item.ItemDetails;
import io.labelloop.item.ItemVectors;
import io.labelloop.learning.LabelModel;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The latest model's prediction for an item, computed on demand from its stored vector. */
@Component
class PredictionDetails implements ItemDetails {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ModelStore models;
    private final ItemVectors vectors;

    PredictionDetails(ModelStore models, ItemVectors vectors) {
        this.models = models;
        this.vectors = vectors;
    }

    @Override
    public Optional<Object> prediction(long projectId, long itemId) {
        return models.latest(projectId).flatMap(latest -> {
            byte[] encoded = vectors.of(projectId, List.of(itemId)).get(itemId);
            if (encoded == null) {
                return Optional.empty();
            }
            LabelModel model = models.model(projectId, latest.version());
            var map = JSON.readValue(QueueMix.json(model, model.scorer().predict(encoded)), java.util.Map.class);
            @SuppressWarnings("unchecked")
            java.util.Map<String, Object> withVersion = new java.util.LinkedHashMap<>(map);
            withVersion.put("modelVersion", latest.version());
            return Optional.of(withVersion);
        });
    }
}
