package io.labelloop.training.internal;

import io.labelloop.item.ItemIntake;
import io.labelloop.item.ItemIntake.ToPredict;
import io.labelloop.learning.LabelModel;
import io.labelloop.project.Project;
import io.labelloop.shared.ApiException;
import io.labelloop.training.ModelPredictions;
import io.labelloop.training.ModelSummary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/** Predictions for items a caller sends (not stored) with the project's latest model. */
@Service
public class AdHocPredictions {

    private final ModelStore models;
    private final ItemIntake intake;
    private final ModelPredictions predictions;

    AdHocPredictions(ModelStore models, ItemIntake intake, ModelPredictions predictions) {
        this.models = models;
        this.intake = intake;
        this.predictions = predictions;
    }

    /** One item's prediction as {@code POST /predictions} answers it. */
    public record Predicted(String externalId, String label, double confidence, Map<String, Double> probabilities,
            int modelVersion) {
    }

    /** Reads the items as an upload does ({@link ItemIntake#readToPredict}: 400/422) and predicts them; 409 before the first model. */
    public List<Predicted> predict(Project project, JsonNode body) {
        long id = project.id();
        List<ToPredict> items = intake.readToPredict(project, body);
        ModelSummary latest = models.latest(id).orElseThrow(() -> ApiException.conflict("the project has no model yet"));
        LabelModel model = models.model(id, latest.version());
        var scorer = model.scorer();
        List<byte[]> encoded = predictions.readable(model, items.stream().map(ToPredict::encoded).toList(),
                items.stream().map(ToPredict::text).toList());
        List<Predicted> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            var p = ModelPredictions.asPrediction(model, scorer.predict(encoded.get(i)));
            out.add(new Predicted(items.get(i).externalId(), p.label(), p.confidence(), p.probabilities(), latest.version()));
        }
        return out;
    }
}
