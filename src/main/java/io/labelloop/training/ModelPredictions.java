package io.labelloop.training;

import io.labelloop.embedding.TextEmbeddings;
import io.labelloop.learning.ItemEncoder;
import io.labelloop.learning.LabelModel;
import io.labelloop.learning.Prediction;
import io.labelloop.training.internal.ModelStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.springframework.stereotype.Service;

/** Scores one encoded item with a project's latest model, with the per-class thresholds calibrated for it. */
@Service
public class ModelPredictions {

    private final ModelStore store;
    private final TextEmbeddings embeddings;

    ModelPredictions(ModelStore store, TextEmbeddings embeddings) {
        this.store = store;
        this.embeddings = embeddings;
    }

    /** A reusable scorer of the latest model for many items in a row (one thread), or empty before the first model. */
    public Optional<PoolScorer> poolScorer(long projectId) {
        return store.latest(projectId).map(latest -> {
            LabelModel model = store.model(projectId, latest.version());
            return new PoolScorer(latest.version(), model.classes(), model.scorer(), classThresholds(latest),
                    model.choice().representation().usesEmbeddings(), embeddings::attach);
        });
    }

    /**
     * Scores pool items with one model version; not thread-safe. {@code usesEmbeddings}: the model reads texts'
     * sentence embeddings, so items are to be read with them ({@code ItemVectors} with embeddings), and a text
     * without one is embedded on the fly by the {@code text} variants.
     */
    public record PoolScorer(int modelVersion, java.util.List<String> classes, LabelModel.ItemScorer scorer,
            Map<String, Double> classThresholds, boolean usesEmbeddings, BiFunction<byte[], String, byte[]> embedder) {

        public Prediction predict(byte[] encoded) {
            return scorer.predict(encoded);
        }

        /** The prediction of a text item whose embedding may not be stored yet (it is computed now if needed). */
        public Prediction predict(byte[] encoded, String text) {
            return scorer.predict(readable(encoded, text));
        }

        /** The verdict on a text item whose embedding may not be stored yet. */
        public Scored score(byte[] encoded, String text) {
            return score(readable(encoded, text));
        }

        /** Whether the model can read the item as it is (it needs no embedding, or the item carries it). */
        public boolean canRead(byte[] encoded) {
            return !usesEmbeddings || ItemEncoder.hasEmbedding(encoded);
        }

        private byte[] readable(byte[] encoded, String text) {
            return canRead(encoded) || text == null ? encoded : embedder.apply(encoded, text);
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

    /** The same for an item with its text, embedded now when the model reads embeddings and the item has none. */
    public Optional<Scored> score(long projectId, byte[] encoded, String text) {
        return poolScorer(projectId).map(s -> s.score(encoded, text));
    }

    /** Encoded texts as {@code model} reads them: with their embeddings, computed now, when it uses embeddings. */
    public List<byte[]> readable(LabelModel model, List<byte[]> encoded, List<String> texts) {
        return model.choice().representation().usesEmbeddings() ? embeddings.attach(encoded, texts) : encoded;
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
