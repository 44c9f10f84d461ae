package io.labelloop.training.internal;

import io.labelloop.annotation.LabelQueries;
import io.labelloop.annotation.LabelQueries.HumanLabel;
import io.labelloop.item.ItemVectors;
import io.labelloop.item.ItemVectors.LabeledVector;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The labels a cycle learns from and is judged on: imported labels and human labels outside the
 * holdout train; human labels drawn for the holdout only evaluate. Machine labels never train.
 */
record TrainingSet(List<Long> trainIds, List<byte[]> trainItems, List<String> trainLabels, List<Long> holdoutIds,
        List<byte[]> holdoutItems, List<String> holdoutLabels, int humanLabels, Set<Long> labeledIds) {

    static TrainingSet load(long projectId, LabelQueries labels, ItemVectors vectors) {
        return load(projectId, labels, vectors, false);
    }

    /** The same; with {@code embeddings} the items carry their sentence embeddings (those that have one). */
    static TrainingSet load(long projectId, LabelQueries labels, ItemVectors vectors, boolean embeddings) {
        List<HumanLabel> human = labels.humanLabels(projectId);
        Map<Long, byte[]> humanVectors = vectors.of(projectId, human.stream().map(HumanLabel::itemId).toList(),
                embeddings);
        List<Long> trainIds = new ArrayList<>();
        List<byte[]> trainItems = new ArrayList<>();
        List<String> trainLabels = new ArrayList<>();
        List<Long> holdoutIds = new ArrayList<>();
        List<byte[]> holdoutItems = new ArrayList<>();
        List<String> holdoutLabels = new ArrayList<>();
        Set<Long> humanIds = new HashSet<>();
        for (HumanLabel h : human) {
            byte[] v = humanVectors.get(h.itemId());
            if (v == null) {
                continue;
            }
            humanIds.add(h.itemId());
            if (h.holdout()) {
                holdoutIds.add(h.itemId());
                holdoutItems.add(v);
                holdoutLabels.add(h.label());
            } else {
                trainIds.add(h.itemId());
                trainItems.add(v);
                trainLabels.add(h.label());
            }
        }
        for (LabeledVector imported : vectors.imported(projectId, embeddings)) {
            if (!humanIds.contains(imported.itemId())) {
                trainIds.add(imported.itemId());
                trainItems.add(imported.encoded());
                trainLabels.add(imported.label());
            }
        }
        int humanTraining = (int) human.stream().filter(h -> !h.holdout()).count();
        Set<Long> labeled = new HashSet<>(trainIds);
        human.forEach(h -> labeled.add(h.itemId()));
        return new TrainingSet(trainIds, trainItems, trainLabels, holdoutIds, holdoutItems, holdoutLabels, humanTraining, labeled);
    }

    long classCount() {
        return trainLabels.stream().distinct().count();
    }

    /** Project labels that no training label has yet. */
    List<String> missingClasses(List<String> projectLabels) {
        Set<String> seen = new HashSet<>(trainLabels);
        return projectLabels.stream().filter(l -> !seen.contains(l)).toList();
    }
}
