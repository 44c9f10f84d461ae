package io.labelloop.training.internal;

import io.labelloop.item.ItemDetails;
import io.labelloop.item.ItemVectors;
import io.labelloop.learning.ItemEncoder;
import io.labelloop.learning.LabelModel;
import io.labelloop.training.ModelPredictions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The latest model's prediction for an item, computed on demand from its stored vector. */
@Component
class PredictionDetails implements ItemDetails {

    private final ModelStore models;
    private final ItemVectors vectors;

    PredictionDetails(ModelStore models, ItemVectors vectors) {
        this.models = models;
        this.vectors = vectors;
    }

    @Override
    public Optional<Object> prediction(long projectId, long itemId) {
        return models.latest(projectId).flatMap(latest -> {
            LabelModel model = models.model(projectId, latest.version());
            boolean embeddings = model.choice().representation().usesEmbeddings();
            byte[] encoded = vectors.of(projectId, List.of(itemId), embeddings).get(itemId);
            if (encoded == null || embeddings && !ItemEncoder.hasEmbedding(encoded)) {
                return Optional.empty(); // not encoded yet, or its embedding not there yet: no suggestion
            }
            var p = ModelPredictions.asPrediction(model, model.scorer().predict(encoded));
            return Optional.of(new Latest(p.label(), p.confidence(), p.probabilities(), latest.version()));
        });
    }

    /** The latest model's prediction for an item, with that model's version. */
    record Latest(String label, double confidence, Map<String, Double> probabilities, int modelVersion) {
    }
}
