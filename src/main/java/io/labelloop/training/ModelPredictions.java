package io.labelloop.training;

import io.labelloop.learning.LabelModel;
import io.labelloop.learning.Prediction;
import io.labelloop.training.internal.ModelStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Scores one encoded item with a project's latest model, with the per-class thresholds calibrated for it. */
@Service
public class ModelPredictions {

    private final ModelStore store;

    ModelPredictions(ModelStore store) {
        this.store = store;
    }

    /** A reusable scorer of the latest model for many items in a row (one thread), or empty before the first model. */
    public Optional<PoolScorer> poolScorer(long projectId) {
        return store.latest(projectId).map(latest -> {
            LabelModel model = store.model(projectId, latest.version());
            return new PoolScorer(latest.version(), model.classes(), model.scorer(), classThresholds(latest));
        });
    }

    /** Scores pool items with one model version; not thread-safe. */
    public record PoolScorer(int modelVersion, java.util.List<String> classes, LabelModel.ItemScorer scorer,
            Map<String, Double> classThresholds) {

        public Prediction predict(byte[] encoded) {
            return scorer.predict(encoded);
        }

        /** The verdict on one item, with class names and the calibrated thresholds. */
        public Scored score(byte[] encoded) {
            Prediction p = scorer.predict(encoded);
            return new Scored(modelVersion, p.label(), p.confidence(), probabilities(classes, p), classThresholds);
        }
    }

    /** The latest model's verdict, or empty before the first model. */
    public Optional<Scored> score(long projectId, byte[] encoded) {
        return poolScorer(projectId).map(s -> s.score(encoded));
    }

    /** Each class's probability by name, in the model's class order. */
    public static Map<String, Double> probabilities(LabelModel model, Prediction p) {
        return probabilities(model.classes(), p);
    }

    private static Map<String, Double> probabilities(java.util.List<String> classes, Prediction p) {
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            probabilities.put(classes.get(i), p.probabilities()[i]);
        }
        return probabilities;
    }

    /** A prediction as queue entries and the API show it: label, confidence, probabilities by class. */
    public static PredictionView asPrediction(LabelModel model, Prediction p) {
        return new PredictionView(p.label(), p.confidence(), probabilities(model, p));
    }

    /** A prediction as queue entries, the labeling page and the API show it. */
    public record PredictionView(String label, double confidence, Map<String, Double> probabilities) {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Double> classThresholds(ModelSummary latest) {
        Map<String, Object> t = latest.autoLabelThresholds();
        if (t == null || !Boolean.TRUE.equals(t.get("enoughHoldout")) || !(t.get("thresholds") instanceof Map<?, ?> m)) {
            return null;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        ((Map<String, Object>) m).forEach((k, v) -> {
            if (v instanceof Number n) {
                out.put(k, n.doubleValue());
            }
        });
        return out;
    }

    /** A model's prediction; {@code classThresholds} is null when no calibration allows auto-labeling. */
    public record Scored(int modelVersion, String label, double confidence, Map<String, Double> probabilities,
            Map<String, Double> classThresholds) {

        /** The prediction as queue entries and the API show it: label, confidence, probabilities. */
        public PredictionView asPrediction() {
            return new PredictionView(label, confidence, probabilities);
        }
    }
}
