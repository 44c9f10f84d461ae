package io.labelloop.training.internal;

import io.labelloop.item.ItemVectors;
import io.labelloop.learning.LabelModel;
import io.labelloop.learning.StoppingAdvice;
import io.labelloop.learning.StoppingAdvisor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Stopping advice from stabilising predictions: the model's labels on a fixed random stop set
 * are compared with the previous versions' (Cohen's kappa, Bloodgood and Vijay-Shanker 2009).
 * {@code newStopSet} is non-empty when this cycle drew the stop set (the first model that found pool items).
 */
record StopCheck(List<Long> newStopSet, List<String> predictions, Double kappa, boolean stop) {

    static StopCheck of(long projectId, LabelModel model, List<Long> stored, List<Long> drawn, ItemVectors vectors,
            boolean embeddings, ModelStore models) {
        List<Long> stopSet = stored.isEmpty() ? drawn : stored;
        Map<Long, byte[]> encoded = new TreeMap<>(vectors.of(projectId, stopSet, embeddings));
        if (encoded.isEmpty()) {
            // nothing to compare on yet (e.g. a stream project whose pool was all labeled when its first model
            // came): no advice, and the next cycle draws the stop set again
            return new StopCheck(List.of(), List.of(), null, false);
        }
        var scorer = model.scorer();
        List<String> predictions = new ArrayList<>(encoded.size());
        encoded.values().forEach(v -> predictions.add(scorer.predict(v).label()));
        List<List<String>> rounds = new ArrayList<>();
        for (List<String> earlier : models.recentStopPredictions(projectId, StoppingAdvisor.WINDOW)) {
            if (earlier.size() == predictions.size()) {
                rounds.add(earlier);
            }
        }
        rounds.add(predictions);
        StoppingAdvice advice = StoppingAdvisor.advise(rounds);
        Double kappa = advice.kappas().isEmpty() ? null : advice.kappas().getLast();
        return new StopCheck(stored.isEmpty() ? drawn : List.of(), predictions, kappa, advice.stop());
    }
}
